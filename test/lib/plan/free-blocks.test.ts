import { describe, expect, it } from "vitest";
import {
  describeFreeBlock,
  freeBlocks,
  takenBlocks,
  type FreeBlocks,
} from "../../../lib/plan/free-blocks";
import type { RegionSpec } from "../../../lib/spec/region";
import { exampleRegionFile } from "../../helpers/example-region";
import { agency } from "./fixtures";

/** The example region file (jeju-cdc 10.10.0.0/16, mainland-drc 10.20.0.0/16, /22 blocks). */
const region = exampleRegionFile().spec;
const BOTH = ["jeju-cdc", "mainland-drc"];

function free(
  agencies: ReturnType<typeof agency>[],
  sites: readonly string[] = BOTH,
  limit = 3,
  spec: RegionSpec = region,
): FreeBlocks {
  const taken = takenBlocks(
    spec,
    agencies.map((each) => each.spec),
  );
  return freeBlocks(spec, taken, sites, limit);
}

describe("freeBlocks", () => {
  describe("GIVEN no agency", () => {
    it("THEN index 0 and on are free, with their CIDR at each site", () => {
      const result = free([], BOTH, 2);
      expect(result.full).toEqual([]);
      expect(result.free).toEqual([
        { index: 0, cidrs: { "jeju-cdc": "10.10.0.0/22", "mainland-drc": "10.20.0.0/22" } },
        { index: 1, cidrs: { "jeju-cdc": "10.10.4.0/22", "mainland-drc": "10.20.4.0/22" } },
      ]);
    });
  });

  describe("GIVEN agencies with indexes, leaving a gap", () => {
    it("THEN the gap comes first, then the indexes past the highest", () => {
      const result = free([
        agency("alpha", { block: "{ index: 0 }" }),
        agency("beta", { block: "{ index: 2 }" }),
      ]);
      expect(result.free.map((block) => block.index)).toEqual([1, 3, 4]);
    });
  });

  describe("GIVEN an agency that wrote its CIDR out where the next index would be", () => {
    it("THEN that block is taken: highest index plus one is not offered", () => {
      const result = free([
        agency("alpha", { block: "{ index: 0 }" }),
        agency("beta", { block: "{ index: 1 }" }),
        // 10.10.8.0/22 is index 2 at jeju-cdc; beta's explicit block at mainland-drc is index 5.
        agency("gamma", {
          block: "{ cidrs: { jeju-cdc: 10.10.8.0/22, mainland-drc: 10.20.20.0/22 } }",
        }),
      ]);
      expect(result.free.map((block) => block.index)).toEqual([3, 4, 6]);
    });

    it("THEN a CIDR wider than a block takes every block it covers", () => {
      const result = free(
        [agency("alpha", { block: "{ cidrs: { jeju-cdc: 10.10.0.0/21 } }" })],
        ["jeju-cdc"],
      );
      expect(result.free.map((block) => block.index)).toEqual([2, 3, 4]);
    });
  });

  describe("GIVEN agencies at different sites", () => {
    const agencies = [
      agency("alpha", { block: "{ index: 0 }", sites: ["jeju-cdc"] }),
      agency("beta", { block: "{ index: 1 }", sites: ["mainland-drc"] }),
    ];

    it("THEN a block taken at one site is free at the other", () => {
      expect(free(agencies, ["jeju-cdc"]).free[0]!.index).toBe(1);
      expect(free(agencies, ["mainland-drc"]).free[0]!.index).toBe(0);
    });

    it("THEN an agency at both sites gets an index free at both", () => {
      expect(free(agencies).free[0]!.index).toBe(2);
    });
  });

  describe("GIVEN a site whose supernet is full", () => {
    // A /20 at jeju-cdc holds four /22 blocks.
    const small = structuredClone(region);
    small.addressPlan.supernets["jeju-cdc"] = "10.10.0.0/20";
    const agencies = [0, 1, 2, 3].map((index) =>
      agency(`a${index}`, { block: `{ index: ${index} }`, sites: ["jeju-cdc"] }),
    );

    it("THEN nothing is free there, and the full site is named", () => {
      const result = free(agencies, BOTH, 3, small);
      expect(result.free).toEqual([]);
      expect(result.full).toEqual(["jeju-cdc"]);
    });

    it("THEN the other site alone still has free blocks", () => {
      const result = free(agencies, ["mainland-drc"], 3, small);
      expect(result.full).toEqual([]);
      expect(result.free[0]!.index).toBe(0);
    });

    it("THEN an index beyond the smaller supernet is never offered", () => {
      const result = free(agencies.slice(0, 3), BOTH, 3, small);
      expect(result.free.map((block) => block.index)).toEqual([3]);
    });
  });

  describe("GIVEN a block to describe", () => {
    it("THEN it reads as the index and each site's CIDR", () => {
      expect(describeFreeBlock(free([], BOTH, 1).free[0]!)).toBe(
        "index 0 (jeju-cdc 10.10.0.0/22, mainland-drc 10.20.0.0/22)",
      );
    });
  });
});
