import * as ipaddr from "ipaddr.js";

/**
 * How much of the address space a set of prefixes opens, taken together: `0.0.0.0/1` plus
 * `128.0.0.0/1` is every IPv4 address although neither is `0.0.0.0/0`. IPv4 and IPv6, with
 * BigInt arithmetic; prefixes are read the way Neutron reads them (host bits ignored, a bare
 * address is one host).
 */

export type AddressFamily = "ipv4" | "ipv6";

/** A run of addresses, `start` inclusive and `end` exclusive. */
export interface AddressRange {
  readonly family: AddressFamily;
  readonly start: bigint;
  readonly end: bigint;
}

const BITS: Readonly<Record<AddressFamily, number>> = { ipv4: 32, ipv6: 128 };

/** The addresses of a prefix, or undefined when the text is not one. */
export function addressRange(text: string): AddressRange | undefined {
  const value = text.trim();
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (value.includes("/")) [address, prefix] = ipaddr.parseCIDR(value);
    else {
      address = ipaddr.parse(value);
      prefix = BITS[address.kind()];
    }
  } catch {
    return undefined;
  }
  const family = address.kind();
  const bits = BITS[family];
  const size = 1n << BigInt(bits - prefix);
  const raw = address.toByteArray().reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
  const start = raw - (raw % size);
  return { family, start, end: start + size };
}

/** The ranges merged into disjoint runs, ordered by start. */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const merged: AddressRange[] = [];
  const sorted = [...ranges].sort((a, b) =>
    a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.start < b.start ? -1 : 1,
  );
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.family === range.family && range.start <= last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { ...last, end: range.end };
    } else merged.push(range);
  }
  return merged;
}

/** Ranges that no host on the internet sends from (IANA special-purpose registries). */
const NOT_PUBLIC: Readonly<Record<AddressFamily, readonly string[]>> = {
  ipv4: [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/3",
  ],
  // Everything outside global unicast, and the documentation prefix inside it.
  ipv6: ["::/3", "4000::/2", "8000::/1", "2001:db8::/32"],
};

function publicRanges(family: AddressFamily): AddressRange[] {
  const excluded = mergeRanges(NOT_PUBLIC[family].map((cidr) => addressRange(cidr)!));
  const ranges: AddressRange[] = [];
  let next = 0n;
  for (const range of excluded) {
    if (range.start > next) ranges.push({ family, start: next, end: range.start });
    next = range.end;
  }
  const top = 1n << BigInt(BITS[family]);
  if (next < top) ranges.push({ family, start: next, end: top });
  return ranges;
}

const PUBLIC: Readonly<Record<AddressFamily, readonly AddressRange[]>> = {
  ipv4: publicRanges("ipv4"),
  ipv6: publicRanges("ipv6"),
};

/**
 * Public addresses from which a union counts as the internet: those of a /8 in IPv4 (an
 * address block no single organisation's partners need, and a cloud provider's /8 is open to
 * anyone who rents an address in it), and of a /16 in IPv6.
 */
export const INTERNET_WIDE: Readonly<Record<AddressFamily, bigint>> = {
  ipv4: 1n << 24n,
  ipv6: 1n << 112n,
};

export interface FamilyExposure {
  readonly family: AddressFamily;
  /** The union is the whole family: it matches every address, as 0.0.0.0/0 or ::/0 does. */
  readonly everyAddress: boolean;
  /** Public (internet-routable) addresses in the union. */
  readonly publicAddresses: bigint;
  /** `publicAddresses` as a share of all public addresses of the family, 0 to 1. */
  readonly publicShare: number;
  /** Every address, or at least INTERNET_WIDE public ones. */
  readonly internetWide: boolean;
}

/** What the union of `prefixes` opens, per family that occurs; unreadable prefixes are skipped. */
export function exposure(prefixes: readonly string[]): FamilyExposure[] {
  const merged = mergeRanges(prefixes.flatMap((text) => addressRange(text) ?? []));
  return (["ipv4", "ipv6"] as const).flatMap((family): FamilyExposure[] => {
    const runs = merged.filter((range) => range.family === family);
    if (runs.length === 0) return [];
    const top = 1n << BigInt(BITS[family]);
    const everyAddress = runs.length === 1 && runs[0]!.start === 0n && runs[0]!.end === top;
    const publicAddresses = publicCount(runs, PUBLIC[family]);
    const all = publicCount(PUBLIC[family], PUBLIC[family]);
    return [
      {
        family,
        everyAddress,
        publicAddresses,
        publicShare: Number((publicAddresses * 1_000_000n) / all) / 1_000_000,
        internetWide: everyAddress || publicAddresses >= INTERNET_WIDE[family],
      },
    ];
  });
}

/** True when the prefixes, taken together, open the internet (see INTERNET_WIDE). */
export function isInternetWide(prefixes: readonly string[]): boolean {
  return exposure(prefixes).some((family) => family.internetWide);
}

/** Public addresses in `prefix` alone. */
export function publicAddressCount(prefix: string): bigint {
  const range = addressRange(prefix);
  return range ? publicCount([range], PUBLIC[range.family]) : 0n;
}

function publicCount(runs: readonly AddressRange[], open: readonly AddressRange[]): bigint {
  let total = 0n;
  for (const run of runs) {
    for (const range of open) {
      const start = run.start > range.start ? run.start : range.start;
      const end = run.end < range.end ? run.end : range.end;
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** "every IPv4 address" or "12.5% of the public IPv4 internet", for messages. */
export function describeExposure(family: FamilyExposure): string {
  const name = family.family === "ipv4" ? "IPv4" : "IPv6";
  if (family.everyAddress) return `every ${name} address`;
  const percent = Math.round(family.publicShare * 1000) / 10;
  return `${percent < 0.1 ? "<0.1" : percent}% of the public ${name} internet`;
}
