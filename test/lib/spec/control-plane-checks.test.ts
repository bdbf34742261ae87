import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkControlPlane } from "../../../lib/spec/control-plane-checks";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { expectProblem, JEJU_DIR, lineOf, replaceOnce } from "./helpers";

const REGION_FILE = "region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");

/** The fixture region with both sites on one cloud entry, and `pairs` as sharedControlPlane. */
function oneCloud(text: string = JEJU_REGION): string {
  return replaceOnce(
    replaceOnce(text, "cloud: jeju-cdc\n", "cloud: jeju\n"),
    "cloud: mainland-drc\n",
    "cloud: jeju\n",
  );
}

function withPairs(text: string, pairs: string): string {
  return `${text}\nsharedControlPlane:\n${pairs}`;
}

function problems(text: string) {
  return checkControlPlane(parseSpec(REGION_FILE, text, RegionSpec));
}

describe("checkControlPlane", () => {
  it("GIVEN two separate clouds WHEN checked THEN there is no problem", () => {
    expect(problems(JEJU_REGION)).toEqual([]);
  });

  it("GIVEN one cloud with two regions and shared DNS WHEN checked THEN there is no problem", () => {
    const text = withPairs(oneCloud(), "  - { sites: [jeju-cdc, mainland-drc], dns: shared }\n");
    expect(problems(text)).toEqual([]);
  });

  it("GIVEN two sites with the same cloud and OpenStack region WHEN checked THEN the second site's openstackRegion is located", () => {
    const text = replaceOnce(
      oneCloud(),
      "openstackRegion: MainlandDRC",
      "openstackRegion: JejuCDC",
    );
    const found = problems(text);
    expect(found).toHaveLength(1);
    expectProblem(found, {
      file: REGION_FILE,
      line:
        text
          .split("\n")
          .findIndex(
            (line, index) => index > lineOf(text, "  mainland-drc:") && line.includes("JejuCDC"),
          ) + 1,
      path: "sites.mainland-drc.openstackRegion",
      message: /jeju-cdc and mainland-drc both use cloud "jeju" and OpenStack region "JejuCDC"/,
      hint: /OpenStack region of its own data center/,
    });
  });

  it("GIVEN shared DNS between sites of different clouds WHEN checked THEN the dns field is located", () => {
    const text = withPairs(JEJU_REGION, "  - sites: [jeju-cdc, mainland-drc]\n    dns: shared\n");
    const found = problems(text);
    expect(found).toHaveLength(1);
    expectProblem(found, {
      file: REGION_FILE,
      line: lineOf(text, "    dns: shared"),
      path: "sharedControlPlane[0].dns",
      message:
        /shared DNS between sites of different clouds: jeju-cdc uses cloud "jeju-cdc", mainland-drc uses "mainland-drc"/,
      hint: /dns: per-site/,
    });
  });

  it("GIVEN a pair naming an unknown site WHEN checked THEN the site is located with the known ones", () => {
    const text = withPairs(oneCloud(), "  - sites: [jeju-cdc, busan-drc]\n");
    expectProblem(problems(text), {
      path: "sharedControlPlane[0].sites[1]",
      message: /unknown site "busan-drc"/,
    });
  });

  it("GIVEN a pair declared twice or a site paired with itself WHEN checked THEN each is located", () => {
    const twice = withPairs(
      oneCloud(),
      "  - sites: [jeju-cdc, mainland-drc]\n  - sites: [mainland-drc, jeju-cdc]\n",
    );
    expectProblem(problems(twice), {
      path: "sharedControlPlane[1].sites",
      message: /paired twice \(first at sharedControlPlane\[0\]\)/,
    });
    const self = withPairs(oneCloud(), "  - sites: [jeju-cdc, jeju-cdc]\n");
    expectProblem(problems(self), {
      path: "sharedControlPlane[0].sites[1]",
      message: /paired with itself/,
    });
  });
});
