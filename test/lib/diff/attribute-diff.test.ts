import { describe, expect, it } from "vitest";
import { diffValues } from "../../../lib/diff/attribute-diff";
import { formatPath } from "../../../lib/diff/values";

const paths = (before: unknown, after: unknown) =>
  diffValues(before, after).map((change) => ({ ...change, path: formatPath(change.path) }));

describe("diffValues", () => {
  it("GIVEN equal bodies whatever their key order THEN no change", () => {
    expect(diffValues({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it("GIVEN a changed field inside a block list THEN the deep path with before and after", () => {
    const before = { allocation_pool: [{ start: "10.0.0.10", end: "10.0.0.254" }] };
    const after = { allocation_pool: [{ start: "10.0.0.10", end: "10.0.0.200" }] };
    expect(paths(before, after)).toEqual([
      { path: "allocation_pool[0].end", before: "10.0.0.254", after: "10.0.0.200" },
    ]);
  });

  it("GIVEN a block appended THEN each of its leaves, absent before", () => {
    const before = { pool: [{ start: "a" }] };
    const after = { pool: [{ start: "a" }, { start: "b", end: "c" }] };
    expect(paths(before, after)).toEqual([
      { path: "pool[1].end", before: undefined, after: "c" },
      { path: "pool[1].start", before: undefined, after: "b" },
    ]);
  });

  it("GIVEN a list of plain values with an insertion THEN one change of the whole list", () => {
    expect(paths({ tags: ["a", "c"] }, { tags: ["a", "b", "c"] })).toEqual([
      { path: "tags", before: ["a", "c"], after: ["a", "b", "c"] },
    ]);
  });

  it("GIVEN map keys that are not identifiers THEN they are quoted in the path", () => {
    expect(paths({ metadata: { "a.b": "1" } }, { metadata: { "a.b": "2" } })).toEqual([
      { path: 'metadata["a.b"]', before: "1", after: "2" },
    ]);
  });

  it("GIVEN an attribute removed THEN after is undefined", () => {
    expect(paths({ name: "x", description: "d" }, { name: "x" })).toEqual([
      { path: "description", before: "d", after: undefined },
    ]);
  });

  it("GIVEN an empty block that appears THEN it is still a change", () => {
    expect(paths({}, { lifecycle: {} })).toEqual([
      { path: "lifecycle", before: undefined, after: {} },
    ]);
  });
});
