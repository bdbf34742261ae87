import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../../lib/errors";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec, type Sourced } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { checkSystems } from "../../../lib/spec/system-checks";
import { expectProblem, JEJU_DIR, lineOf, replaceOnce } from "./helpers";

const FILE = "agencies/test-agency.yaml";
const JEJU: Sourced<RegionSpec> = parseSpec(
  "stacks/jeju/region.yaml",
  fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8"),
  RegionSpec,
);

/**
 * An agency that passes every check against the Jeju region: two systems, a public web tier in
 * the dmz, an internal service in app, a database with fixed IPs and a data volume.
 */
const AGENCY = `slug: test-agency
name: 시험기관
csapTier: moderate
contacts: [{ role: owner, name: 담당자, email: owner@test-agency.example }]
addressBlock: { index: 0 }
zones: [dmz, app, db]
keyPairs:
  ops:
    publicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample ops@test-agency
systems:
  - name: portal
    displayName: 포털
    grade: 2
    rto: 4h
    rpo: 1h
    workloads:
      - name: web
        zone: dmz
        count: 2
        flavor: m1.medium
        image: rocky-9
        bootVolume: { sizeGiB: 20, volumeType: ssd }
        keyPair: ops
        expose:
          public: true
          listeners:
            - { protocol: HTTPS, port: 443 }
            - { protocol: HTTP, port: 80 }
      - name: was
        zone: app
        flavor: m1.large
        image: ubuntu-2404
        bootVolume: { sizeGiB: 20, volumeType: standard }
        expose:
          dnsName: api
          listeners:
            - { protocol: TCP, port: 8443 }
            - { protocol: UDP, port: 8443 }
        standby: { count: 1, flavor: m1.medium }
  - name: records
    displayName: 기록관리
    grade: 3
    rto: 24h
    rpo: 24h
    workloads:
      - name: db
        zone: db
        count: 2
        flavor: db1.2xlarge
        image: rocky-9
        bootVolume: { sizeGiB: 40, volumeType: ssd }
        volumes:
          - { name: data, sizeGiB: 500, volumeType: replicated }
          - { name: wal, sizeGiB: 50, volumeType: replicated }
        fixedIps: [10.10.2.5, 10.10.2.6]
`;

function check(text: string, region: Sourced<RegionSpec> = JEJU): Problem[] {
  return checkSystems(region, parseSpec(FILE, text, AgencySpec));
}

/** Problems of AGENCY with `from` replaced by `to`, and the text that produced them. */
function broken(from: string | RegExp, to: string, region?: Sourced<RegionSpec>) {
  const text = replaceOnce(AGENCY, from, to);
  return { text, problems: check(text, region) };
}

/** The Jeju region with one more flavor that has a root disk. */
function withDiskFlavor(): Sourced<RegionSpec> {
  const spec = structuredClone(JEJU.spec);
  spec.flavors["d1.small"] = { vcpus: 1, ramGiB: 2, diskGiB: 20 };
  return { spec, source: JEJU.source };
}

describe("checkSystems", () => {
  describe("GIVEN systems whose every name resolves", () => {
    it("WHEN checked THEN there is no problem", () => {
      expect(check(AGENCY)).toEqual([]);
    });
  });

  describe("GIVEN an unknown flavor", () => {
    it("WHEN it is a typo THEN the problem points at it, lists the flavors and suggests the closest", () => {
      const { text, problems } = broken("flavor: m1.medium", "flavor: m1.meduim");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "m1.meduim"),
        path: "systems[0].workloads[0].flavor",
        message: /^unknown flavor "m1\.meduim"$/,
        received: /^m1\.meduim$/,
        allowed:
          /^c1\.xlarge, db1\.2xlarge, g1\.a100, g1\.vgpu, m1\.large, m1\.medium, m1\.small, r1\.xlarge$/,
        hint: /did you mean "m1\.medium"\? Otherwise declare it in the region's flavors/,
      });
    });

    it("WHEN a standby flavor is unknown THEN the problem points at standby.flavor", () => {
      const { problems } = broken("flavor: m1.medium }", "flavor: m2.medium }");
      expectProblem(problems, {
        path: "systems[0].workloads[1].standby.flavor",
        message: /unknown flavor "m2\.medium"/,
        hint: /did you mean "m1\.medium"/,
      });
    });
  });

  describe("GIVEN an unknown image", () => {
    it("WHEN checked THEN the problem lists the catalogue keys and suggests one", () => {
      const { text, problems } = broken("image: ubuntu-2404", "image: ubuntu-2204");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "ubuntu-2204"),
        path: "systems[0].workloads[1].image",
        message: /^unknown image "ubuntu-2204"$/,
        allowed: /^rocky-9, ubuntu-2404$/,
        hint: /did you mean "ubuntu-2404"\?.*region's images/,
      });
    });

    it("WHEN the region has no images THEN the problem says none is declared", () => {
      const spec = structuredClone(JEJU.spec);
      spec.images = {};
      const problems = check(AGENCY, { spec, source: JEJU.source });
      expectProblem(problems, {
        path: "systems[0].workloads[0].image",
        message: /unknown image "rocky-9"/,
        allowed: /^none declared in the region's images$/,
        hint: /^declare it in the region's images$/,
      });
    });
  });

  describe("GIVEN an unknown volume type", () => {
    it("WHEN a boot volume names it THEN the problem points at bootVolume.volumeType", () => {
      const { text, problems } = broken("volumeType: standard", "volumeType: standrad");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "standrad"),
        path: "systems[0].workloads[1].bootVolume.volumeType",
        message: /^unknown volume type "standrad"$/,
        allowed: /^replicated, replicated-hdd, ssd, standard$/,
        hint: /did you mean "standard"\?.*region's volumeTypes/,
      });
    });

    it("WHEN a data volume names it THEN the problem points at that volume", () => {
      const { text, problems } = broken(
        "{ name: wal, sizeGiB: 50, volumeType: replicated }",
        "{ name: wal, sizeGiB: 50, volumeType: replicatd }",
      );
      expectProblem(problems, {
        line: lineOf(text, "replicatd"),
        path: "systems[1].workloads[0].volumes[1].volumeType",
        message: /unknown volume type "replicatd"/,
        hint: /did you mean "replicated"/,
      });
    });
  });

  describe("GIVEN an unknown key pair", () => {
    it("WHEN the agency declares others THEN the problem suggests the closest", () => {
      const { text, problems } = broken("keyPair: ops", "keyPair: opz");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "keyPair: opz"),
        path: "systems[0].workloads[0].keyPair",
        message: /^unknown key pair "opz"$/,
        allowed: /^ops$/,
        hint: /did you mean "ops"\?.*agency's keyPairs/,
      });
    });

    it("WHEN the agency declares none THEN the problem says to declare it", () => {
      const { problems } = broken(/keyPairs:\n.*\n.*\n/, "");
      expectProblem(problems, {
        path: "systems[0].workloads[0].keyPair",
        message: /unknown key pair "ops"/,
        allowed: /^none declared in the agency's keyPairs$/,
        hint: /^declare it in the agency's keyPairs$/,
      });
    });
  });

  describe("GIVEN a workload in a zone the agency does not use", () => {
    it("WHEN checked THEN the problem lists the agency's zones and says how to fix it", () => {
      const { text, problems } = broken("zones: [dmz, app, db]", "zones: [dmz, db]");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "zone: app"),
        path: "systems[0].workloads[1].zone",
        message: /workload "portal\/was" is placed in zone "app", which the agency does not use/,
        received: /^app$/,
        allowed: /^dmz, db$/,
        hint: /add "app" to the agency's zones/,
      });
    });
  });

  describe("GIVEN a system site", () => {
    it("WHEN it is one of the agency's sites THEN there is no problem", () => {
      expect(
        check(replaceOnce(AGENCY, "    grade: 3\n", "    grade: 3\n    site: mainland-drc\n")),
      ).toEqual([]);
    });

    it("WHEN the agency has no tenant there THEN the problem lists the agency's sites", () => {
      const text = replaceOnce(
        AGENCY,
        "    grade: 3\n",
        "    grade: 3\n    site: mainland-drc\n",
      ).replace("zones: [dmz, app, db]", "zones: [dmz, app, db]\nsites: [jeju-cdc]");
      const problems = check(text);
      expectProblem(problems, {
        line: lineOf(text, "site: mainland-drc"),
        path: "systems[1].site",
        message: /system "records" runs at site "mainland-drc", where the agency has no tenant/,
        allowed: /^jeju-cdc$/,
      });
    });
  });

  describe("GIVEN duplicate names", () => {
    it("WHEN two systems share a name THEN the second is reported with the index of the first", () => {
      const { text, problems } = broken("- name: records", "- name: portal");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "displayName: 기록관리") - 1,
        path: "systems[1].name",
        message: /^duplicate name "portal" \(first at systems\[0\]\)$/,
        hint: /name OpenStack resources and Terraform addresses/,
      });
    });

    it("WHEN two workloads of a system share a name THEN the second is reported", () => {
      const { text, problems } = broken("- name: was", "- name: web");
      expect(problems.map((p) => p.location.path)).toContain("systems[0].workloads[1].name");
      expectProblem(problems, {
        line: lineOf(text, "zone: app") - 1,
        path: "systems[0].workloads[1].name",
        message: /duplicate name "web" \(first at .*workloads\[0\]\)/,
      });
    });

    it("WHEN workloads of different systems share a name THEN that is allowed", () => {
      expect(check(replaceOnce(AGENCY, "- name: db", "- name: web"))).toEqual([]);
    });

    it("WHEN two data volumes of a workload share a name THEN the second is reported", () => {
      const { problems } = broken("{ name: wal,", "{ name: data,");
      expectProblem(problems, {
        path: "systems[1].workloads[0].volumes[1].name",
        message: /duplicate name "data"/,
      });
    });
  });

  describe("GIVEN fixed IPs", () => {
    it("WHEN there are fewer than instances THEN the problem gives both numbers", () => {
      const { text, problems } = broken(
        "fixedIps: [10.10.2.5, 10.10.2.6]",
        "fixedIps: [10.10.2.5]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "fixedIps"),
        path: "systems[1].workloads[0].fixedIps",
        message: /^workload "records\/db" has 2 instance\(s\) but 1 fixed IP\(s\)$/,
        hint: /exactly one fixed IP per instance, or none/,
      });
    });

    it("WHEN an address is given twice THEN the second is reported naming the workload that has it", () => {
      const { problems } = broken(
        "fixedIps: [10.10.2.5, 10.10.2.6]",
        "fixedIps: [10.10.2.5, 10.10.2.5]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "systems[1].workloads[0].fixedIps[1]",
        message: /^fixed IP 10\.10\.2\.5 is already given to workload records\/db$/,
      });
    });

    it("WHEN two workloads claim one address THEN the later workload is reported", () => {
      const { problems } = broken(
        "        standby: { count: 1, flavor: m1.medium }\n",
        "        standby: { count: 1, flavor: m1.medium }\n        fixedIps: [10.10.2.6]\n",
      );
      expectProblem(problems, {
        path: "systems[1].workloads[0].fixedIps[1]",
        message: /fixed IP 10\.10\.2\.6 is already given to workload portal\/was/,
      });
    });
  });

  describe("GIVEN boot volumes", () => {
    it("WHEN a flavor without a root disk has no boot volume THEN the problem points at the flavor", () => {
      const { text, problems } = broken(
        "        bootVolume: { sizeGiB: 40, volumeType: ssd }\n",
        "",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "flavor: db1.2xlarge"),
        path: "systems[1].workloads[0].flavor",
        message:
          /^flavor "db1\.2xlarge" has no root disk, so workload "records\/db" needs a bootVolume$/,
        hint: /add bootVolume: \{ sizeGiB: <size>, volumeType: <type> \}/,
      });
    });

    it("WHEN a flavor with a root disk has no boot volume THEN that is fine", () => {
      const text = replaceOnce(
        AGENCY,
        "        flavor: db1.2xlarge\n        image: rocky-9\n        bootVolume: { sizeGiB: 40, volumeType: ssd }\n",
        "        flavor: d1.small\n        image: rocky-9\n",
      );
      expect(check(text, withDiskFlavor())).toEqual([]);
    });

    it("WHEN the boot volume is smaller than the image needs THEN the problem gives the minimum", () => {
      const { text, problems } = broken(
        "{ sizeGiB: 40, volumeType: ssd }",
        "{ sizeGiB: 12, volumeType: ssd }",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "sizeGiB: 12"),
        path: "systems[1].workloads[0].bootVolume.sizeGiB",
        message: /boot volume of 12 GiB is smaller than image "rocky-9" needs/,
        received: /^12$/,
        allowed: /^at least 20$/,
      });
    });
  });

  describe("GIVEN a standby", () => {
    it("WHEN it keeps more instances than the workload has THEN the problem gives the range", () => {
      const { problems } = broken("standby: { count: 1,", "standby: { count: 2,");
      expectProblem(problems, {
        path: "systems[0].workloads[1].standby.count",
        message: /standby count 2 is more than the workload's 1 instance\(s\)/,
        allowed: /^0 to 1$/,
      });
    });
  });

  describe("GIVEN an exposed workload", () => {
    it("WHEN a service outside the internet-facing zone is public THEN the problem points at public", () => {
      const { text, problems } = broken(
        "          dnsName: api\n",
        "          dnsName: api\n          public: true\n",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "dnsName: api") + 1,
        path: "systems[0].workloads[1].expose.public",
        message: /workload "portal\/was" is public, but zone "app" does not face the internet/,
        hint: /floating IPs exist only in the internet-facing zone/,
      });
    });

    it("WHEN two tcp listeners share a port THEN the second is reported, whatever their protocols", () => {
      const { text, problems } = broken(
        "{ protocol: HTTP, port: 80 }",
        "{ protocol: TCP, port: 443 }",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "{ protocol: TCP, port: 443 }"),
        path: "systems[0].workloads[0].expose.listeners[1].port",
        message: /^listener port 443 is declared twice \(first at listeners\[0\]\)$/,
      });
    });

    it("WHEN two workloads declare the same dnsName THEN the later one is reported at its dnsName", () => {
      const { text, problems } = broken(
        "          public: true\n",
        "          public: true\n          dnsName: api\n",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: text.slice(0, text.lastIndexOf("dnsName: api")).split("\n").length,
        path: "systems[0].workloads[1].expose.dnsName",
        message: /^DNS name "api" is already used by workload portal\/web$/,
        hint: /set expose\.dnsName to a name of its own/,
      });
    });

    it("WHEN a dnsName equals a later workload's default name THEN the later one is reported at its listeners", () => {
      let text = replaceOnce(
        AGENCY,
        "          public: true\n",
        "          public: true\n          dnsName: was.portal\n",
      );
      text = replaceOnce(text, "          dnsName: api\n", "");
      const problems = check(text);
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "{ protocol: TCP, port: 8443 }") - 1,
        path: "systems[0].workloads[1].expose.listeners",
        message: /^DNS name "was\.portal" is already used by workload portal\/web$/,
      });
    });
  });
});
