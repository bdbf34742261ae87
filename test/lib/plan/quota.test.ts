import { describe, expect, it } from "vitest";
import { agencyQuota } from "../../../lib/plan/quota";

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
