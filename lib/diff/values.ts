/**
 * JSON value helpers: cdktf metadata removal, canonical text for comparison, and attribute paths.
 */
import { isRecord } from "./terraform-json";

/** An attribute path as segments: names and list indexes. */
export type PathSegments = readonly (string | number)[];

/** Drops cdktf's `//` bookkeeping at any depth: Terraform ignores it, so must the diff. */
export function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== "//") result[key] = stripMetadata(item);
  }
  return result;
}

/** JSON text with object keys sorted, so equal values give equal text whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) result[key] = sortKeys(value[key]);
  return result;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/** `allocation_pool[0].end`; map keys that are not identifiers are quoted: `metadata["a.b"]`. */
export function formatPath(segments: PathSegments): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The path as the provider schema names it: list indexes dropped, `allocation_pool.end`. */
export function schemaPath(segments: PathSegments): string {
  return segments.filter((segment) => typeof segment === "string").join(".");
}

/** Every string inside a value, with its path. */
export function* stringsIn(
  value: unknown,
  at: PathSegments = [],
): Generator<{ path: PathSegments; text: string }> {
  if (typeof value === "string") yield { path: at, text: value };
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringsIn(item, [...at, index]);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...at, key]);
  }
}

/** The value at a path, or undefined. */
export function valueAt(value: unknown, segments: PathSegments): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[segment];
    }
  }
  return current;
}
