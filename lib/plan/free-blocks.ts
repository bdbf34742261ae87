import { network, subnetAt, subnetCount } from "../net/cidr";
import type { AgencySpec } from "../spec/agency";
import type { RegionSpec } from "../spec/region";
import { agencySites } from "./sites";

/**
 * Which agency blocks are still free: for a new agency (`tamna agency new`) and for the fix of
 * an overlap. An agency's `index` is the same at every site, so a free index is one whose block
 * is free at every site the agency uses. Blocks are taken by agencies that use an index and by
 * agencies that wrote their CIDRs out: "the highest index plus one" misses the latter.
 */

/** A block index free at every site asked for, with its CIDR at each of them. */
export interface FreeBlock {
  readonly index: number;
  /** The block's CIDR by site name, in the order of the sites asked for. */
  readonly cidrs: Readonly<Record<string, string>>;
}

export interface FreeBlocks {
  /** The lowest free indexes, at most `limit`, ascending. */
  readonly free: readonly FreeBlock[];
  /** Sites asked for where every block is taken. */
  readonly full: readonly string[];
}

/**
 * Block indexes taken at each site of the region by `agencies`. An explicit CIDR takes every
 * block it overlaps (it is checked to be one aligned block elsewhere; a wrong one still takes
 * what it covers), an index takes that block at every site of its agency.
 */
export function takenBlocks(
  region: RegionSpec,
  agencies: readonly AgencySpec[],
  /** Count the blocks of the region's platforms (a PaaS-TA foundation) as taken. */
  withPlatforms = true,
): Map<string, Set<number>> {
  const sites = Object.keys(region.sites).sort();
  const length = region.addressPlan.agencyPrefixLength;
  const taken = new Map(sites.map((site) => [site, new Set<number>()]));
  for (const agency of agencies) {
    for (const site of agencySites(agency, sites)) {
      const supernet = region.addressPlan.supernets[site];
      if (supernet === undefined) continue;
      const used = taken.get(site)!;
      if ("index" in agency.addressBlock) {
        used.add(agency.addressBlock.index);
        continue;
      }
      const cidr = agency.addressBlock.cidrs[site];
      if (cidr !== undefined) {
        for (const index of coveredIndexes(supernet, length, cidr)) used.add(index);
      }
    }
  }
  const foundation = region.platforms?.paasta;
  if (withPlatforms && foundation) {
    for (const used of taken.values()) used.add(foundation.addressBlock.index);
  }
  return taken;
}

/**
 * The lowest `limit` indexes free at every one of `sites` (given `taken`, from takenBlocks), and
 * the sites that are full. An index must exist in every site's supernet.
 */
export function freeBlocks(
  region: RegionSpec,
  taken: ReadonlyMap<string, ReadonlySet<number>>,
  sites: readonly string[],
  limit: number,
): FreeBlocks {
  const length = region.addressPlan.agencyPrefixLength;
  const counts = sites.map((site) =>
    Number(subnetCount(region.addressPlan.supernets[site]!, length)),
  );
  const full = sites.filter((site, i) => countTaken(taken.get(site), counts[i]!) >= counts[i]!);
  const free: FreeBlock[] = [];
  const end = sites.length === 0 ? 0 : Math.min(...counts);
  for (let index = 0; index < end && free.length < limit; index++) {
    if (sites.some((site) => taken.get(site)?.has(index))) continue;
    free.push({
      index,
      cidrs: Object.fromEntries(
        sites.map((site) => [site, subnetAt(region.addressPlan.supernets[site]!, length, index)!]),
      ),
    });
  }
  return { free, full };
}

/** `index 6 (jeju-cdc 10.10.24.0/22, mainland-drc 10.20.24.0/22)`, for messages. */
export function describeFreeBlock(block: FreeBlock): string {
  const cidrs = Object.entries(block.cidrs).map(([site, cidr]) => `${site} ${cidr}`);
  return `index ${block.index} (${cidrs.join(", ")})`;
}

/** Indexes of the agency-sized blocks of `supernet` that `cidr` overlaps. */
function coveredIndexes(supernet: string, length: number, cidr: string): number[] {
  const outer = network(supernet);
  const inner = network(cidr);
  const size = 1n << BigInt(32 - length);
  const count = subnetCount(supernet, length);
  const start = inner.start - outer.start;
  const end = start + inner.size; // exclusive
  if (end <= 0n || start >= outer.size) return [];
  const first = start < 0n ? 0n : start / size;
  const last = (end - 1n) / size < count - 1n ? (end - 1n) / size : count - 1n;
  const indexes: number[] = [];
  for (let index = first; index <= last; index++) indexes.push(Number(index));
  return indexes;
}

function countTaken(taken: ReadonlySet<number> | undefined, count: number): number {
  if (!taken) return 0;
  let inRange = 0;
  for (const index of taken) if (index >= 0 && index < count) inRange++;
  return inRange;
}
