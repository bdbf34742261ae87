import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegionDir, parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { checkZones } from "../../../lib/spec/zone-checks";
import {
  copyJeju,
  editFile,
  expectProblem,
  JEJU_DIR,
  lineOf,
  problemsOf,
  replaceOnce,
} from "./helpers";

const FILE = "stacks/jeju/region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");

/** checkZones problems of the Jeju region with `from` replaced by `to`, and the edited text. */
function zoneProblems(from: string | RegExp, to: string) {
  const text = replaceOnce(JEJU_REGION, from, to);
  return { text, problems: checkZones(parseSpec(FILE, text, RegionSpec)) };
}

/** 1-based line of the first line containing `needle` after the first line containing `anchor`. */
function lineAfter(text: string, anchor: string, needle: string): number {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.includes(anchor));
  const index = lines.findIndex((line, i) => i > start && line.includes(needle));
  if (start < 0 || index < 0) throw new Error(`"${needle}" after "${anchor}" not found`);
  return index + 1;
}

const APP_ZONE = "    reaches: intranet\n    subnet: { prefixLength: 24, slot: 1 }";
const WEB_TO_WAS =
  "{ from: dmz, to: app, protocol: tcp, ports: [8080, 8443], description: web to WAS }";
const WAS_TO_DB = "ports: [5432, 3306, 1521]";
const PUBLIC_WEB = "{ peer: internet, protocol: tcp, ports: [80, 443], description: public web }";

describe("checkZones", () => {
  describe("GIVEN the Jeju region", () => {
    it("WHEN checked THEN there is no problem", () => {
      expect(checkZones(parseSpec(FILE, JEJU_REGION, RegionSpec))).toEqual([]);
    });
  });

  describe("GIVEN zone classification", () => {
    it("WHEN an S zone reaches the internet THEN it is rejected at its reaches", () => {
      const { text, problems } = zoneProblems(APP_ZONE, APP_ZONE.replace("intranet", "internet"));
      expectProblem(problems, {
        file: FILE,
        line: lineAfter(text, "  app:", "reaches: internet"),
        path: "zones.app.reaches",
        message: /^zone "app" holds S data and may not reach the internet$/,
        received: /^internet$/,
        allowed: /only classification O zones reach the internet/,
        hint: /O zone/,
      });
    });

    it("WHEN a C zone reaches the internet THEN it is rejected too", () => {
      const { problems } = zoneProblems(
        "    classification: O\n    reaches: internet",
        "    classification: C\n    reaches: internet",
      );
      expectProblem(problems, {
        path: "zones.dmz.reaches",
        message: /zone "dmz" holds C data and may not reach the internet/,
      });
    });
  });

  describe("GIVEN flows", () => {
    it("WHEN a flow goes to an unknown zone THEN the problem points at its to and lists the zones", () => {
      const { text, problems } = zoneProblems(
        "{ from: mgmt, to: app, protocol: tcp, ports: [9100]",
        "{ from: mgmt, to: web, protocol: tcp, ports: [9100]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "to: web"),
        path: "flows[2].to",
        message: /^unknown zone "web"$/,
        received: /^web$/,
        allowed: /^dmz, app, db, mgmt$/,
      });
    });

    it("WHEN a flow comes from an unknown zone THEN the problem points at its from", () => {
      const { text, problems } = zoneProblems("{ from: dmz, to: app", "{ from: edge, to: app");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "from: edge"),
        path: "flows[0].from",
        message: /unknown zone "edge"/,
      });
    });

    it("WHEN a tcp flow has no ports THEN the problem points at the flow", () => {
      const { text, problems } = zoneProblems(`${WAS_TO_DB}, `, "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "description: WAS to databases"),
        path: "flows[1]",
        message: /^a tcp rule needs ports$/,
        hint: /opening every port is not allowed/,
      });
    });

    it("WHEN an icmp flow has ports THEN the problem points at its ports", () => {
      const { text, problems } = zoneProblems(
        WEB_TO_WAS,
        WEB_TO_WAS.replace("protocol: tcp", "protocol: icmp"),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "protocol: icmp"),
        path: "flows[0].ports",
        message: /^icmp has no ports$/,
        hint: /remove ports/,
      });
    });

    it("WHEN an icmp flow has no ports THEN it is accepted", () => {
      const { problems } = zoneProblems(
        WEB_TO_WAS,
        "{ from: dmz, to: app, protocol: icmp, description: ping }",
      );
      expect(problems).toEqual([]);
    });

    it("WHEN a flow from a non-management zone opens port 22 THEN it is rejected", () => {
      const { text, problems } = zoneProblems(WEB_TO_WAS, WEB_TO_WAS.replace("8443", "22"));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "ports: [8080, 22]"),
        path: "flows[0].ports",
        message: /^flow from "dmz" opens administrative ports$/,
        received: /^\[8080,22\]$/,
        hint: /from the mgmt zone only/,
      });
    });

    it("WHEN a flow's port range overlaps an admin range THEN it is rejected", () => {
      const { text, problems } = zoneProblems(WAS_TO_DB, 'ports: ["5000-5900"]');
      expectProblem(problems, {
        line: lineOf(text, '"5000-5900"'),
        path: "flows[1].ports",
        message: /flow from "app" opens administrative ports/,
      });
    });

    it("WHEN a udp flow uses port 22 THEN it is not an admin port (admin ports are tcp)", () => {
      const { problems } = zoneProblems(
        WEB_TO_WAS,
        "{ from: dmz, to: app, protocol: udp, ports: [22] }",
      );
      expect(problems).toEqual([]);
    });

    it("WHEN a flow from the management zone opens port 22 THEN it is allowed", () => {
      const { problems } = zoneProblems(
        "{ from: mgmt, to: app, protocol: tcp, ports: [9100]",
        "{ from: mgmt, to: app, protocol: tcp, ports: [9100, 22]",
      );
      expect(problems).toEqual([]);
    });
  });

  describe("GIVEN external rules of a zone", () => {
    it("WHEN ingress from the internet opens an admin port THEN it is rejected at its ports", () => {
      const { text, problems } = zoneProblems(
        PUBLIC_WEB,
        PUBLIC_WEB.replace("[80, 443]", "[80, 443, 3389]"),
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "ports: [80, 443, 3389]"),
        path: "zones.dmz.ingress[0].ports",
        message: /^administrative ports may not be opened to the internet$/,
        received: /3389/,
        hint: /mgmt zone or management\.bastionRanges/,
      });
    });

    it("WHEN ingress from the intranet opens an admin port THEN it is rejected too", () => {
      const { problems } = zoneProblems(
        "protocol: tcp, ports: [443], description: civil servants",
        'protocol: tcp, ports: [443, "5901-5902"], description: civil servants',
      );
      expectProblem(problems, {
        path: "zones.app.ingress[0].ports",
        message: /administrative ports may not be opened to the intranet/,
      });
    });

    it("WHEN egress to the intranet uses port 22 THEN it is allowed (only ingress is guarded)", () => {
      const { problems } = zoneProblems("ports: [443, 8140]", "ports: [443, 8140, 22]");
      expect(problems).toEqual([]);
    });

    it("WHEN a zone that reaches nothing has an intranet ingress THEN the peer is rejected", () => {
      const { text, problems } = zoneProblems(
        "    subnet: { prefixLength: 24, slot: 2 }\n",
        "    subnet: { prefixLength: 24, slot: 2 }\n    ingress:\n      - { peer: intranet, protocol: tcp, ports: [5432] }\n",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "ports: [5432] }"),
        path: "zones.db.ingress[0].peer",
        message: /^zone "db" reaches none, so it has no route to the intranet$/,
        received: /^intranet$/,
        allowed: /^no external rules$/,
      });
    });

    it("WHEN an internet zone has an intranet egress THEN the peer is rejected, allowing internet", () => {
      const { text, problems } = zoneProblems(
        `      - ${PUBLIC_WEB}\n`,
        `      - ${PUBLIC_WEB}\n    egress:\n      - { peer: intranet, protocol: udp, ports: [514] }\n`,
      );
      expectProblem(problems, {
        line: lineOf(text, "ports: [514]"),
        path: "zones.dmz.egress[0].peer",
        message: /zone "dmz" reaches internet, so it has no route to the intranet/,
        allowed: /^internet$/,
      });
    });

    it("WHEN an intranet rule exists but intranetRanges is empty THEN each intranet rule is reported", () => {
      const { text, problems } = zoneProblems(
        "  intranetRanges: [172.16.0.0/12]\n",
        "  intranetRanges: []\n",
      );
      expect(problems).toHaveLength(2);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "civil servants on the intranet"),
        path: "zones.app.ingress[0].peer",
        message: /^an intranet rule needs addressPlan\.intranetRanges$/,
        hint: /list the government intranet's ranges/,
      });
      expectProblem(problems, {
        line: lineOf(text, "config management"),
        path: "zones.mgmt.egress[0].peer",
        message: /intranet rule needs addressPlan\.intranetRanges/,
      });
    });

    it("WHEN an icmp egress has ports THEN the problem points at its ports", () => {
      const { text, problems } = zoneProblems(
        "{ peer: intranet, protocol: tcp, ports: [443, 8140]",
        "{ peer: intranet, protocol: icmp, ports: [443, 8140]",
      );
      expectProblem(problems, {
        line: lineOf(text, "protocol: icmp"),
        path: "zones.mgmt.egress[0].ports",
        message: /icmp has no ports/,
      });
    });
  });

  describe("GIVEN the management settings", () => {
    it("WHEN the management zone is not in the catalogue THEN it is reported with the zones", () => {
      const { text, problems } = zoneProblems("  zone: mgmt\n", "  zone: admin\n");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "zone: admin"),
        path: "management.zone",
        message: /management zone "admin" is not in the zone catalogue/,
        allowed: /^dmz, app, db, mgmt$/,
      });
    });

    it("WHEN the management zone is the dmz, which reaches the internet THEN it is rejected naming the zones allowed", () => {
      const { text, problems } = zoneProblems("  zone: mgmt\n", "  zone: dmz\n");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "  zone: dmz"),
        path: "management.zone",
        message:
          /^management zone "dmz" reaches the internet, so administrative ports of every zone would be open from the internet-facing tier$/,
        received: /^dmz$/,
        allowed: /^a zone that neither reaches nor accepts the internet: app, db, mgmt$/,
        hint: /reaches: intranet or none/,
      });
    });

    it("WHEN the management zone is made an O zone that reaches the internet THEN it is rejected too", () => {
      const { problems } = zoneProblems(
        "  mgmt:\n    description: Administration and monitoring\n    classification: S\n    reaches: intranet\n",
        "  mgmt:\n    description: Administration and monitoring\n    classification: O\n    reaches: internet\n    ingress: [{ peer: internet, protocol: tcp, ports: [8443] }]\n",
      );
      expectProblem(problems, {
        path: "management.zone",
        message: /management zone "mgmt" reaches the internet/,
        allowed: /: app, db$/,
      });
    });

    it("WHEN a bastion range is 0.0.0.0/0 THEN it is rejected at that range", () => {
      const { text, problems } = zoneProblems(
        "bastionRanges: [172.16.100.0/28]",
        "bastionRanges: [172.16.100.0/28, 0.0.0.0/0]",
      );
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "bastionRanges:"),
        path: "management.bastionRanges[1]",
        message:
          /^bastion range 0\.0\.0\.0\/0 opens administrative ports of every zone to the whole internet$/,
        received: /^0\.0\.0\.0\/0$/,
        allowed: /^a prefix of \/24 or longer$/,
        hint: /bastion hosts themselves/,
      });
      expectProblem(problems, {
        path: "management.bastionRanges",
        message: /^bastion ranges together open administrative ports to every IPv4 address$/,
      });
    });

    it("WHEN a bastion range is wider than the region's limit THEN it is rejected naming the limit", () => {
      const { problems } = zoneProblems(
        "bastionRanges: [172.16.100.0/28]",
        "bastionRanges: [172.16.0.0/16]\n  minBastionPrefixLength: 20",
      );
      expect(problems).toEqual([
        expect.objectContaining({
          location: expect.objectContaining({ path: "management.bastionRanges[0]" }),
          message:
            "bastion range 172.16.0.0/16 is wider than management.minBastionPrefixLength allows (/20)",
          allowed: "a prefix of /20 or longer",
        }),
      ]);
    });

    it("WHEN the region lowers the limit for a reviewed bastion network THEN a /22 is accepted", () => {
      const { problems } = zoneProblems(
        "bastionRanges: [172.16.100.0/28]",
        "bastionRanges: [172.16.100.0/22]\n  minBastionPrefixLength: 22",
      );
      expect(problems).toEqual([]);
    });
  });

  describe("GIVEN the intranet ranges", () => {
    it("WHEN they are the two halves of the internet THEN they are rejected naming the zones that use them", () => {
      const { text, problems } = zoneProblems(
        "intranetRanges: [172.16.0.0/12]",
        "intranetRanges: [0.0.0.0/1, 128.0.0.0/1]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "intranetRanges:"),
        path: "addressPlan.intranetRanges",
        message:
          /^the intranet ranges together cover every IPv4 address, so zones app \(S\), mgmt \(S\) would exchange traffic with the internet$/,
        received: /^0\.0\.0\.0\/1, 128\.0\.0\.0\/1$/,
        hint: /peer: internet on an O zone/,
      });
    });

    it("WHEN they are private ranges and a public /16 THEN they are accepted", () => {
      const { problems } = zoneProblems(
        "intranetRanges: [172.16.0.0/12]",
        "intranetRanges: [172.16.0.0/12, 10.0.0.0/8, 152.99.0.0/16]",
      );
      expect(problems).toEqual([]);
    });
  });

  describe("GIVEN zone subnets", () => {
    it("WHEN a zone's slot is outside the agency block THEN it is reported at its subnet", () => {
      const { text, problems } = zoneProblems(
        "subnet: { prefixLength: 24, slot: 2 }",
        "subnet: { prefixLength: 24, slot: 4 }",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "slot: 4"),
        path: "zones.db.subnet",
        message: /^zone "db" does not fit in an agency block: slot 4 of \/24 is outside a \/22$/,
        hint: /lower slot/,
      });
    });

    it("WHEN a zone is larger than the agency block THEN it does not fit", () => {
      const { problems } = zoneProblems(
        "subnet: { prefixLength: 24, slot: 2 }",
        "subnet: { prefixLength: 21, slot: 0 }",
      );
      expectProblem(problems, {
        path: "zones.db.subnet",
        message: /zone "db" does not fit in an agency block: slot 0 of \/21 is outside a \/22/,
      });
    });

    it("WHEN two zones take the same slot THEN the later one is reported naming the first", () => {
      const { text, problems } = zoneProblems(
        "subnet: { prefixLength: 24, slot: 2 }",
        "subnet: { prefixLength: 24, slot: 1 }",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineAfter(text, "  db:", "subnet:"),
        path: "zones.db.subnet",
        message: /^zone "db" subnet \(slot 1 of \/24\) overlaps zone "app"$/,
        hint: /give each zone its own slot/,
      });
    });

    it("WHEN a smaller zone lies inside a larger one THEN they overlap", () => {
      // mgmt slot 2 of /25s is 0.0.1.0/25, inside app's slot 1 of /24s.
      const { problems } = zoneProblems(
        "subnet: { prefixLength: 25, slot: 6 }",
        "subnet: { prefixLength: 25, slot: 2 }",
      );
      expectProblem(problems, {
        path: "zones.mgmt.subnet",
        message: /zone "mgmt" subnet \(slot 2 of \/25\) overlaps zone "app"/,
      });
    });

    it("WHEN a zone takes the last addresses of the block THEN it overlaps the transit subnet", () => {
      const { text, problems } = zoneProblems(
        "subnet: { prefixLength: 25, slot: 6 }",
        "subnet: { prefixLength: 25, slot: 7 }",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "slot: 7"),
        path: "zones.mgmt.subnet",
        message: /^zone "mgmt" subnet \(slot 7 of \/25\) overlaps the transit subnet$/,
        hint: /transit subnet takes the last addresses/,
      });
    });

    it("WHEN the transit subnet is made larger THEN a zone it now reaches overlaps it", () => {
      // A /24 transit is the block's last /24: 0.0.3.0/24, where mgmt's /25 lies.
      const { problems } = zoneProblems("transitPrefixLength: 28", "transitPrefixLength: 24");
      expectProblem(problems, {
        path: "zones.mgmt.subnet",
        message: /zone "mgmt" .* overlaps the transit subnet/,
      });
    });
  });

  describe("GIVEN a transit subnet larger than an agency block", () => {
    it("THEN it is reported at transitPrefixLength (planning would have no transit subnet)", () => {
      const { text, problems } = zoneProblems(
        /agencyPrefixLength: 22\n {2}transitPrefixLength: 28/,
        "agencyPrefixLength: 26\n  transitPrefixLength: 24",
      );
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "transitPrefixLength: 24"),
        path: "addressPlan.transitPrefixLength",
        message: /^the transit subnet \(\/24\) is larger than an agency block \(\/26\)$/,
        received: /^24$/,
        hint: /raise transitPrefixLength/,
      });
    });
  });

  describe("GIVEN a region directory", () => {
    it("WHEN a zone problem is in region.yaml THEN loadRegionDir reports it with file and line", () => {
      const dir = copyJeju();
      const { file, text } = editFile(
        dir,
        "region.yaml",
        APP_ZONE,
        APP_ZONE.replace("intranet", "internet"),
      );
      const problems = problemsOf(() => loadRegionDir(dir));
      expectProblem(problems, {
        file,
        line: lineAfter(text, "  app:", "reaches: internet"),
        path: "zones.app.reaches",
        message: /zone "app" holds S data and may not reach the internet/,
      });
    });
  });
});
