/**
 * References between blocks as they appear in Terraform JSON: `"${type.name.attr}"` inside
 * strings, and plain `"type.name"` in `depends_on`. Only addresses the caller knows count, so a
 * description that happens to contain `a.b` is never taken for a reference.
 */
import { isRecord } from "./terraform-json";

export interface Reference {
  /** `type.name` or `data.type.name`. */
  readonly address: string;
  /** The attribute read, e.g. `id`; undefined for a whole-block reference (`depends_on`). */
  readonly attribute?: string;
}

const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?:\.([A-Za-z_]\w*))?/g;

/** Every reference-shaped token in a string; filter by the addresses you know. */
export function referencesIn(text: string): Reference[] {
  return [...text.matchAll(REFERENCE)].map((match) => ({
    address: match[1]!,
    attribute: match[2],
  }));
}

/** References in a string to addresses in `known`. */
export function knownReferencesIn(
  text: string,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): Reference[] {
  return referencesIn(text).filter((reference) => known.has(reference.address));
}

/** The one address a string such as `"${openstack_x.y.id}"` refers to, if it is in `known`. */
export function referencedAddress(
  value: unknown,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): string | undefined {
  if (typeof value !== "string") return undefined;
  return knownReferencesIn(value, known)[0]?.address;
}

/** A copy of `value` with every reference to an address in `renames` pointing at its new address. */
export function rewriteReferences(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (renames.size === 0) return value;
  if (typeof value === "string") {
    return value.replace(REFERENCE, (token, address: string, attribute: string | undefined) => {
      const renamed = renames.get(address);
      if (renamed === undefined) return token;
      return attribute === undefined ? renamed : `${renamed}.${attribute}`;
    });
  }
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, renames));
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = rewriteReferences(item, renames);
    return result;
  }
  return value;
}

const VARIABLE = /(?<![\w.-])var\.([A-Za-z_][\w-]*)/g;

/** Names of the Terraform variables a string reads. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1]!);
}
