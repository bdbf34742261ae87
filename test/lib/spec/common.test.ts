import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import {
  DisplayName,
  Ipv4Address,
  Ipv4Cidr,
  Quota,
  QuotaOverride,
  Slug,
} from "../../../lib/spec/common";
import { parseSpec } from "../../../lib/spec/load";
import { DIGITS, validSlug } from "./arbitraries";
import { expectProblem, problemsOf, replaceOnce, VALID_AGENCY } from "./helpers";

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));

function toInt(address: string): number {
  return address.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
}

function fromInt(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** The network address of `address`/`prefix`. */
function networkOf(address: string, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return fromInt(Math.floor(toInt(address) / size) * size);
}

describe("common spec types", () => {
  describe("Slug", () => {
    it("GIVEN any generated valid slug WHEN parsed THEN it passes", () => {
      fc.assert(
        fc.property(validSlug, (slug) => {
          expect(Slug.safeParse(slug).success).toBe(true);
        }),
      );
    });

    it("GIVEN any generated valid slug WHEN used as an agency slug THEN the agency file loads", () => {
      fc.assert(
        fc.property(validSlug, (slug) => {
          const text = replaceOnce(VALID_AGENCY, "slug: test-agency", `slug: "${slug}"`);
          expect(parseSpec("a.yaml", text, AgencySpec).spec.slug).toBe(slug);
        }),
        { numRuns: 50 },
      );
    });

    it("GIVEN a valid slug with an uppercase letter put in WHEN parsed THEN it fails", () => {
      fc.assert(
        fc.property(
          validSlug,
          fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
          fc.nat(),
          (slug, upper, at) => {
            const index = at % (slug.length + 1);
            const broken = `${slug.slice(0, index)}${upper}${slug.slice(index)}`.slice(0, 32);
            fc.pre(/[A-Z]/.test(broken));
            expect(Slug.safeParse(broken).success).toBe(false);
          },
        ),
      );
    });

    it("GIVEN a valid slug with a leading digit WHEN parsed THEN it fails", () => {
      fc.assert(
        fc.property(validSlug, fc.constantFrom(...DIGITS), (slug, digit) => {
          expect(Slug.safeParse(`${digit}${slug}`.slice(0, 32)).success).toBe(false);
        }),
      );
    });

    it("GIVEN a slug with a leading digit in an agency file WHEN parsed THEN the problem explains the pattern", () => {
      fc.assert(
        fc.property(validSlug, fc.constantFrom(...DIGITS), (slug, digit) => {
          const bad = `${digit}${slug}`.slice(0, 32);
          const text = replaceOnce(VALID_AGENCY, "slug: test-agency", `slug: "${bad}"`);
          const problems = problemsOf(() => parseSpec("a.yaml", text, AgencySpec));
          expectProblem(problems, {
            file: "a.yaml",
            line: 1,
            path: "slug",
            message: /starting with a letter/,
          });
        }),
        { numRuns: 30 },
      );
    });

    it.each([
      ["a", "one character"],
      ["a".repeat(33), "33 characters"],
      ["a-", "a trailing hyphen"],
      ["-a", "a leading hyphen"],
      ["a_b", "an underscore"],
      ["a.b", "a dot"],
      ["제주", "Korean letters"],
    ])("GIVEN %j (%s) WHEN parsed THEN it fails", (slug) => {
      expect(Slug.safeParse(slug).success).toBe(false);
    });

    it.each(["ab", "a1", "a-b", "jeju-cdc", "a".repeat(32)])(
      "GIVEN %j WHEN parsed THEN it passes",
      (slug) => {
        expect(Slug.safeParse(slug).success).toBe(true);
      },
    );
  });

  describe("DisplayName", () => {
    it("GIVEN Korean text with spaces around WHEN parsed THEN it is trimmed", () => {
      expect(DisplayName.parse("  제주특별자치도청 ")).toBe("제주특별자치도청");
    });

    it("GIVEN only spaces WHEN parsed THEN it fails", () => {
      expect(DisplayName.safeParse("   ").success).toBe(false);
    });
  });

  describe("Ipv4Cidr", () => {
    it("GIVEN any network address and prefix WHEN parsed THEN it passes", () => {
      fc.assert(
        fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
          expect(Ipv4Cidr.safeParse(`${networkOf(address, prefix)}/${prefix}`).success).toBe(true);
        }),
      );
    });

    it("GIVEN an address with host bits set WHEN parsed THEN it fails", () => {
      fc.assert(
        fc.property(ipv4, fc.integer({ min: 0, max: 31 }), (address, prefix) => {
          fc.pre(networkOf(address, prefix) !== address);
          expect(Ipv4Cidr.safeParse(`${address}/${prefix}`).success).toBe(false);
        }),
      );
    });

    it.each([
      "10.10.0/16",
      "012.0.0.0/8",
      "0xa.0.0.0/8",
      "10.0.0.0/016",
      "10.0.0.0/33",
      "::/0",
      "",
    ])("GIVEN the non-canonical %j WHEN parsed THEN it fails", (cidr) => {
      expect(Ipv4Cidr.safeParse(cidr).success).toBe(false);
    });
  });

  describe("Ipv4Address", () => {
    it("GIVEN any dotted-decimal address WHEN parsed THEN it passes", () => {
      fc.assert(
        fc.property(ipv4, (address) => {
          expect(Ipv4Address.safeParse(address).success).toBe(true);
        }),
      );
    });

    it.each(["10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1/32", "::1"])(
      "GIVEN %j WHEN parsed THEN it fails",
      (address) => {
        expect(Ipv4Address.safeParse(address).success).toBe(false);
      },
    );
  });

  describe("Quota", () => {
    it("GIVEN a quota with a field left out WHEN parsed THEN it fails, but an override passes", () => {
      const partial = { instances: 1 };
      expect(Quota.safeParse(partial).success).toBe(false);
      expect(QuotaOverride.parse(partial)).toEqual(partial);
    });

    it("GIVEN an override with an unknown field WHEN parsed THEN it fails", () => {
      expect(QuotaOverride.safeParse({ instance: 1 }).success).toBe(false);
    });
  });
});
