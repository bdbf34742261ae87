import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AgencySpec } from "../../../lib/spec/agency";
import { agencyTemplate, type AgencyTemplate } from "../../../lib/spec/agency-template";
import { PLACEHOLDER } from "../../../lib/spec/common";
import { parseSpec } from "../../../lib/spec/load";
import type { RegionSpec } from "../../../lib/spec/region";
import { exampleRegionFile } from "../../helpers/example-region";
import { problemsOf } from "./helpers";

const region = exampleRegionFile().spec;

function template(fields: Partial<AgencyTemplate> = {}): string {
  return agencyTemplate({
    slug: "alpha",
    name: "알파",
    zones: ["app", "db"],
    block: { index: 9, cidrs: { "jeju-cdc": "10.10.36.0/22" } },
    schemaPath: "../schemas/agency.schema.json",
    region,
    ...fields,
  });
}

/** The file with its commented example system in place of `systems: []`. */
function uncommented(text: string): string {
  const [head, example] = text.split("systems: []\n");
  return head + example!.replace(/^# ?/gm, "");
}

const complete: Partial<AgencyTemplate> = {
  csapTier: "low",
  owner: { name: "담당자", email: "owner@alpha.example" },
};

describe("agencyTemplate", () => {
  describe("GIVEN no CSAP tier and no owner", () => {
    const problems = problemsOf(() => parseSpec("alpha.yaml", template(), AgencySpec));

    it("THEN the schema refuses exactly the placeholders, each at its field", () => {
      expect(problems.map((p) => p.location.path)).toEqual([
        "csapTier",
        "contacts[0].name",
        "contacts[0].email",
      ]);
      expect(problems.find((p) => p.location.path === "contacts[0].name")?.message).toMatch(
        new RegExp(`placeholder ${PLACEHOLDER}`),
      );
    });
  });

  describe("GIVEN every value the user knows", () => {
    it("THEN the file is a valid agency as written, with no systems", () => {
      const text = template(complete);
      expect(text).not.toContain(PLACEHOLDER);
      const { spec } = parseSpec("alpha.yaml", text, AgencySpec);
      expect(spec).toMatchObject({ addressBlock: { index: 9 }, zones: ["app", "db"], systems: [] });
    });

    it("THEN its commented example system is valid once uncommented, in a zone of the agency", () => {
      const { spec } = parseSpec("alpha.yaml", uncommented(template(complete)), AgencySpec);
      expect(spec.systems).toHaveLength(1);
      const [workload] = spec.systems[0]!.workloads;
      expect(workload).toMatchObject({ zone: "app", flavor: "m1.small", image: "rocky-9" });
      expect(spec.systems[0]!.site).toBeUndefined();
    });
  });

  describe("GIVEN an agency without the region's primary site", () => {
    it("THEN the example system names the agency's site", () => {
      const text = uncommented(template({ ...complete, sites: ["mainland-drc"] }));
      const { spec } = parseSpec("alpha.yaml", text, AgencySpec);
      expect(spec.sites).toEqual(["mainland-drc"]);
      expect(spec.systems[0]!.site).toBe("mainland-drc");
    });
  });

  describe("GIVEN an agency with a data zone only", () => {
    it("THEN the example workload sits there without a load balancer", () => {
      const text = uncommented(template({ ...complete, zones: ["db"] }));
      const workload = parseSpec("alpha.yaml", text, AgencySpec).spec.systems[0]!.workloads[0]!;
      expect(workload.zone).toBe("db");
      expect(workload.expose).toBeUndefined();
    });
  });

  describe("GIVEN region text with line breaks and user text with YAML syntax", () => {
    it("THEN comments stay comments and the name stays data", () => {
      const odd: RegionSpec = structuredClone(region);
      odd.zones.app!.description = "first line\nsecond: line";
      const name = "x: y # z\n{a}";
      const text = template({ ...complete, region: odd, name });
      expect(parse(text)).toMatchObject({ name });
      expect(text).toMatch(/^# {3}app: first line second: line \(reaches intranet\)$/m);
    });
  });
});
