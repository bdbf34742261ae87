import { Address4 } from "ip-address";

/**
 * IPv4 network arithmetic for the address plan, on top of ip-address: carving subnets out of a
 * block by index, containment and overlap. Inputs are canonical CIDRs validated by the spec.
 */

export interface Ipv4Network {
  readonly cidr: string;
  readonly prefixLength: number;
  /** First address, as an integer. */
  readonly start: bigint;
  /** Number of addresses. */
  readonly size: bigint;
}

/** Parsed networks by CIDR text: a large region asks for the same supernets thousands of times. */
const parsed = new Map<string, Ipv4Network>();

export function network(cidr: string): Ipv4Network {
  let result = parsed.get(cidr);
  if (!result) {
    const address = new Address4(cidr);
    const start = address.startAddress().bigInt();
    const end = address.endAddress().bigInt();
    result = { cidr, prefixLength: address.subnetMask, start, size: end - start + 1n };
    parsed.set(cidr, result);
  }
  return result;
}

function cidrOf(start: bigint, prefixLength: number): string {
  return `${Address4.fromBigInt(start).address}/${prefixLength}`;
}

/** Number of subnets of `prefixLength` that fit in `parent`. */
export function subnetCount(parent: string, prefixLength: number): bigint {
  const outer = network(parent);
  if (prefixLength < outer.prefixLength) return 0n;
  return 1n << BigInt(prefixLength - outer.prefixLength);
}

/** The `index`th subnet of `prefixLength` inside `parent`, or undefined when it does not fit. */
export function subnetAt(parent: string, prefixLength: number, index: number): string | undefined {
  if (index < 0 || BigInt(index) >= subnetCount(parent, prefixLength)) return undefined;
  const outer = network(parent);
  const size = 1n << BigInt(32 - prefixLength);
  return cidrOf(outer.start + BigInt(index) * size, prefixLength);
}

/** The last subnet of `prefixLength` inside `parent`. */
export function lastSubnet(parent: string, prefixLength: number): string | undefined {
  const count = subnetCount(parent, prefixLength);
  return count === 0n ? undefined : subnetAt(parent, prefixLength, Number(count - 1n));
}

export function contains(parent: string, child: string): boolean {
  const outer = network(parent);
  const inner = network(child);
  return inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

export function overlaps(a: string, b: string): boolean {
  const x = network(a);
  const y = network(b);
  return x.start < y.start + y.size && y.start < x.start + x.size;
}

/** The address at `offset` from the start of the network (1 is the usual gateway). */
export function hostAt(cidr: string, offset: number): string {
  const net = network(cidr);
  const value = offset >= 0 ? net.start + BigInt(offset) : net.start + net.size + BigInt(offset);
  return Address4.fromBigInt(value).address;
}

/**
 * The offset of `address` from the start of `cidr` (the inverse of hostAt), or undefined when
 * the address is outside the network.
 */
export function hostOffset(cidr: string, address: string): number | undefined {
  const net = network(cidr);
  const value = new Address4(address).bigInt();
  if (value < net.start || value >= net.start + net.size) return undefined;
  return Number(value - net.start);
}
