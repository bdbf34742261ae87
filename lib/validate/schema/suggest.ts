import { closest, distance } from "fastest-levenshtein";

/**
 * The known name closest to `name`, when it is close enough to be a likely typo (or the
 * snake_case form of a camelCase name, the usual slip when overriding cdktf output).
 */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const candidates = [...known];
  if (candidates.length === 0) return undefined;
  const snake = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (snake !== name && candidates.includes(snake)) return snake;
  const best = closest(name, candidates);
  // About half the name, 2 to 4 edits, so that "subnet" still finds "subnet_id".
  const allowed = Math.min(4, Math.max(2, Math.ceil(name.length / 2)));
  return distance(name, best) <= allowed ? best : undefined;
}

/** `did you mean "x"?`, or undefined. */
export function suggestion(name: string, known: Iterable<string>): string | undefined {
  const best = didYouMean(name, known);
  return best === undefined ? undefined : `did you mean "${best}"?`;
}
