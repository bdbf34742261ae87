/**
 * Deep comparison of two resource bodies into leaf attribute changes, the way a reviewer reads
 * them: `allocation_pool[0].end: "10.10.5.254" -> "10.10.5.200"`.
 */
import { isRecord } from "./terraform-json";
import { deepEqual, type PathSegments } from "./values";

/** A changed leaf; `before` or `after` is undefined when the attribute is absent on that side. */
export interface RawChange {
  readonly path: PathSegments;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Objects are compared key by key, and lists of objects (Terraform blocks such as
 * `allocation_pool`) element by element. Lists of plain values (`tags`, `dns_nameservers`) are
 * one value: element-wise output would show every element after an insertion as changed.
 */
export function diffValues(before: unknown, after: unknown, at: PathSegments = []): RawChange[] {
  if (deepEqual(before, after)) return [];
  if (isRecord(before) || isRecord(after)) {
    if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after))) {
      return diffObjects(before ?? {}, after ?? {}, at, before === undefined, after === undefined);
    }
  }
  if (isBlockList(before) || isBlockList(after)) {
    if (blockListOrNothing(before) && blockListOrNothing(after)) {
      const length = Math.max(lengthOf(before), lengthOf(after));
      const changes: RawChange[] = [];
      for (let index = 0; index < length; index++) {
        const was = Array.isArray(before) ? before[index] : undefined;
        const is = Array.isArray(after) ? after[index] : undefined;
        changes.push(...diffValues(was, is, [...at, index]));
      }
      return changes;
    }
  }
  return [{ path: at, before, after }];
}

function diffObjects(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  at: PathSegments,
  wasAbsent: boolean,
  isAbsent: boolean,
): RawChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: RawChange[] = [];
  for (const key of keys) {
    changes.push(
      ...diffValues(wasAbsent ? undefined : before[key], isAbsent ? undefined : after[key], [
        ...at,
        key,
      ]),
    );
  }
  // An empty block appearing or disappearing has no leaves; still a change.
  if (changes.length === 0) {
    changes.push({
      path: at,
      before: wasAbsent ? undefined : before,
      after: isAbsent ? undefined : after,
    });
  }
  return changes;
}

/** A non-empty list whose elements are all objects: a Terraform block list. */
function isBlockList(value: unknown): value is readonly Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isRecord);
}

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** A block list, an empty list, or nothing: what the other side of a block list may be. */
function blockListOrNothing(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every(isRecord));
}
