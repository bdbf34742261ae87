import { describe, expect, it } from "vitest";
import {
  DIRECTOR_OFFSET,
  paastaAddresses,
  planPaastaAddresses,
} from "../../../lib/plan/paasta-addresses";
import { expectProblem, problemsOf } from "../spec/helpers";
import { agency } from "./fixtures";
import { lineOf, paastaInput, regionText } from "./paasta-fixtures";

describe("paastaAddresses", () => {
  describe("GIVEN block 60 of a /16 in /22 blocks", () => {
    const addresses = paastaAddresses("10.10.0.0/16", 22, 60);

    it("THEN BOSH takes the first /24 and Cloud Foundry the second /23", () => {
      expect(addresses.block).toBe("10.10.240.0/22");
      expect(addresses.bosh.cidr).toBe("10.10.240.0/24");
      expect(addresses.cf.cidr).toBe("10.10.242.0/23");
    });

    it("THEN Neutron's pool, the director and the static range do not overlap", () => {
      expect(addresses.bosh).toEqual({
        cidr: "10.10.240.0/24",
        gatewayIp: "10.10.240.1",
        neutronPool: { start: "10.10.240.2", end: "10.10.240.15" },
        reserved: { start: "10.10.240.1", end: "10.10.240.16" },
        static: { start: "10.10.240.17", end: "10.10.240.32" },
      });
      expect(addresses.directorIp).toBe(`10.10.240.${DIRECTOR_OFFSET}`);
      expect(addresses.cf.reserved).toEqual({ start: "10.10.242.1", end: "10.10.242.15" });
      expect(addresses.cf.static).toEqual({ start: "10.10.242.16", end: "10.10.242.79" });
    });

    it("THEN the second /24 holds the management network and, at its end, the transit link", () => {
      expect(addresses.mgmt).toEqual({
        cidr: "10.10.241.0/25",
        gatewayIp: "10.10.241.1",
        neutronPool: { start: "10.10.241.2", end: "10.10.241.126" },
      });
      expect(addresses.transit).toBe("10.10.241.240/28");
    });

    it("THEN a transit prefix as wide as the management network's half still stays out of it", () => {
      expect(paastaAddresses("10.10.0.0/16", 22, 60, 24).transit).toBe("10.10.241.128/25");
      expect(paastaAddresses("10.10.0.0/16", 22, 60, 29).transit).toBe("10.10.241.248/29");
    });
  });

  describe("GIVEN /20 blocks", () => {
    it("THEN the networks grow with the block", () => {
      const addresses = paastaAddresses("10.10.0.0/16", 20, 1);
      expect(addresses.bosh.cidr).toBe("10.10.16.0/22");
      expect(addresses.cf.cidr).toBe("10.10.24.0/21");
      expect(addresses.mgmt.cidr).toBe("10.10.20.0/23");
      expect(addresses.transit).toBe("10.10.23.240/28");
    });
  });
});

describe("planPaastaAddresses", () => {
  const sites = ["jeju-cdc", "mainland-drc"];

  it("GIVEN no agency on the block, THEN each site gets its own addresses", () => {
    const plan = planPaastaAddresses(
      paastaInput(),
      paastaInput().region.spec.platforms!.paasta!,
      sites,
    );
    expect(plan.get("jeju-cdc")!.block).toBe("10.10.240.0/22");
    expect(plan.get("mainland-drc")!.block).toBe("10.20.240.0/22");
  });

  describe("GIVEN an agency on the foundation's block", () => {
    const input = paastaInput({}, agency("alpha", { block: "{ index: 60 }" }), agency("beta"));
    const problems = problemsOf(() =>
      planPaastaAddresses(input, input.region.spec.platforms!.paasta!, sites),
    );

    it("THEN the problem is at the foundation's index, names the agency and a free block", () => {
      expectProblem(problems, {
        file: "region.yaml",
        line: lineOf(regionText(), "addressBlock"),
        path: "platforms.paasta.addressBlock.index",
        message:
          /block 10.10.240.0\/22 at site jeju-cdc is taken by agency "alpha" \(agencies\/alpha.yaml\)/,
        received: /^index 60$/,
        hint: /addressBlock: \{ index: 0 \}/,
      });
    });

    it("THEN each site is reported", () => {
      expect(problems).toHaveLength(2);
    });
  });

  describe("GIVEN an agency with an explicit CIDR overlapping the block", () => {
    it("THEN it is found too", () => {
      const input = paastaInput(
        {},
        agency("gamma", { block: "{ cidrs: { jeju-cdc: 10.10.240.0/22 } }", sites: ["jeju-cdc"] }),
      );
      const problems = problemsOf(() =>
        planPaastaAddresses(input, input.region.spec.platforms!.paasta!, sites),
      );
      expectProblem(problems, { message: /taken by agency "gamma"/ });
      expect(problems).toHaveLength(1);
    });
  });
});
