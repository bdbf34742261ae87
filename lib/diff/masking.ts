/**
 * Which values the diff must not print: attributes the provider schema marks sensitive (plus
 * the secrets it does not mark, see EXTRA_SENSITIVE), and values that read a variable declared
 * `sensitive: true`. A masked value shows as `(sensitive)`; that it changed is still shown.
 */
import { SENSITIVE } from "./model";
import { variablesIn } from "./references";
import { stringsIn } from "./values";

/** True when any string inside `value` reads one of the `sensitive` variables. */
export function readsSensitiveVariable(value: unknown, sensitive: ReadonlySet<string>): boolean {
  if (sensitive.size === 0) return false;
  for (const { text } of stringsIn(value)) {
    if (variablesIn(text).some((name) => sensitive.has(name))) return true;
  }
  return false;
}

/** `value`, or `(sensitive)` when it must be hidden; absence stays absence. */
export function mask(value: unknown, hidden: boolean): unknown {
  return hidden && value !== undefined ? SENSITIVE : value;
}
