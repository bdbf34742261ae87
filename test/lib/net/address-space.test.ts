import { describe, expect, it } from "vitest";
import {
  addressRange,
  describeExposure,
  exposure,
  isInternetWide,
  publicAddressCount,
} from "../../../lib/net/address-space";

describe("address-space", () => {
  describe("addressRange", () => {
    it("GIVEN a prefix with host bits set, a bare address and junk THEN Neutron's reading is kept", () => {
      expect(addressRange("128.0.0.1/1")).toEqual({
        family: "ipv4",
        start: 1n << 31n,
        end: 1n << 32n,
      });
      expect(addressRange("192.0.2.7")).toEqual({
        family: "ipv4",
        start: 0xc0000207n,
        end: 0xc0000208n,
      });
      expect(addressRange("not-a-prefix")).toBeUndefined();
    });
  });

  describe("exposure", () => {
    it("GIVEN 0.0.0.0/1 and 128.0.0.0/1 THEN the union is every IPv4 address", () => {
      const [ipv4] = exposure(["0.0.0.0/1", "128.0.0.0/1"]);
      expect(ipv4).toMatchObject({ family: "ipv4", everyAddress: true, internetWide: true });
      expect(describeExposure(ipv4!)).toBe("every IPv4 address");
    });

    it("GIVEN all unicast space but the private ranges THEN it is the whole public internet", () => {
      const [ipv4] = exposure(["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"]);
      expect(ipv4!.everyAddress).toBe(false);
      expect(ipv4!.publicShare).toBe(1);
      expect(describeExposure(ipv4!)).toBe("100% of the public IPv4 internet");
    });

    it("GIVEN private ranges, a /16 and a /9 of public space THEN only the /9 is internet-wide", () => {
      expect(isInternetWide(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])).toBe(false);
      expect(isInternetWide(["58.120.0.0/16"])).toBe(false);
      expect(isInternetWide(["58.0.0.0/9", "58.128.0.0/9"])).toBe(true);
      expect(isInternetWide(["58.0.0.0/9"])).toBe(false);
    });

    it("GIVEN IPv6 prefixes THEN only global unicast counts as public", () => {
      expect(publicAddressCount("fc00::/7")).toBe(0n);
      expect(isInternetWide(["2000::/16"])).toBe(true);
      expect(isInternetWide(["2001:db8::/32", "2400:cb00::/32"])).toBe(false);
      expect(exposure(["::/1", "8000::/1"])[0]).toMatchObject({ everyAddress: true });
    });
  });
});
