import type { SchemaRule } from "./rules";

/** One problem inside a block, before it is placed in a stack and an address. */
export interface Issue {
  readonly rule: SchemaRule;
  /** Path inside the block, e.g. `allocation_pool[0].start`; empty for the block itself. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** Appends `name` to a path: `a` + `b` = `a.b`, `` + `b` = `b`. */
export function joinPath(path: string, name: string): string {
  if (!path) return name;
  return name.startsWith("[") ? `${path}${name}` : `${path}.${name}`;
}
