import { describe, expect, it } from "vitest";
import { planAddresses } from "../../../lib/plan/address-plan";
import type { RegionInput } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";
import { expectProblem, problemsOf } from "../spec/helpers";
import { agency, withAgencies } from "./fixtures";

const BLOCK_LINE = 5;
const ZONES_LINE = 6;

describe("planAddresses", () => {
  describe("GIVEN an agency with a block index", () => {
    const plan = planAddresses(withAgencies(agency("alpha", { block: "{ index: 3 }" })));

    it("THEN it gets the index-th /22 of each site's supernet", () => {
      const sites = plan.get("alpha")!;
      expect([...sites.keys()]).toEqual(["jeju-cdc", "mainland-drc"]);
      expect(sites.get("jeju-cdc")!.block).toBe("10.10.12.0/22");
      expect(sites.get("mainland-drc")!.block).toBe("10.20.12.0/22");
    });

    it("THEN its zones get the subnets of the region's rule inside the block", () => {
      expect(plan.get("alpha")!.get("jeju-cdc")!.zones).toEqual({
        dmz: "10.10.12.0/24",
        app: "10.10.13.0/24",
        db: "10.10.14.0/24",
        mgmt: "10.10.15.0/25",
      });
    });

    it("THEN the transit subnet is the last /28 of the block", () => {
      expect(plan.get("alpha")!.get("jeju-cdc")!.transit).toBe("10.10.15.240/28");
      expect(plan.get("alpha")!.get("mainland-drc")!.transit).toBe("10.20.15.240/28");
    });
  });

  describe("GIVEN an agency that uses some zones only", () => {
    it("THEN only those zones get subnets, at the same place as for any agency", () => {
      const plan = planAddresses(
        withAgencies(agency("alpha", { block: "{ index: 1 }", zones: ["db", "app"] })),
      );
      expect(plan.get("alpha")!.get("jeju-cdc")!.zones).toEqual({
        db: "10.10.6.0/24",
        app: "10.10.5.0/24",
      });
    });
  });

  describe("GIVEN an agency limited to some sites", () => {
    it("THEN it gets addresses only there", () => {
      const plan = planAddresses(withAgencies(agency("alpha", { sites: ["mainland-drc"] })));
      expect([...plan.get("alpha")!.keys()]).toEqual(["mainland-drc"]);
    });
  });

  describe("GIVEN explicit CIDRs", () => {
    it("WHEN each site has an agency-sized block in its supernet THEN those are the blocks", () => {
      const plan = planAddresses(
        withAgencies(
          agency("alpha", {
            block: "{ cidrs: { jeju-cdc: 10.10.40.0/22, mainland-drc: 10.20.8.0/22 } }",
          }),
        ),
      );
      expect(plan.get("alpha")!.get("jeju-cdc")!.block).toBe("10.10.40.0/22");
      expect(plan.get("alpha")!.get("mainland-drc")!.block).toBe("10.20.8.0/22");
      expect(plan.get("alpha")!.get("mainland-drc")!.zones.app).toBe("10.20.9.0/24");
    });

    it("WHEN a block is not a /22 THEN the problem gives the size required", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            agency("alpha", {
              block: "{ cidrs: { jeju-cdc: 10.10.40.0/24, mainland-drc: 10.20.8.0/22 } }",
            }),
          ),
        ),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: BLOCK_LINE,
        path: "addressBlock.cidrs.jeju-cdc",
        message: /^block 10\.10\.40\.0\/24 is not an agency-sized block$/,
        received: /^10\.10\.40\.0\/24$/,
        allowed: /^a \/22 \(addressPlan\.agencyPrefixLength\)$/,
      });
    });

    it("WHEN a block lies outside the site's supernet THEN the problem names the supernet", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            agency("alpha", {
              block: "{ cidrs: { jeju-cdc: 10.20.8.0/22, mainland-drc: 10.20.8.0/22 } }",
            }),
          ),
        ),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: BLOCK_LINE,
        path: "addressBlock.cidrs.jeju-cdc",
        message:
          /^block 10\.20\.8\.0\/22 is outside the supernet 10\.10\.0\.0\/16 of site jeju-cdc$/,
        allowed: /^a \/22 inside 10\.10\.0\.0\/16$/,
      });
    });

    it("WHEN a site of the agency has no block THEN the problem names the site", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(agency("alpha", { block: "{ cidrs: { jeju-cdc: 10.10.40.0/22 } }" })),
        ),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: BLOCK_LINE,
        path: "addressBlock.cidrs",
        message: /^no block for site "mainland-drc"$/,
        hint: /add "mainland-drc: <cidr>" under addressBlock\.cidrs/,
      });
    });

    it("WHEN the agency is limited to the sites it has blocks for THEN that is enough", () => {
      const plan = planAddresses(
        withAgencies(
          agency("alpha", {
            block: "{ cidrs: { jeju-cdc: 10.10.40.0/22 } }",
            sites: ["jeju-cdc"],
          }),
        ),
      );
      expect([...plan.get("alpha")!.keys()]).toEqual(["jeju-cdc"]);
    });
  });

  describe("GIVEN a block index outside the supernet", () => {
    it("THEN the problem gives the allowed range of indexes, once per site", () => {
      const problems = problemsOf(() =>
        planAddresses(withAgencies(agency("alpha", { block: "{ index: 64 }" }))),
      );
      expect(problems).toHaveLength(2);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: BLOCK_LINE,
        path: "addressBlock.index",
        message: /^block index 64 is outside the supernet 10\.10\.0\.0\/16 of site jeju-cdc$/,
        received: /^64$/,
        allowed: /^0 to 63 \(\/22 blocks of 10\.10\.0\.0\/16\)$/,
        hint: /^move this agency to a free block, e\.g\. addressBlock: \{ index: 0 \}; free: index 0 \(jeju-cdc 10\.10\.0\.0\/22, mainland-drc 10\.20\.0\.0\/22\);/,
      });
      expectProblem(problems, {
        message: /block index 64 is outside the supernet 10\.20\.0\.0\/16 of site mainland-drc/,
      });
    });

    it("WHEN the index is the last in range THEN it is accepted", () => {
      const plan = planAddresses(withAgencies(agency("alpha", { block: "{ index: 63 }" })));
      expect(plan.get("alpha")!.get("jeju-cdc")!.block).toBe("10.10.252.0/22");
    });
  });

  describe("GIVEN two agencies with overlapping blocks", () => {
    it("WHEN both use the same index THEN the one with the larger slug is reported, naming the other and free blocks", () => {
      const first = agency("alpha", { block: "{ index: 7 }", file: "agencies/one.yaml" });
      const second = agency("beta", { block: "{ index: 7 }", file: "agencies/two.yaml" });
      // Given in the other order: the choice does not depend on the order of the agencies.
      const problems = problemsOf(() => planAddresses(withAgencies(second, first)));
      expect(problems).toHaveLength(2);
      expectProblem(problems, {
        file: "agencies/two.yaml",
        line: BLOCK_LINE,
        path: "addressBlock.index",
        message:
          /^block 10\.10\.28\.0\/22 at site jeju-cdc overlaps the block of agency "alpha" \(agencies\/one\.yaml:5 addressBlock\.index\)$/,
        received: /^index 7$/,
        hint: /^move this agency to a free block, e\.g\. addressBlock: \{ index: 0 \}; free: index 0 \(jeju-cdc 10\.10\.0\.0\/22, mainland-drc 10\.20\.0\.0\/22\); index 1 \(.*\); index 2 \(.*\)$/,
      });
      expectProblem(problems, {
        file: "agencies/two.yaml",
        message:
          /at site mainland-drc overlaps the block of agency "alpha" \(agencies\/one\.yaml:5/,
      });
      expect(problems.every((p) => p.location.file === "agencies/two.yaml")).toBe(true);
    });

    it("WHEN an index lands on another agency's explicit CIDR THEN the index is reported, with the CIDR's place", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            agency("alpha", {
              block: "{ cidrs: { jeju-cdc: 10.10.20.0/22 } }",
              sites: ["jeju-cdc"],
            }),
            agency("beta", { block: "{ index: 4 }" }),
            agency("gamma", { block: "{ index: 5 }" }),
          ),
        ),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/gamma.yaml",
        path: "addressBlock.index",
        message:
          /^block 10\.10\.20\.0\/22 at site jeju-cdc overlaps the block of agency "alpha" \(agencies\/alpha\.yaml:5 addressBlock\.cidrs\.jeju-cdc\)$/,
        // The free blocks skip the explicit CIDR and beta's index: 0 to 3, not "highest plus one".
        hint: /free: index 0 \(jeju-cdc 10\.10\.0\.0\/22, mainland-drc 10\.20\.0\.0\/22\); index 1 .*; index 2 /,
      });
    });

    it("WHEN the agency being added has no placement lock yet THEN it is reported, whatever the slugs", () => {
      // The trap: a new agency copies "the highest index plus one" (here 5), which an
      // older agency with a smaller... or larger slug holds as an explicit CIDR.
      const holder = agency("zulu", {
        block: "{ cidrs: { jeju-cdc: 10.10.20.0/22 } }",
        sites: ["jeju-cdc"],
      });
      const added = agency("alpha", { block: "{ index: 5 }" });
      const locks = new Map([
        ["zulu", { spec: { version: 1, agency: "zulu", sites: {} }, source: holder.source }],
      ]);
      const input = { ...withAgencies(added, holder), placements: locks } as RegionInput;
      const problems = problemsOf(() => planAddresses(input));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        message:
          /overlaps the block of agency "zulu" \(agencies\/zulu\.yaml:5 addressBlock\.cidrs\.jeju-cdc\)/,
        hint: /addressBlock: \{ index: 0 \}/,
      });
    });

    it("WHEN the holder's explicit CIDR is reported THEN the fix lists the free blocks at its own sites", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            agency("alpha", { block: "{ index: 0 }" }),
            agency("beta", { block: "{ cidrs: { jeju-cdc: 10.10.0.0/22 } }", sites: ["jeju-cdc"] }),
          ),
        ),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/beta.yaml",
        path: "addressBlock.cidrs.jeju-cdc",
        message:
          /overlaps the block of agency "alpha" \(agencies\/alpha\.yaml:5 addressBlock\.index\)$/,
        received: /^10\.10\.0\.0\/22$/,
        hint: /free: index 1 \(jeju-cdc 10\.10\.4\.0\/22\); index 2 \(jeju-cdc 10\.10\.8\.0\/22\); index 3 /,
      });
    });

    it("WHEN three agencies claim one block THEN all but the holder are reported, naming the holder", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            ...["gamma", "alpha", "beta"].map((slug) =>
              agency(slug, { block: "{ index: 1 }", sites: ["jeju-cdc"] }),
            ),
          ),
        ),
      );
      expect(problems.map((p) => p.location.file)).toEqual([
        "agencies/beta.yaml",
        "agencies/gamma.yaml",
      ]);
      for (const problem of problems) expect(problem.message).toMatch(/agency "alpha"/);
    });

    it("WHEN they share an index only at different sites THEN there is no overlap", () => {
      const plan = planAddresses(
        withAgencies(
          agency("alpha", { block: "{ index: 7 }", sites: ["jeju-cdc"] }),
          agency("beta", { block: "{ index: 7 }", sites: ["mainland-drc"] }),
        ),
      );
      expect(plan.get("alpha")!.get("jeju-cdc")!.block).toBe("10.10.28.0/22");
      expect(plan.get("beta")!.get("mainland-drc")!.block).toBe("10.20.28.0/22");
    });
  });

  describe("GIVEN an agency that names a zone the region does not have", () => {
    it("THEN the problem points at that zone and lists the catalogue", () => {
      const problems = problemsOf(() =>
        planAddresses(withAgencies(agency("alpha", { zones: ["app", "web"] }))),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: ZONES_LINE,
        path: "zones[1]",
        message: /^unknown zone "web"$/,
        received: /^web$/,
        allowed: /^dmz, app, db, mgmt$/,
        hint: /zone of the region.s catalogue/,
      });
    });
  });

  describe("GIVEN an agency that lists a zone twice", () => {
    it("THEN the second mention is reported (it would give two networks of one name)", () => {
      const problems = problemsOf(() =>
        planAddresses(withAgencies(agency("alpha", { zones: ["app", "db", "app"] }))),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: ZONES_LINE,
        path: "zones[2]",
        message: /^zone "app" is listed twice \(first at zones\[0\]\)$/,
        hint: /list each zone once/,
      });
    });
  });

  describe("GIVEN several broken agencies", () => {
    it("THEN every problem is reported at once", () => {
      const problems = problemsOf(() =>
        planAddresses(
          withAgencies(
            agency("alpha", { zones: ["web"] }),
            agency("beta", { block: "{ index: 99 }", sites: ["jeju-cdc"] }),
          ),
        ),
      );
      expect(problems.map((p) => p.location.file)).toEqual([
        "agencies/alpha.yaml",
        "agencies/beta.yaml",
      ]);
    });
  });

  describe("GIVEN the example region", () => {
    it("THEN the blocks of the agencies are those of their files", () => {
      const { input } = exampleRegion();
      const plan = planAddresses(input);
      const blocks = Object.fromEntries(
        [...plan].map(([slug, sites]) => [slug, sites.get("jeju-cdc")!.block]),
      );
      expect(blocks).toEqual({
        "jeju-city": "10.10.4.0/22",
        "jeju-fire": "10.10.16.0/22",
        "jeju-medical-center": "10.10.12.0/22",
        "jeju-province": "10.10.0.0/22",
        "jeju-tourism": "10.10.20.0/22",
        "seogwipo-city": "10.10.8.0/22",
      });
    });
  });
});

describe("planAddresses with explicit CIDRs for a site the agency does not use", () => {
  it("THEN the stray key is reported with the agency's sites as allowed", () => {
    const problems = problemsOf(() =>
      planAddresses(
        withAgencies(
          agency("alpha", {
            sites: ["jeju-cdc"],
            block: "{ cidrs: { jeju-cdc: 10.10.40.0/22, jeju-cdx: 10.10.44.0/22 } }",
          }),
        ),
      ),
    );
    expectProblem(problems, {
      path: "addressBlock.cidrs.jeju-cdx",
      message: /block for site "jeju-cdx", where the agency has no tenant/,
    });
  });
});

describe("an addressBlock with a malformed CIDR", () => {
  it("THEN the CIDR itself is reported, not the whole union", () => {
    const problems = problemsOf(() =>
      agency("alpha", { block: "{ cidrs: { jeju-cdc: 10.10.40.1/22 } }" }),
    );
    expectProblem(problems, {
      line: BLOCK_LINE,
      path: "addressBlock.cidrs.jeju-cdc",
      message: /host bits zero/,
    });
  });
});
