/**
 * Grouping stacks into CI jobs: balanced, deterministic, and stable when one is added.
 */
import { describe, expect, it } from "vitest";
import { groupIntoJobs, SLACK, type JobGroup, type Weighted } from "../../cli/job-groups";

/** Weights like the example's agency stacks (70 to 200 resources). */
const WEIGHTS = [153, 117, 103, 103, 102, 95, 199, 149, 75, 77, 70];
const items = (count: number, tag = "s"): Weighted[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `agency-${String(i).padStart(4, "0")}-${tag}`,
    weight: WEIGHTS[i % WEIGHTS.length]!,
  }));

const loads = (groups: readonly JobGroup<Weighted>[]) =>
  groups.map((group) => group.items.reduce((sum, item) => sum + item.weight, 0));
const jobByName = (groups: readonly JobGroup<Weighted>[]) =>
  new Map(groups.flatMap((group) => group.items.map((item) => [item.name, group.index])));

function expectEachExactlyOnce(groups: readonly JobGroup<Weighted>[], given: Weighted[]) {
  const names = groups.flatMap((group) => group.items.map((item) => item.name));
  expect(names).toHaveLength(given.length);
  expect(new Set(names)).toEqual(new Set(given.map((item) => item.name)));
}

describe("groupIntoJobs", () => {
  describe("GIVEN 1,000 stacks and 256 jobs", () => {
    const given = items(1000);
    const groups = groupIntoJobs(given, 256);

    it("THEN there are at most 256 non-empty jobs holding every stack exactly once", () => {
      expect(groups.length).toBeLessThanOrEqual(256);
      expect(groups.every((group) => group.items.length > 0)).toBe(true);
      expectEachExactlyOnce(groups, given);
    });

    it("THEN no job carries more than the slack (and a grid step of 4.4%) above the average", () => {
      const average = given.reduce((sum, item) => sum + item.weight, 0) / 256;
      expect(Math.max(...loads(groups))).toBeLessThanOrEqual((1 + SLACK) * 2 ** (1 / 16) * average);
    });

    it("THEN the jobs are numbered within 0..255 and list their stacks by name", () => {
      for (const group of groups) {
        expect(group.index).toBeGreaterThanOrEqual(0);
        expect(group.index).toBeLessThan(256);
        const names = group.items.map((item) => item.name);
        expect(names).toEqual([...names].sort());
      }
    });

    it("THEN the same stacks in another order give the same jobs", () => {
      const shuffled = [...given].reverse().sort((a, b) => a.weight - b.weight);
      expect(groupIntoJobs(shuffled, 256)).toEqual(groups);
    });

    it("WHEN one more stack comes THEN at most 1% of the others change jobs", () => {
      const before = jobByName(groups);
      for (const extra of [0, 123, 500, 999]) {
        const after = jobByName(
          groupIntoJobs([...given, { name: `agency-${extra}-x`, weight: 150 }], 256),
        );
        const moved = [...before].filter(([name, job]) => after.get(name) !== job);
        expect(moved.length, `after agency-${extra}-x`).toBeLessThanOrEqual(10);
      }
    });
  });

  describe("GIVEN one job", () => {
    it("THEN every stack is in it, by name", () => {
      const given = items(7);
      const groups = groupIntoJobs([...given].reverse(), 1);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.index).toBe(0);
      expect(groups[0]!.items.map((item) => item.name)).toEqual(given.map((item) => item.name));
    });
  });

  describe("GIVEN at least as many jobs as stacks", () => {
    it.each([5, 6, 256])(
      "WHEN %i jobs THEN each stack is a job of its own, numbered by name",
      (jobs) => {
        const given = items(5);
        const groups = groupIntoJobs([...given].reverse(), jobs);
        expect(groups).toEqual(given.map((item, index) => ({ index, items: [item] })));
      },
    );
  });

  describe("GIVEN a stack heavier than the average job", () => {
    it("THEN it has a job of its own and nothing passes its weight", () => {
      const given = [{ name: "big", weight: 1000 }, ...items(8)];
      const groups = groupIntoJobs(given, 4);
      expectEachExactlyOnce(groups, given);
      expect(
        groups.find((group) => group.items.some((item) => item.name === "big"))!.items,
      ).toHaveLength(1);
      expect(Math.max(...loads(groups))).toBe(1000);
    });
  });

  describe("GIVEN no stacks", () => {
    it("THEN there are no jobs", () => {
      expect(groupIntoJobs([], 256)).toEqual([]);
    });
  });

  describe("GIVEN a job count below 1 or not whole", () => {
    it.each([0, -1, 2.5])("WHEN %s THEN it refuses", (jobs) => {
      expect(() => groupIntoJobs(items(3), jobs)).toThrow(/whole number of 1 or more, got/);
    });
  });
});
