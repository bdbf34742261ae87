import { describe, expect, it } from "vitest";
import {
  affectedStacks,
  classifyChange,
  LIBRARY_INPUTS,
  type RegionFiles,
} from "../../../lib/plan/stack-inputs";
import { exampleRegion } from "../../helpers/example-region";

const { plan } = exampleRegion();
const allNames = plan.stacks.map((stack) => stack.name);

/** The example region as it sits in this repository, with the library at the root. */
const files: RegionFiles = {
  region: "stacks/jeju/region.yaml",
  agencyDir: "stacks/jeju/agencies",
  placementDir: "stacks/jeju/placement",
  agencies: new Map(
    [...new Set(plan.stacks.flatMap((s) => ("agency" in s ? [s.agency] : [])))].map((slug) => [
      `stacks/jeju/agencies/${slug}.yaml`,
      slug,
    ]),
  ),
  library: "",
};

const namesAffectedBy = (changed: readonly string[], where: RegionFiles = files) =>
  affectedStacks(plan.stacks, changed, where).stacks.map((stack) => stack.name);

describe("affectedStacks", () => {
  describe("GIVEN a change to one agency file", () => {
    it("THEN exactly that agency's tenancy and agency stacks at every site are affected, in plan order", () => {
      const names = namesAffectedBy(["stacks/jeju/agencies/jeju-city.yaml"]);
      expect(names).toEqual(
        allNames.filter((name) =>
          [
            "tenancy-jeju-city-jeju-cdc",
            "jeju-city-jeju-cdc",
            "tenancy-jeju-city-mainland-drc",
            "jeju-city-mainland-drc",
          ].includes(name),
        ),
      );
      expect(names).toHaveLength(4);
    });

    it("THEN an agency at one site only gets its stacks at that site", () => {
      expect(namesAffectedBy(["stacks/jeju/agencies/jeju-tourism.yaml"])).toEqual([
        "tenancy-jeju-tourism-jeju-cdc",
        "jeju-tourism-jeju-cdc",
      ]);
    });

    it("THEN no platform stack is affected", () => {
      const names = namesAffectedBy(["stacks/jeju/agencies/jeju-fire.yaml"]);
      expect(names.filter((name) => name.startsWith("platform-"))).toEqual([]);
    });

    it("THEN the cause names the file and the agency", () => {
      const { causes } = affectedStacks(
        plan.stacks,
        ["stacks/jeju/agencies/jeju-fire.yaml"],
        files,
      );
      expect(causes).toEqual([
        { kind: "agency", file: "stacks/jeju/agencies/jeju-fire.yaml", agency: "jeju-fire" },
      ]);
    });
  });

  describe("GIVEN an agency file whose name is not its slug", () => {
    it("THEN the slug it declares decides, not the file name", () => {
      const renamed: RegionFiles = {
        ...files,
        agencies: new Map([["stacks/jeju/agencies/0-tourism.yml", "jeju-tourism"]]),
      };
      expect(namesAffectedBy(["stacks/jeju/agencies/0-tourism.yml"], renamed)).toEqual([
        "tenancy-jeju-tourism-jeju-cdc",
        "jeju-tourism-jeju-cdc",
      ]);
    });
  });

  describe("GIVEN a change to one agency's placement lock", () => {
    it("THEN that agency's stacks are affected, as by its agency file", () => {
      expect(namesAffectedBy(["stacks/jeju/placement/jeju-city.lock.yaml"])).toEqual(
        namesAffectedBy(["stacks/jeju/agencies/jeju-city.yaml"]),
      );
    });
    it("THEN the lock of an agency that no longer exists affects nothing", () => {
      expect(namesAffectedBy(["stacks/jeju/placement/gone.lock.yaml"])).toEqual([]);
      expect(classifyChange("stacks/jeju/placement/notes.txt", files)).toBeUndefined();
    });
  });

  describe("GIVEN a change to the region file", () => {
    it("THEN every stack is affected", () => {
      expect(namesAffectedBy(["stacks/jeju/region.yaml"])).toEqual(allNames);
    });
  });

  describe("GIVEN a change to library code or what pins it", () => {
    const libraryFiles = [
      "lib/plan/region-plan.ts",
      "lib/constructs/tenant-network.ts",
      "stacks/app.ts",
      "stacks/agency-stack.ts",
      "cli/commands/synth.ts",
      "package.json",
      "package-lock.json",
      "openstack-bindings.json",
      "vendor/openstack/provider-schema.json",
    ];
    for (const file of libraryFiles) {
      it(`THEN ${file} affects every stack`, () => {
        expect(namesAffectedBy([file])).toEqual(allNames);
        expect(classifyChange(file, files)).toEqual({ kind: "library", file });
      });
    }
  });

  describe("GIVEN changes that are no stack's input", () => {
    const others = [
      "README.md",
      "docs/ci-fan-out.md",
      "test/cli/synth.test.ts",
      "scripts/bench/run.ts",
      "stacks/README.md",
      "stacks/jeju/notes.ts",
      "stacks/jeju/agencies/README.md",
      "stacks/jeju/agencies/drafts/new-agency.yaml",
      "other-region/agencies/jeju-city.yaml",
      "schemas/agency.schema.json",
      "library/x.ts",
    ];
    it("THEN nothing is affected and no cause is reported", () => {
      expect(affectedStacks(plan.stacks, others, files)).toEqual({ stacks: [], causes: [] });
    });
  });

  describe("GIVEN a removed agency file", () => {
    it("THEN it is a cause, but synthesizes nothing: its stacks are gone from the plan", () => {
      const result = affectedStacks(plan.stacks, ["stacks/jeju/agencies/old-agency.yaml"], files);
      expect(result.stacks).toEqual([]);
      expect(result.causes).toEqual([
        { kind: "removed-agency", file: "stacks/jeju/agencies/old-agency.yaml" },
      ]);
    });
  });

  describe("GIVEN several changes, some repeated", () => {
    it("THEN causes are sorted by file and deduplicated, and stacks unioned in plan order", () => {
      const result = affectedStacks(
        plan.stacks,
        [
          "stacks/jeju/agencies/seogwipo-city.yaml",
          "README.md",
          "stacks/jeju/agencies/jeju-city.yaml",
          "stacks/jeju/agencies/seogwipo-city.yaml",
        ],
        files,
      );
      expect(result.causes.map((cause) => cause.file)).toEqual([
        "stacks/jeju/agencies/jeju-city.yaml",
        "stacks/jeju/agencies/seogwipo-city.yaml",
      ]);
      const names = result.stacks.map((stack) => stack.name);
      expect(names).toEqual(
        allNames.filter((name) => name.includes("jeju-city") || name.includes("seogwipo-city")),
      );
      expect(names).toHaveLength(8);
    });

    it("THEN one library change among agency changes affects every stack", () => {
      expect(namesAffectedBy(["stacks/jeju/agencies/jeju-city.yaml", "lib/openstack.ts"])).toEqual(
        allNames,
      );
    });
  });

  describe("GIVEN the library in a folder of the repository", () => {
    const nested: RegionFiles = { ...files, library: "tools/tamna" };

    it("THEN its code under that folder affects every stack", () => {
      expect(namesAffectedBy(["tools/tamna/lib/plan/names.ts"], nested)).toEqual(allNames);
      expect(namesAffectedBy(["tools/tamna/stacks/app.ts"], nested)).toEqual(allNames);
    });

    it("THEN a lib/ folder of the repository itself is not the library", () => {
      expect(namesAffectedBy(["lib/plan/names.ts"], nested)).toEqual([]);
    });

    it("THEN the repository's own package files still pin the versions", () => {
      expect(namesAffectedBy(["package-lock.json"], nested)).toEqual(allNames);
    });
  });

  describe("GIVEN the library outside the repository (installed from a registry)", () => {
    const outside: RegionFiles = { ...files, library: undefined };

    it("THEN lib/ and stacks/ of the repository are not the library", () => {
      expect(namesAffectedBy(["lib/plan/names.ts", "stacks/app.ts"], outside)).toEqual([]);
    });

    it("THEN a change to the repository's package files affects every stack", () => {
      expect(namesAffectedBy(["package.json"], outside)).toEqual(allNames);
    });
  });

  describe("GIVEN the list of library inputs", () => {
    it("THEN it is pinned, so that a new input is a visible decision", () => {
      expect(LIBRARY_INPUTS).toEqual([
        "lib/",
        "cli/",
        "stacks/*.ts",
        "vendor/",
        "package.json",
        "package-lock.json",
        "openstack-bindings.json",
      ]);
    });
  });
});
