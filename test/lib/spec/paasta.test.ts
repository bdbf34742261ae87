import { describe, expect, it } from "vitest";
import { checkPaasta } from "../../../lib/spec/paasta-checks";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { agency } from "../plan/fixtures";
import { lineOf, paastaRegion, regionText } from "../plan/paasta-fixtures";
import { expectProblem, problemsOf } from "./helpers";

describe("platforms.paasta (schema)", () => {
  describe("GIVEN the fixture's foundation", () => {
    const { spec } = paastaRegion();

    it("THEN defaults fill what it leaves out", () => {
      const paasta = spec.platforms!.paasta!;
      expect(paasta.exposure.ports).toEqual([80, 443, 2222, 4443]);
      expect(paasta.compilationWorkers).toBe(4);
      expect(paasta.rootDiskGiB).toBe(20);
      expect(paasta.vmTypes).toBeUndefined();
    });

    it("THEN it passes the checks", () => {
      expect(checkPaasta(paastaRegion(), [])).toEqual([]);
    });
  });

  describe("GIVEN a size that is no preset", () => {
    it("THEN the problem is located at size, naming the presets", () => {
      const text = regionText({ size: "huge" });
      const problems = problemsOf(() => parseSpec("region.yaml", text, RegionSpec));
      expectProblem(problems, {
        file: "region.yaml",
        line: lineOf(text, "size"),
        path: "platforms.paasta.size",
        message: /not allowed/,
        allowed: /small.*medium.*large/,
      });
    });
  });

  describe("GIVEN an explicit quota", () => {
    it("THEN it is taken with its defaults", () => {
      const quota =
        "{ instances: 10, cores: 20, ramGiB: 40, volumes: 10, volumeGiB: 100, snapshots: 0, networks: 2, subnets: 2, ports: 50, routers: 1, floatingIps: 1, securityGroups: 4, securityGroupRules: 100 }";
      const paasta = paastaRegion({ quota }).spec.platforms!.paasta!;
      expect(paasta.quota).toMatchObject({ instances: 10, loadBalancers: 4 });
    });
  });

  describe("GIVEN a public key that is not OpenSSH", () => {
    it("THEN the problem is located at publicKey", () => {
      const text = regionText({ publicKey: "-----BEGIN RSA PRIVATE KEY-----" });
      const problems = problemsOf(() => parseSpec("region.yaml", text, RegionSpec));
      expectProblem(problems, {
        line: lineOf(text, "publicKey"),
        path: "platforms.paasta.publicKey",
        message: /OpenSSH public key/,
      });
    });
  });

  describe("GIVEN an unknown field", () => {
    it("THEN it is refused where it is", () => {
      const text = regionText({ password: "secret" });
      const problems = problemsOf(() => parseSpec("region.yaml", text, RegionSpec));
      expectProblem(problems, { line: lineOf(text, "password"), message: /password/ });
    });
  });
});

describe("checkPaasta", () => {
  const check = (
    fields: Record<string, string | undefined>,
    ...agencies: ReturnType<typeof agency>[]
  ) => {
    const text = regionText(fields);
    return { text, problems: checkPaasta(parseSpec("region.yaml", text, RegionSpec), agencies) };
  };

  it("GIVEN an unknown home site, THEN it names the sites", () => {
    const { text, problems } = check({ homeSite: "busan" });
    expectProblem(problems, {
      line: lineOf(text, "homeSite"),
      path: "platforms.paasta.homeSite",
      message: /unknown site "busan"/,
      allowed: /jeju-cdc, mainland-drc/,
    });
  });

  it("GIVEN the name of an agency, THEN the clash names the agency's file", () => {
    const { text, problems } = check({ name: "alpha" }, agency("alpha"));
    expectProblem(problems, {
      line: lineOf(text, "name"),
      message: /"alpha" is the slug of an agency \(agencies\/alpha\.yaml\)/,
    });
  });

  it("GIVEN an exposure zone without ingress, THEN it lists the zones that have some", () => {
    const { text, problems } = check({ exposure: "{ zone: db }" });
    expectProblem(problems, {
      line: lineOf(text, "exposure"),
      path: "platforms.paasta.exposure.zone",
      message: /zone "db" reaches no external network/,
      allowed: /^app, dmz$/,
    });
  });

  it("GIVEN a vm_type on an unknown flavor and no default, THEN both are reported", () => {
    const { text, problems } = check({ vmTypes: "{ small: m1.tiny }" });
    expectProblem(problems, {
      line: lineOf(text, "vmTypes"),
      path: "platforms.paasta.vmTypes.small",
      message: /unknown flavor "m1.tiny"/,
      allowed: /m1.small/,
    });
    expectProblem(problems, {
      path: "platforms.paasta.vmTypes",
      message: /no vm_type named default/,
    });
  });

  it("GIVEN a vm_type on a GPU flavor, THEN it is refused there: the foundation is granted none", () => {
    const { text, problems } = check({ vmTypes: "{ default: m1.small, ml: g1.a100 }" });
    expect(problems).toHaveLength(1);
    expectProblem(problems, {
      line: lineOf(text, "vmTypes"),
      path: "platforms.paasta.vmTypes.ml",
      message: /GPU flavor "g1.a100": GPU flavors are private/,
    });
  });

  it("GIVEN a disk type on an unknown volume type, THEN it names the catalogue", () => {
    const { problems } = check({ diskTypes: "{ default: { sizeGiB: 10, volumeType: nvme } }" });
    expectProblem(problems, {
      path: "platforms.paasta.diskTypes.default.volumeType",
      message: /unknown volume type "nvme"/,
      allowed: /replicated/,
    });
  });

  it("GIVEN a block index outside the supernets, THEN it says the range", () => {
    const { text, problems } = check({ addressBlock: "{ index: 64 }" });
    expectProblem(problems, {
      line: lineOf(text, "addressBlock"),
      path: "platforms.paasta.addressBlock.index",
      message: /block index 64 is outside the supernet 10.10.0.0\/16 of site jeju-cdc/,
      allowed: /0 to 63/,
    });
  });

  it("GIVEN a BOSH az for an unknown availability zone, THEN it lists the sites' zones", () => {
    const { text, problems } = check({ azs: "{ cdc-az1: z1, cdc-az9: z9 }" });
    expectProblem(problems, {
      line: lineOf(text, "azs"),
      path: "platforms.paasta.azs.cdc-az9",
      message: /unknown availability zone "cdc-az9"/,
      allowed: /^cdc-az1, cdc-az2, cdc-az3, drc-az1, drc-az2$/,
    });
  });

  it("GIVEN two zones of one site under one BOSH az, THEN it names both and the site", () => {
    const { text, problems } = check({ azs: "{ cdc-az1: z1, cdc-az2: z1, drc-az1: z1 }" });
    expect(problems).toHaveLength(1);
    expectProblem(problems, {
      line: lineOf(text, "azs"),
      path: "platforms.paasta.azs.cdc-az2",
      message: /BOSH az "z1" names 2 availability zones of site jeju-cdc \(cdc-az1, cdc-az2\)/,
    });
  });

  it("GIVEN a mapping onto another zone's own name, THEN the clash is reported", () => {
    const { problems } = check({ azs: "{ cdc-az1: cdc-az2 }" });
    expectProblem(problems, {
      path: "platforms.paasta.azs.cdc-az1",
      message: /BOSH az "cdc-az2" names 2 availability zones of site jeju-cdc/,
    });
  });

  it("GIVEN a BOSH az name with capitals, THEN the schema refuses it where it is", () => {
    const text = regionText({ azs: "{ cdc-az1: Z1 }" });
    const problems = problemsOf(() => parseSpec("region.yaml", text, RegionSpec));
    expectProblem(problems, { path: "platforms.paasta.azs.cdc-az1", message: /lowercase/ });
  });

  it.each([
    ["the exposure zone", "{ zone: mgmt }", "is the PaaS-TA foundation's exposure zone"],
    [
      "a foundation network's name",
      "{ zone: dmz }",
      "has the name of a PaaS-TA foundation network",
    ],
  ])(
    "GIVEN a management zone that is %s, THEN it is located at management.zone",
    (_, exposure, message) => {
      let text = regionText({ exposure });
      if (exposure === "{ zone: dmz }") {
        // A zone named cf, made the management zone: the foundation's cf network would clash.
        text = text.replace("\n  mgmt:\n", "\n  cf:\n").replace("zone: mgmt\n", "zone: cf\n");
      }
      const region = parseSpec("region.yaml", text, RegionSpec);
      const problems = checkPaasta(region, []);
      expectProblem(problems, {
        line: text.split("\n").findIndex((line) => /^ {2}zone: (mgmt|cf)$/.test(line)) + 1,
        path: "management.zone",
        message: new RegExp(message),
      });
    },
  );

  it("GIVEN blocks too small for a foundation, THEN it asks for a shorter prefix", () => {
    const text = regionText().replace("agencyPrefixLength: 22", "agencyPrefixLength: 24");
    const problems = checkPaasta(parseSpec("region.yaml", text, RegionSpec), []);
    expectProblem(problems, {
      path: "platforms.paasta.addressBlock",
      message: /blocks of \/24 are too small/,
      hint: /agencyPrefixLength to 22 or less/,
    });
  });
});
