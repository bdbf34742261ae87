import { NOTES_ID } from "./model";

/**
 * Hands out node and cluster identifiers made from names, never from positions, so that the
 * same plan gives the same identifiers on every run and a diff of two pictures stays small.
 */
export class StableIds {
  private readonly taken = new Set<string>([NOTES_ID]);

  /**
   * Letters, digits and underscores only, so that neither Mermaid nor DOT needs quoting; the
   * first name is a kind prefix, so it never starts with a digit or is a keyword. Names that
   * sanitise alike get a suffix, in the (sorted) order they are drawn.
   */
  claim(names: readonly string[]): string {
    const base = names.join("_").replace(/[^A-Za-z0-9]+/g, "_");
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    return id;
  }
}
