import { TamnaError, type Problem } from "../errors";
import { hostAt, lastSubnet, overlaps, subnetAt } from "../net/cidr";
import type { RegionInput } from "../spec/load";
import type { PaastaFoundation } from "../spec/paasta";
import { describeFreeBlock, freeBlocks, takenBlocks } from "./free-blocks";
import { agencySites } from "./sites";

/**
 * The foundation's addresses at a site, carved from its block of the region's address plan:
 * the BOSH network (the director and BOSH's own VMs) is the block's first quarter, Cloud
 * Foundry's the second half. In each, Neutron hands out only the first addresses after the
 * gateway (DHCP, router interface, Octavia VIP and amphorae); BOSH reserves them, assigns its
 * static IPs after them and the rest dynamically. The second quarter holds the foundation's
 * management network (its first half: the operators' jumpbox, where `bosh create-env` runs) and,
 * at its end, the transit link to the management router when that is another router.
 */

/** Addresses from the gateway on that BOSH leaves to Neutron (offsets 1..15). */
export const NEUTRON_ADDRESSES = 15;
/** Static IPs BOSH may assign in each network, after Neutron's. */
export const STATIC_ADDRESSES = { bosh: 16, cf: 64 } as const;
/** The director's address: the first after Neutron's, and reserved from deployments. */
export const DIRECTOR_OFFSET = NEUTRON_ADDRESSES + 1;

export type PaastaNetworkKey = "bosh" | "cf" | "mgmt";

/** An inclusive address range. */
export interface AddressRange {
  readonly start: string;
  readonly end: string;
}

export interface PaastaNetworkAddresses {
  readonly cidr: string;
  readonly gatewayIp: string;
  /** Where Neutron allocates its own ports (DHCP, router, load balancer). */
  readonly neutronPool: AddressRange;
  /** Addresses BOSH must not assign: the gateway, Neutron's pool and, in bosh, the director. */
  readonly reserved: AddressRange;
  /** Addresses BOSH assigns as static IPs of jobs. */
  readonly static: AddressRange;
}

export interface PaastaAddresses {
  readonly block: string;
  readonly bosh: PaastaNetworkAddresses;
  readonly cf: PaastaNetworkAddresses;
  /** The management network: Neutron hands out all of it (BOSH deploys nothing there). */
  readonly mgmt: {
    readonly cidr: string;
    readonly gatewayIp: string;
    readonly neutronPool: AddressRange;
  };
  /** The link between the foundation's router and its management router, when they differ. */
  readonly transit: string;
  /** The BOSH director's IP (bosh_ip), in the BOSH network's reserved range. */
  readonly directorIp: string;
}

/** The foundation's block at `site` and the networks in it; the block is checked in spec. */
export function paastaAddresses(
  supernet: string,
  agencyPrefixLength: number,
  index: number,
  /** The region's addressPlan.transitPrefixLength; kept out of the management network's half. */
  transitPrefixLength = 28,
): PaastaAddresses {
  const block = subnetAt(supernet, agencyPrefixLength, index)!;
  const bosh = subnetAt(block, agencyPrefixLength + 2, 0)!;
  const cf = subnetAt(block, agencyPrefixLength + 1, 1)!;
  const second = subnetAt(block, agencyPrefixLength + 2, 1)!;
  const mgmt = subnetAt(second, agencyPrefixLength + 3, 0)!;
  return {
    block,
    bosh: networkAddresses(bosh, "bosh"),
    cf: networkAddresses(cf, "cf"),
    mgmt: {
      cidr: mgmt,
      gatewayIp: hostAt(mgmt, 1),
      // Every address but the network's, the gateway's and the broadcast.
      neutronPool: { start: hostAt(mgmt, 2), end: hostAt(mgmt, -2) },
    },
    transit: lastSubnet(second, Math.max(transitPrefixLength, agencyPrefixLength + 3))!,
    directorIp: hostAt(bosh, DIRECTOR_OFFSET),
  };
}

function networkAddresses(cidr: string, key: "bosh" | "cf"): PaastaNetworkAddresses {
  const lastReserved = key === "bosh" ? DIRECTOR_OFFSET : NEUTRON_ADDRESSES;
  return {
    cidr,
    gatewayIp: hostAt(cidr, 1),
    neutronPool: { start: hostAt(cidr, 2), end: hostAt(cidr, NEUTRON_ADDRESSES) },
    reserved: { start: hostAt(cidr, 1), end: hostAt(cidr, lastReserved) },
    static: {
      start: hostAt(cidr, lastReserved + 1),
      end: hostAt(cidr, lastReserved + STATIC_ADDRESSES[key]),
    },
  };
}

/** The foundation's addresses at each of `sites`; throws when its block is an agency's. */
export function planPaastaAddresses(
  input: RegionInput,
  paasta: PaastaFoundation,
  sites: readonly string[],
): ReadonlyMap<string, PaastaAddresses> {
  const region = input.region.spec;
  const { agencyPrefixLength, supernets } = region.addressPlan;
  const taken = takenBlocks(
    region,
    input.agencies.map((agency) => agency.spec),
    false,
  );
  const problems: Problem[] = [];
  const plan = new Map<string, PaastaAddresses>();
  for (const site of sites) {
    const addresses = paastaAddresses(
      supernets[site]!,
      agencyPrefixLength,
      paasta.addressBlock.index,
      region.addressPlan.transitPrefixLength,
    );
    if (taken.get(site)?.has(paasta.addressBlock.index)) {
      const holders = input.agencies.filter((agency) => {
        if (!agencySites(agency.spec, sites).includes(site)) return false;
        const { addressBlock } = agency.spec;
        const cidr =
          "index" in addressBlock
            ? subnetAt(supernets[site]!, agencyPrefixLength, addressBlock.index)
            : addressBlock.cidrs[site];
        return cidr !== undefined && overlaps(cidr, addresses.block);
      });
      const { free } = freeBlocks(region, taken, sites, 3);
      problems.push({
        location: input.region.source.locate(["platforms", "paasta", "addressBlock", "index"]),
        message: `block ${addresses.block} at site ${site} is taken by agency ${holders.map((agency) => `"${agency.spec.slug}" (${agency.source.file})`).join(", ") || "files"}`,
        received: `index ${paasta.addressBlock.index}`,
        hint:
          free.length > 0
            ? `move the foundation to a free block, e.g. addressBlock: { index: ${free[0]!.index} }; free: ${free.map(describeFreeBlock).join("; ")}`
            : "no block is free at every site: widen the supernets or free a block",
      });
    }
    plan.set(site, addresses);
  }
  if (problems.length > 0) throw new TamnaError(problems);
  return plan;
}
