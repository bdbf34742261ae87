import { describe, expect, it } from "vitest";
import {
  contains,
  hostAt,
  lastSubnet,
  network,
  overlaps,
  subnetAt,
  subnetCount,
} from "../../../lib/net/cidr";

describe("cidr", () => {
  describe("network", () => {
    it("GIVEN a /22 WHEN read THEN start and size are those of the block", () => {
      const net = network("10.10.4.0/22");
      expect(net.prefixLength).toBe(22);
      expect(net.size).toBe(1024n);
      expect(net.start).toBe((10n << 24n) + (10n << 16n) + (4n << 8n));
    });

    it("GIVEN a /32 WHEN read THEN it holds one address", () => {
      expect(network("192.0.2.7/32").size).toBe(1n);
    });
  });

  describe("subnetCount", () => {
    it("GIVEN a /16 WHEN counting /22s THEN there are 64", () => {
      expect(subnetCount("10.10.0.0/16", 22)).toBe(64n);
    });

    it("GIVEN a /22 WHEN counting /22s THEN there is the block itself", () => {
      expect(subnetCount("10.10.4.0/22", 22)).toBe(1n);
    });

    it("GIVEN a /24 WHEN counting /32s THEN there are 256", () => {
      expect(subnetCount("10.0.0.0/24", 32)).toBe(256n);
    });

    it("GIVEN a /24 WHEN counting larger /16s THEN there are none", () => {
      expect(subnetCount("10.0.0.0/24", 16)).toBe(0n);
    });

    it("GIVEN 0.0.0.0/0 WHEN counting /32s THEN there are 2^32", () => {
      expect(subnetCount("0.0.0.0/0", 32)).toBe(1n << 32n);
    });
  });

  describe("subnetAt", () => {
    it("GIVEN slot 2 of /24s in 10.10.4.0/22 THEN it is 10.10.6.0/24", () => {
      expect(subnetAt("10.10.4.0/22", 24, 2)).toBe("10.10.6.0/24");
    });

    it("GIVEN index 0 THEN the subnet starts at the parent's start", () => {
      expect(subnetAt("10.20.0.0/16", 22, 0)).toBe("10.20.0.0/22");
    });

    it("GIVEN the last index THEN the subnet ends at the parent's end", () => {
      expect(subnetAt("10.20.0.0/16", 22, 63)).toBe("10.20.252.0/22");
    });

    it("GIVEN slot 6 of /25s in a /22 THEN it is the 4th /24's lower half", () => {
      expect(subnetAt("10.10.0.0/22", 25, 6)).toBe("10.10.3.0/25");
    });

    it("GIVEN an index one past the end THEN there is none", () => {
      expect(subnetAt("10.20.0.0/16", 22, 64)).toBeUndefined();
    });

    it("GIVEN a negative index THEN there is none", () => {
      expect(subnetAt("10.20.0.0/16", 22, -1)).toBeUndefined();
    });

    it("GIVEN a child larger than the parent THEN there is none", () => {
      expect(subnetAt("10.20.0.0/24", 16, 0)).toBeUndefined();
    });

    it("GIVEN a /32 child THEN it is a single address", () => {
      expect(subnetAt("10.0.0.0/24", 32, 0)).toBe("10.0.0.0/32");
      expect(subnetAt("10.0.0.0/24", 32, 255)).toBe("10.0.0.255/32");
      expect(subnetAt("10.0.0.0/24", 32, 256)).toBeUndefined();
    });

    it("GIVEN the parent's own size THEN index 0 is the parent", () => {
      expect(subnetAt("10.10.4.0/22", 22, 0)).toBe("10.10.4.0/22");
      expect(subnetAt("10.10.4.0/22", 22, 1)).toBeUndefined();
    });
  });

  describe("lastSubnet", () => {
    it("GIVEN a /22 WHEN taking the last /28 THEN it is the block's last 16 addresses", () => {
      expect(lastSubnet("10.10.4.0/22", 28)).toBe("10.10.7.240/28");
    });

    it("GIVEN a /24 WHEN taking the last /32 THEN it is the broadcast address", () => {
      expect(lastSubnet("10.0.0.0/24", 32)).toBe("10.0.0.255/32");
    });

    it("GIVEN the parent's own size THEN it is the parent", () => {
      expect(lastSubnet("10.10.4.0/22", 22)).toBe("10.10.4.0/22");
    });

    it("GIVEN a child larger than the parent THEN there is none", () => {
      expect(lastSubnet("10.10.4.0/22", 16)).toBeUndefined();
    });
  });

  describe("contains", () => {
    it("GIVEN a subnet inside THEN it is contained", () => {
      expect(contains("10.10.0.0/16", "10.10.4.0/22")).toBe(true);
    });

    it("GIVEN the same network THEN it is contained", () => {
      expect(contains("10.10.4.0/22", "10.10.4.0/22")).toBe(true);
    });

    it("GIVEN the last /32 of the parent THEN it is contained", () => {
      expect(contains("10.10.4.0/22", "10.10.7.255/32")).toBe(true);
    });

    it("GIVEN the address right after the parent THEN it is not contained", () => {
      expect(contains("10.10.4.0/22", "10.10.8.0/32")).toBe(false);
    });

    it("GIVEN a larger network that holds the parent THEN it is not contained", () => {
      expect(contains("10.10.4.0/22", "10.10.0.0/16")).toBe(false);
    });

    it("GIVEN a disjoint network THEN it is not contained", () => {
      expect(contains("10.10.0.0/16", "10.20.0.0/22")).toBe(false);
    });
  });

  describe("overlaps", () => {
    it("GIVEN a network and a subnet of it THEN they overlap both ways", () => {
      expect(overlaps("10.10.0.0/16", "10.10.4.0/22")).toBe(true);
      expect(overlaps("10.10.4.0/22", "10.10.0.0/16")).toBe(true);
    });

    it("GIVEN adjacent networks THEN they do not overlap", () => {
      expect(overlaps("10.10.4.0/22", "10.10.8.0/22")).toBe(false);
      expect(overlaps("10.10.8.0/22", "10.10.4.0/22")).toBe(false);
    });

    it("GIVEN a /32 at the last address of a network THEN they overlap", () => {
      expect(overlaps("10.10.4.0/22", "10.10.7.255/32")).toBe(true);
    });

    it("GIVEN a /32 right before a network THEN they do not overlap", () => {
      expect(overlaps("10.10.4.0/22", "10.10.3.255/32")).toBe(false);
    });

    it("GIVEN 0.0.0.0/0 THEN it overlaps everything", () => {
      expect(overlaps("0.0.0.0/0", "203.0.113.0/24")).toBe(true);
    });
  });

  describe("hostAt", () => {
    it("GIVEN offset 1 THEN it is the usual gateway", () => {
      expect(hostAt("10.10.1.0/24", 1)).toBe("10.10.1.1");
    });

    it("GIVEN offset 0 THEN it is the network address", () => {
      expect(hostAt("10.10.1.0/24", 0)).toBe("10.10.1.0");
    });

    it("GIVEN a negative offset THEN it counts back from the end: -1 is the broadcast", () => {
      expect(hostAt("10.10.1.0/24", -1)).toBe("10.10.1.255");
      expect(hostAt("10.10.1.0/24", -2)).toBe("10.10.1.254");
    });

    it("GIVEN an offset past a byte boundary THEN it carries into the next octet", () => {
      expect(hostAt("10.10.4.0/22", 256 + 5)).toBe("10.10.5.5");
    });

    it("GIVEN a transit /28 THEN offsets 4 to 6 are inside it", () => {
      expect([4, 5, 6].map((offset) => hostAt("10.10.7.240/28", offset))).toEqual([
        "10.10.7.244",
        "10.10.7.245",
        "10.10.7.246",
      ]);
    });
  });
});
