import { describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { agencyQuota, exceededNetworkQuota, networkUsage } from "../../../lib/plan/quota";
import { planRegion } from "../../../lib/plan/region-plan";
import { exampleRegion } from "../../helpers/example-region";

const defaults = {
  instances: 10,
  cores: 20,
  ramGiB: 64,
  volumes: 10,
  volumeGiB: 1000,
  snapshots: 10,
  networks: 4,
  subnets: 4,
  ports: 50,
  routers: 1,
  floatingIps: 2,
  securityGroups: 10,
  securityGroupRules: 100,
};

describe("agencyQuota", () => {
  it("GIVEN no override THEN the region defaults", () => {
    expect(agencyQuota(defaults, undefined)).toEqual(defaults);
  });
  it("GIVEN a partial override THEN overridden fields change and the rest keep defaults", () => {
    expect(agencyQuota(defaults, { cores: 40, ramGiB: undefined })).toEqual({
      ...defaults,
      cores: 40,
    });
  });
  it("GIVEN an override of zero THEN zero is kept (not treated as unset)", () => {
    expect(agencyQuota(defaults, { floatingIps: 0 }).floatingIps).toBe(0);
  });
});

describe("network quota", () => {
  const network = {
    zones: [{}, {}, {}],
    transit: {},
    routers: [{}, {}],
    securityGroups: [{ rules: [{}, {}] }, { rules: [{}] }, { rules: [] }],
  };

  it("GIVEN three zones linked by transit THEN usage counts the transit and Neutron's default group", () => {
    expect(networkUsage(network)).toEqual({
      networks: 4,
      subnets: 4,
      routers: 2,
      securityGroups: 4,
      securityGroupRules: 7,
    });
  });

  it("GIVEN a quota below the usage THEN exactly the short fields are reported with numbers", () => {
    expect(
      exceededNetworkQuota({ ...defaults, routers: 1, networks: 4 }, networkUsage(network)),
    ).toEqual([{ field: "routers", needed: 2, quota: 1 }]);
  });
});

describe("planRegion with a router quota too small for the zones", () => {
  it("THEN it fails naming the quota field, the agency, the site and the numbers", () => {
    const { input } = exampleRegion();
    const region = structuredClone(input.region.spec);
    region.quotaDefaults.routers = 2;
    const small = { ...input, region: { spec: region, source: input.region.source } };
    expect(() => planRegion(small)).toThrow(TamnaError);
    expect(() => planRegion(small)).toThrow(
      /quotaDefaults\.routers: agency "jeju-city" needs 3 routers at site jeju-cdc for its networks, but its quota is 2/,
    );
  });
});
