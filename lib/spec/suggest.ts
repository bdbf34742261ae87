import { distance } from "fastest-levenshtein";

/**
 * Did-you-mean for names a user typed (field names, catalogue keys): the known name the typo most
 * likely stands for, or nothing when none is close. Names are compared without case and without
 * separators, so `drmode`, `dr_mode` and `dr-mode` all find `drMode`; a name that starts the
 * known one (or that the known one starts) beats an edit-distance match; and an edit-distance
 * match (a swap of two neighbouring letters counts as one edit) must be within a third of the
 * name's length, so that a far-off name suggests nothing rather than an unrelated field.
 */

/** The shortest name a prefix match is trusted for: `dr` alone says too little. */
const MIN_PREFIX_LENGTH = 3;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, "");
}

/** `name` is `known` followed by a new word: `drMode` or `dr_mode` for `dr`. */
export function startsWord(name: string, known: string): boolean {
  return (
    known.length > 0 &&
    name.length > known.length &&
    name.startsWith(known) &&
    /^[A-Z_\-.]/.test(name.slice(known.length))
  );
}

export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  const typed = normalise(name);
  if (typed.length === 0) return undefined;
  const candidates = [...new Set(known)].map((candidate) => ({
    candidate,
    norm: normalise(candidate),
  }));

  const same = candidates.find(({ norm }) => norm === typed);
  if (same) return same.candidate;

  // One name starts the other: a shortened or an over-long name (`drMod`, `volumeTypes`), or a
  // known short name followed by a word of its own (`drMode` for `dr`, whose field is `mode`).
  const prefixed = candidates
    .filter(
      ({ candidate, norm }) =>
        (Math.min(norm.length, typed.length) >= MIN_PREFIX_LENGTH &&
          (norm.startsWith(typed) || typed.startsWith(norm))) ||
        startsWord(name, candidate),
    )
    .sort(
      (a, b) => Math.abs(a.norm.length - typed.length) - Math.abs(b.norm.length - typed.length),
    );
  if (prefixed.length > 0) return prefixed[0]!.candidate;

  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { candidate: string; edits: number } | undefined;
  for (const { candidate, norm } of candidates) {
    const edits = swapsTwoLetters(typed, norm) ? 1 : distance(typed, norm);
    if (edits <= allowed && (best === undefined || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate;
}

/** `a` is `b` with two neighbouring letters swapped, the commonest typo (one edit, not two). */
function swapsTwoLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((char, i) => (char !== b[i] ? [i] : []));
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
}

/** `did you mean "x"?`, or undefined when nothing is close. */
export function didYouMeanText(name: string, known: Iterable<string>): string | undefined {
  const best = didYouMean(name, known);
  return best === undefined ? undefined : `did you mean "${best}"?`;
}
