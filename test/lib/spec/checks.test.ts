import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import { checkAgencies, checkRegion } from "../../../lib/spec/checks";
import { loadRegionDir, parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import {
  copyJeju,
  editFile,
  expectProblem,
  JEJU_DIR,
  lineOf,
  problemsOf,
  replaceOnce,
  VALID_AGENCY,
  writeFile,
} from "./helpers";

const REGION_FILE = "stacks/jeju/region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");
const JEJU_REGION_SPEC = parseSpec(REGION_FILE, JEJU_REGION, RegionSpec);

/** checkRegion problems of the Jeju region with `from` replaced by `to`. */
function regionProblems(from: string | RegExp, to: string) {
  const text = replaceOnce(JEJU_REGION, from, to);
  return { text, problems: checkRegion(parseSpec(REGION_FILE, text, RegionSpec)) };
}

function agency(file: string, text: string) {
  return parseSpec(file, text, AgencySpec);
}

describe("checks", () => {
  describe("checkRegion", () => {
    it("GIVEN the Jeju region WHEN checked THEN there is no problem", () => {
      expect(checkRegion(JEJU_REGION_SPEC)).toEqual([]);
    });

    describe("GIVEN a vlan external network", () => {
      it("WHEN segmentationId is missing THEN the problem points at the network", () => {
        const { text, problems } = regionProblems("        segmentationId: 102\n", "");
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          file: REGION_FILE,
          line: lineOf(text, "ext-intranet:"),
          path: "sites.jeju-cdc.externalNetworks.ext-intranet",
          message: /vlan network needs segmentationId/,
          hint: /segmentationId: <VLAN ID>.*networkType: flat/,
        });
      });

      it("WHEN it is flat and has a segmentationId THEN the problem points at segmentationId", () => {
        const { text, problems } = regionProblems(
          "networkType: vlan\n        physicalNetwork: physnet-ext\n        segmentationId: 201",
          "networkType: flat\n        physicalNetwork: physnet-ext\n        segmentationId: 201",
        );
        expectProblem(problems, {
          line: lineOf(text, "segmentationId: 201"),
          path: "sites.mainland-drc.externalNetworks.ext-internet.segmentationId",
          message: /flat network has no segmentationId/,
        });
      });
    });

    describe("GIVEN addresses outside their external network", () => {
      it("WHEN the gateway is outside the cidr THEN the problem names the address and the network", () => {
        const { text, problems } = regionProblems(
          "gatewayIp: 203.0.113.1",
          "gatewayIp: 203.0.114.1",
        );
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "203.0.114.1"),
          path: "sites.jeju-cdc.externalNetworks.ext-internet.gatewayIp",
          message: /address 203\.0\.114\.1 is outside the network 203\.0\.113\.0\/24/,
          received: /^203\.0\.114\.1$/,
          allowed: /inside 203\.0\.113\.0\/24/,
        });
      });

      it("WHEN an allocation pool end is outside THEN the problem points at that end", () => {
        const { text, problems } = regionProblems("end: 172.17.3.250", "end: 172.17.4.250");
        expectProblem(problems, {
          line: lineOf(text, "172.17.4.250"),
          path: "sites.mainland-drc.externalNetworks.ext-intranet.allocationPools[0].end",
          message: /outside the network 172\.17\.0\.0\/22/,
        });
      });
    });

    describe("GIVEN overlapping address ranges", () => {
      it("WHEN two supernets overlap THEN the problem names both owners", () => {
        const { text, problems } = regionProblems(
          "mainland-drc: 10.20.0.0/16",
          "mainland-drc: 10.10.128.0/17",
        );
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "mainland-drc: 10.10.128.0/17"),
          path: "addressPlan.supernets.mainland-drc",
          message:
            /10\.10\.128\.0\/17 \(supernet of site mainland-drc\) overlaps 10\.10\.0\.0\/16 \(supernet of site jeju-cdc\)/,
        });
      });

      it("WHEN an external network overlaps a supernet THEN the problem names the network and the supernet", () => {
        const { text, problems } = regionProblems(
          /cidr: 172\.17\.0\.0\/22\n {8}gatewayIp: 172\.17\.0\.1\n {8}allocationPools:\n {10}- start: 172\.17\.0\.10\n {12}end: 172\.17\.3\.250/,
          "cidr: 10.20.4.0/22\n        gatewayIp: 10.20.4.1",
        );
        expectProblem(problems, {
          line: lineOf(text, "cidr: 10.20.4.0/22"),
          path: "sites.mainland-drc.externalNetworks.ext-intranet.cidr",
          message:
            /external network ext-intranet of site mainland-drc\) overlaps 10\.20\.0\.0\/16 \(supernet of site mainland-drc\)/,
        });
      });

      it("WHEN two external networks are the same range THEN the later one is reported", () => {
        const { problems } = regionProblems(
          /cidr: 198\.51\.100\.0\/24\n {8}gatewayIp: 198\.51\.100\.1\n {8}allocationPools:\n {10}- start: 198\.51\.100\.10\n {12}end: 198\.51\.100\.250/,
          "cidr: 203.0.113.0/24\n        gatewayIp: 203.0.113.1",
        );
        expectProblem(problems, {
          path: "sites.mainland-drc.externalNetworks.ext-internet.cidr",
          message:
            /\(external network ext-internet of site mainland-drc\) overlaps .*\(external network ext-internet of site jeju-cdc\)/,
        });
      });
    });

    describe("GIVEN a supernet plan that does not match the sites", () => {
      it("WHEN a site has no supernet THEN the problem names the site at the supernets line", () => {
        const { text, problems } = regionProblems("    mainland-drc: 10.20.0.0/16\n", "");
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "supernets:"),
          path: "addressPlan.supernets",
          message: /site "mainland-drc" has no supernet/,
          allowed: /jeju-cdc, mainland-drc/,
          hint: /add "mainland-drc: <cidr>"/,
        });
      });

      it("WHEN a supernet names an unknown site THEN the problem lists the sites", () => {
        const { text, problems } = regionProblems(
          "    mainland-drc: 10.20.0.0/16\n",
          "    mainland-drc: 10.20.0.0/16\n    seoul-drc: 10.30.0.0/16\n",
        );
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "seoul-drc"),
          path: "addressPlan.supernets.seoul-drc",
          message: /supernet for unknown site "seoul-drc"/,
          received: /^seoul-drc$/,
          allowed: /^jeju-cdc, mainland-drc$/,
        });
      });

      it("WHEN a supernet is smaller than an agency block THEN the problem says so", () => {
        const { problems } = regionProblems("jeju-cdc: 10.10.0.0/16", "jeju-cdc: 10.10.0.0/24");
        expectProblem(problems, {
          path: "addressPlan.supernets.jeju-cdc",
          message: /10\.10\.0\.0\/24 is smaller than one agency block \(\/22\)/,
        });
      });
    });

    describe("GIVEN sites without a primary", () => {
      it("WHEN checked THEN the problem points at sites", () => {
        const { text, problems } = regionProblems("role: primary", "role: dr");
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "sites:"),
          path: "sites",
          message: /^no primary site$/,
          allowed: /role: primary/,
        });
      });
    });

    describe("GIVEN duplicate availability zone names", () => {
      it("WHEN checked THEN the second one is reported with the index of the first", () => {
        const { text, problems } = regionProblems("- name: cdc-az3", "- name: cdc-az1");
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          line: lineOf(text, "Hall C") - 1,
          path: "sites.jeju-cdc.availabilityZones[2].name",
          message: /availability zone "cdc-az1" is listed twice \(first at index 0\)/,
        });
      });

      it("WHEN two sites use the same zone name THEN that is allowed", () => {
        const { problems } = regionProblems("- name: drc-az1", "- name: cdc-az1");
        expect(problems).toEqual([]);
      });
    });
  });

  describe("checkAgencies", () => {
    it("GIVEN an agency with its own sites WHEN a site is unknown THEN the problem lists the sites", () => {
      const text = `${VALID_AGENCY}sites: [jeju-cdc, seoul-drc]\n`;
      const problems = checkAgencies(JEJU_REGION_SPEC, [agency("a.yaml", text)]);
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "a.yaml",
        line: lineOf(text, "sites:"),
        path: "sites[1]",
        message: /unknown site "seoul-drc"/,
        received: /^seoul-drc$/,
        allowed: /^jeju-cdc, mainland-drc$/,
      });
    });

    it("GIVEN two files with the same slug WHEN checked THEN the problem names both files", () => {
      const first = agency("agencies/one.yaml", VALID_AGENCY);
      const second = agency("agencies/two.yaml", `# second\n${VALID_AGENCY}`);
      const problems = checkAgencies(JEJU_REGION_SPEC, [first, second]);
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/two.yaml",
        line: 2,
        path: "slug",
        message: /duplicate agency slug "test-agency", also used by agencies\/one\.yaml:1$/,
        hint: /rename one/,
      });
    });

    it("GIVEN one agency with two systems of the same name WHEN checked THEN the second is reported", () => {
      const text = replaceOnce(VALID_AGENCY, "name: second", "name: first");
      const problems = checkAgencies(JEJU_REGION_SPEC, [agency("a.yaml", text)]);
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "displayName: 둘째") - 1,
        path: "systems[1].name",
        message: /duplicate name "first" \(first at systems\[0\]\)/,
        hint: /names must be unique/,
      });
    });

    it("GIVEN two agencies with a system of the same name WHEN checked THEN that is allowed", () => {
      const other = replaceOnce(VALID_AGENCY, "slug: test-agency", "slug: other-agency");
      const problems = checkAgencies(JEJU_REGION_SPEC, [
        agency("a.yaml", VALID_AGENCY),
        agency("b.yaml", other),
      ]);
      expect(problems).toEqual([]);
    });

    it.each(["platform", "tenancy"])(
      "GIVEN the reserved slug %s WHEN checked THEN it is refused",
      (slug) => {
        const text = replaceOnce(VALID_AGENCY, "slug: test-agency", `slug: ${slug}`);
        const problems = checkAgencies(JEJU_REGION_SPEC, [agency("a.yaml", text)]);
        expectProblem(problems, {
          line: 1,
          path: "slug",
          message: new RegExp(`slug "${slug}" is reserved`),
          received: new RegExp(`^${slug}$`),
          hint: /platform and tenancy are reserved/,
        });
      },
    );
  });

  describe("GIVEN cross-file problems in a region directory", () => {
    it("WHEN an agency file repeats another's slug THEN loadRegionDir names both files", () => {
      const dir = copyJeju();
      const copy = fs.readFileSync(path.join(dir, "agencies", "jeju-city.yaml"), "utf8");
      const second = writeFile(dir, "agencies/zz-copy.yaml", copy);
      const first = path.join(dir, "agencies", "jeju-city.yaml");
      const problems = problemsOf(() => loadRegionDir(dir));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: second,
        line: 2,
        path: "slug",
        message: new RegExp(`duplicate agency slug "jeju-city", also used by ${escape(first)}:2`),
      });
    });

    it("WHEN an agency names an unknown site THEN loadRegionDir reports it in the agency file", () => {
      const dir = copyJeju();
      const { file, text } = editFile(
        dir,
        "agencies/jeju-tourism.yaml",
        "sites: [jeju-cdc]",
        "sites: [jeju-cdx]",
      );
      const problems = problemsOf(() => loadRegionDir(dir));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file,
        line: lineOf(text, "jeju-cdx"),
        path: "sites[0]",
        message: /unknown site "jeju-cdx"/,
        allowed: /jeju-cdc, mainland-drc/,
      });
    });

    it("WHEN the agency slug is platform THEN loadRegionDir refuses it", () => {
      const dir = copyJeju();
      const { file } = editFile(
        dir,
        "agencies/jeju-fire.yaml",
        "slug: jeju-fire",
        "slug: platform",
      );
      const problems = problemsOf(() => loadRegionDir(dir));
      expectProblem(problems, { file, line: 2, path: "slug", message: /"platform" is reserved/ });
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
