import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import {
  expectProblem,
  JEJU_DIR,
  lineOf,
  MINIMAL_CATALOGUE,
  problemsOf,
  replaceOnce,
} from "./helpers";

const FILE = "stacks/jeju/region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");

/** A region with only the required fields: every default applies. */
const MINIMAL_REGION = `name: mini
displayName: 작은 지역
sites:
  main:
    displayName: 주센터
    role: primary
    cloud: main
    openstackRegion: RegionOne
    availabilityZones:
      - name: az1
    externalNetworks: {}
    dnsNameservers: [10.0.0.53]
addressPlan:
  supernets:
    main: 10.100.0.0/16
quotaDefaults: { instances: 1, cores: 1, ramGiB: 1, volumes: 1, volumeGiB: 1, snapshots: 1,
  networks: 1, subnets: 1, ports: 1, routers: 1, floatingIps: 1, securityGroups: 1,
  securityGroupRules: 1 }
${MINIMAL_CATALOGUE}`;

function parseRegion(text: string) {
  return parseSpec(FILE, text, RegionSpec);
}

function broken(from: string | RegExp, to: string, base = JEJU_REGION) {
  const text = replaceOnce(base, from, to);
  return { text, problems: problemsOf(() => parseRegion(text)) };
}

describe("region spec", () => {
  describe("GIVEN the Jeju region file", () => {
    it("WHEN parsed THEN the sites, address plan and state are read", () => {
      const { spec } = parseRegion(JEJU_REGION);
      expect(spec.name).toBe("jeju");
      expect(Object.keys(spec.sites)).toEqual(["jeju-cdc", "mainland-drc"]);
      expect(spec.addressPlan.supernets).toEqual({
        "jeju-cdc": "10.10.0.0/16",
        "mainland-drc": "10.20.0.0/16",
      });
      expect(spec.state).toEqual({
        type: "s3",
        bucket: "jeju-tfstate",
        endpoint: "https://rgw.jeju-cdc.example.go.kr",
        keyPrefix: "jeju",
        region: "us-east-1",
      });
    });
  });

  describe("GIVEN a region that leaves optional fields out", () => {
    const { spec } = parseRegion(MINIMAL_REGION);

    it("WHEN parsed THEN identity.groupRoles is empty: every group keeps its default roles", () => {
      expect(spec.identity).toEqual({ groupRoles: {} });
    });

    it("WHEN parsed THEN state defaults to local state in terraform-state", () => {
      expect(spec.state).toEqual({ type: "local", directory: "terraform-state" });
    });

    it("WHEN parsed THEN agencyPrefixLength defaults to 22", () => {
      expect(spec.addressPlan.agencyPrefixLength).toBe(22);
    });

    it("WHEN parsed THEN prefix and site state stay unset", () => {
      expect(spec.prefix).toBeUndefined();
      expect(spec.sites.main!.state).toBeUndefined();
    });

    it("WHEN state is local without a directory THEN the directory defaults", () => {
      const { spec: local } = parseRegion(`${MINIMAL_REGION}state:\n  type: local\n`);
      expect(local.state).toEqual({ type: "local", directory: "terraform-state" });
    });

    it("WHEN identity gives only some groups' roles THEN the others are not required", () => {
      const { spec: partial } = parseRegion(
        `${MINIMAL_REGION}identity:\n  domain: mini\n  groupRoles:\n    admins: [admin]\n`,
      );
      expect(partial.identity.domain).toBe("mini");
      expect(partial.identity.groupRoles).toEqual({ admins: ["admin"] });
    });

    it("WHEN the state is pg THEN no other field is required", () => {
      const { spec: pg } = parseRegion(`${MINIMAL_REGION}state:\n  type: pg\n`);
      expect(pg.state).toEqual({ type: "pg" });
    });
  });

  describe("GIVEN a bad state backend", () => {
    it("WHEN state.type is unknown THEN the problem lists local, s3, pg", () => {
      const { text, problems } = broken(
        /state:\n {2}type: s3\n[\s\S]*$/,
        "state:\n  type: consul\n",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "type: consul"),
        path: "state.type",
        message: /unknown "type"/,
        received: /^"consul"$/,
        allowed: /^local, s3, pg$/,
      });
    });

    it("WHEN an s3 endpoint is not http(s) THEN the problem points at state.endpoint", () => {
      const { text, problems } = broken(
        "endpoint: https://rgw.jeju-cdc.example.go.kr",
        "endpoint: ftp://rgw.example",
      );
      expectProblem(problems, {
        line: lineOf(text, "ftp://"),
        path: "state.endpoint",
        message: /url/i,
        received: /ftp:/,
      });
    });

    it("WHEN an s3 state has no bucket THEN the missing field is reported", () => {
      const { problems } = broken("  bucket: jeju-tfstate\n", "");
      expectProblem(problems, { path: "state.bucket", message: /missing required field "bucket"/ });
    });

    it("WHEN a site state has an unknown field THEN its path runs through the site", () => {
      const { text, problems } = broken("      keyPrefix: jeju\n", "      keyprefix: jeju\n");
      expectProblem(problems, {
        line: lineOf(text, "keyprefix"),
        path: "sites.mainland-drc.state.keyprefix",
        message: /unknown field "keyprefix"/,
        allowed: /^bucket, endpoint, keyPrefix, region, type$/,
        hint: /did you mean "keyPrefix"/,
      });
    });

    it("WHEN a local state has an s3 field THEN only the local fields are allowed", () => {
      const { text, problems } = broken(
        /state:\n {2}type: s3\n[\s\S]*$/,
        "state:\n  type: local\n  bucket: x\n",
      );
      expectProblem(problems, {
        line: lineOf(text, "bucket: x"),
        path: "state.bucket",
        message: /unknown field "bucket"/,
        allowed: /^directory, type$/,
      });
    });
  });

  describe("GIVEN a bad network address", () => {
    it("WHEN a supernet has host bits set THEN the problem says host bits must be zero", () => {
      const { text, problems } = broken("jeju-cdc: 10.10.0.0/16", "jeju-cdc: 10.10.0.1/16");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "10.10.0.1/16"),
        path: "addressPlan.supernets.jeju-cdc",
        message: /host bits zero/,
        received: /^"10\.10\.0\.1\/16"$/,
      });
    });

    it.each([
      "10.10.0.0/33",
      "10.10.0/16",
      "012.0.0.0/8",
      "0xa.0.0.0/8",
      "10.0.0.0/016",
      "not-a-cidr",
      "2001:db8::/32",
      "10.10.0.0",
    ])("WHEN an external cidr is %s THEN it is rejected as not an IPv4 network", (cidr) => {
      const { text, problems } = broken("cidr: 203.0.113.0/24", `cidr: "${cidr}"`);
      expectProblem(problems, {
        line: lineOf(text, `cidr: "${cidr}"`),
        path: "sites.jeju-cdc.externalNetworks.ext-internet.cidr",
        message: /IPv4 network in CIDR notation/,
      });
    });

    it("WHEN a gateway is not an IPv4 address THEN the problem names gatewayIp", () => {
      const { problems } = broken("gatewayIp: 172.17.0.1", "gatewayIp: 172.17.0.256");
      expectProblem(problems, {
        path: "sites.mainland-drc.externalNetworks.ext-intranet.gatewayIp",
        message: /IPv4 address in dotted decimal/,
      });
    });

    it("WHEN segmentationId is 4095 THEN it is out of range", () => {
      const { problems } = broken("segmentationId: 101", "segmentationId: 4095");
      expectProblem(problems, {
        path: "sites.jeju-cdc.externalNetworks.ext-internet.segmentationId",
        message: /at most 4094/,
      });
    });

    it("WHEN agencyPrefixLength is 29 THEN it is out of range", () => {
      const { problems } = broken("agencyPrefixLength: 22", "agencyPrefixLength: 29");
      expectProblem(problems, {
        path: "addressPlan.agencyPrefixLength",
        message: /at most 28/,
        received: /^29$/,
      });
    });
  });

  describe("GIVEN a bad site", () => {
    it("WHEN a site name breaks the slug pattern THEN the problem shows the key, not the site", () => {
      const { text, problems } = broken(
        "  jeju-cdc:\n    displayName",
        "  Jeju_CDC:\n    displayName",
      );
      expectProblem(problems, {
        line: lineOf(text, "Jeju_CDC:"),
        path: "sites.Jeju_CDC",
        message: /invalid key "Jeju_CDC": must be lowercase letters/,
        received: /^"Jeju_CDC"$/,
      });
    });

    it("WHEN a site role is unknown THEN the roles are listed", () => {
      const { problems } = broken("role: dr", "role: backup");
      expectProblem(problems, {
        path: "sites.mainland-drc.role",
        message: /value not allowed/,
        received: /"backup"/,
        allowed: /^"primary", "dr"$/,
      });
    });

    it("WHEN a site has no availability zones THEN at least 1 is required", () => {
      const { problems } = broken(
        / {4}availabilityZones:\n {6}- name: drc-az1\n(?: {6}.*\n)+/,
        "    availabilityZones: []\n",
      );
      expectProblem(problems, {
        path: "sites.mainland-drc.availabilityZones",
        message: /at least 1 items/,
      });
    });
  });

  describe("GIVEN bad identity group roles", () => {
    it("WHEN a group is misspelt THEN it is reported as an unknown field at its line", () => {
      const { text, problems } = broken("    admins: [member", "    admin: [member");
      expectProblem(problems, {
        line: lineOf(text, "admin:"),
        path: "identity.groupRoles.admin",
        message: /unknown field "admin"/,
        allowed: /^admins, auditors, operators$/,
        hint: /did you mean "admins"/,
      });
    });

    it("WHEN a group has no roles THEN at least 1 is required", () => {
      const { problems } = broken("auditors: [reader]", "auditors: []");
      expectProblem(problems, { path: "identity.groupRoles.auditors", message: /at least 1/ });
    });
  });

  describe("GIVEN an incomplete quotaDefaults", () => {
    it("WHEN one field is missing THEN that field is named at the quotaDefaults line", () => {
      const { text, problems } = broken("  routers: 4\n", "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "quotaDefaults:"),
        path: "quotaDefaults.routers",
        message: /missing required field "routers"/,
      });
    });
  });
});
