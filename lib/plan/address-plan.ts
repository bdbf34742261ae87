import { TamnaError, type Problem } from "../errors";
import { contains, lastSubnet, network, subnetAt, subnetCount } from "../net/cidr";
import type { AgencySpec } from "../spec/agency";
import type { RegionInput, Sourced } from "../spec/load";
import { describeFreeBlock, freeBlocks, takenBlocks } from "./free-blocks";
import { agencySites } from "./sites";

/**
 * The address plan (IPAM): each agency's block at each site, taken from its own file (an index
 * or explicit CIDRs) so that adding, removing or reordering agencies never moves another
 * agency's addresses; zone and transit subnets inside the block by the region's rule.
 */

export interface AgencyAddresses {
  readonly block: string;
  /** Subnet of each zone the agency uses, by zone name. */
  readonly zones: Readonly<Record<string, string>>;
  /** Links the agency's routers; the last addresses of the block. */
  readonly transit: string;
}

/** Addresses by agency slug, then by site. */
export type AddressPlan = ReadonlyMap<string, ReadonlyMap<string, AgencyAddresses>>;

/**
 * Every agency's block at every site, checked against the others; zone and transit subnets for
 * `only` the agencies being planned (default: all), since carving them is most of the cost in a
 * large region.
 */
export function planAddresses(input: RegionInput, only?: ReadonlySet<string>): AddressPlan {
  const region = input.region.spec;
  const sites = Object.keys(region.sites).sort();
  const problems: Problem[] = [];
  const plan = new Map<string, Map<string, AgencyAddresses>>();
  // Blocks are all agency-sized and aligned (checked in agencyBlock), so two overlap exactly
  // when they are the same block: the claims on each CIDR per site find every clash.
  const claims = new Map<string, Map<string, Sourced<AgencySpec>[]>>();

  for (const agency of input.agencies) {
    const { spec, source } = agency;
    spec.zones.forEach((zone, index) => {
      if (!(zone in region.zones)) {
        problems.push({
          location: source.locate(["zones", index]),
          message: `unknown zone "${zone}"`,
          received: zone,
          allowed: Object.keys(region.zones).join(", "),
          hint: "use a zone of the region's catalogue (region.yaml zones)",
        });
      }
      const first = spec.zones.indexOf(zone);
      if (first !== index) {
        problems.push({
          location: source.locate(["zones", index]),
          message: `zone "${zone}" is listed twice (first at zones[${first}])`,
          hint: "list each zone once",
        });
      }
    });

    if ("cidrs" in spec.addressBlock) {
      const agencySiteNames = agencySites(spec, sites);
      for (const site of Object.keys(spec.addressBlock.cidrs)) {
        if (!agencySiteNames.includes(site)) {
          problems.push({
            location: source.locate(["addressBlock", "cidrs", site]),
            message: `block for site "${site}", where the agency has no tenant`,
            received: site,
            allowed: agencySiteNames.join(", "),
            hint: "fix the site name, or add the site to the agency's sites",
          });
        }
      }
    }

    const bySite = new Map<string, AgencyAddresses>();
    for (const site of agencySites(spec, sites)) {
      const block = agencyBlock(input, agency, site, problems);
      if (!block) continue;
      const blocks = claims.get(site) ?? new Map<string, Sourced<AgencySpec>[]>();
      claims.set(site, blocks);
      blocks.set(block, [...(blocks.get(block) ?? []), agency]);
      if (only && !only.has(spec.slug)) continue;
      bySite.set(site, {
        block,
        transit: lastSubnet(block, region.addressPlan.transitPrefixLength)!,
        zones: Object.fromEntries(
          spec.zones
            .filter((zone) => zone in region.zones)
            .map((zone) => {
              const { prefixLength, slot } = region.zones[zone]!.subnet;
              // Zone layouts are checked against a model block when the region is loaded.
              return [zone, subnetAt(block, prefixLength, slot)!];
            }),
        ),
      });
    }
    if (!only || only.has(spec.slug)) plan.set(spec.slug, bySite);
  }

  problems.push(...overlapProblems(input, claims));
  if (problems.length > 0) throw new TamnaError(problems);
  return plan;
}

/** How many free blocks an overlap's fix lists. */
const FREE_BLOCKS_LISTED = 3;

/**
 * One problem per agency that must move off a block another agency holds. The holder is the
 * agency most likely unchanged: one with a placement lock (synthesized before) over one without
 * (being added), then the smaller slug; every other claimant is reported at its own file, which
 * is then the file being changed, naming the holder and listing blocks free for it.
 */
function overlapProblems(
  input: RegionInput,
  claims: ReadonlyMap<string, ReadonlyMap<string, readonly Sourced<AgencySpec>[]>>,
): Problem[] {
  const locked = (agency: Sourced<AgencySpec>) => input.placements?.has(agency.spec.slug) ?? false;
  const settled = (a: Sourced<AgencySpec>, b: Sourced<AgencySpec>) =>
    Number(locked(b)) - Number(locked(a)) || (a.spec.slug < b.spec.slug ? -1 : 1);
  const problems: Problem[] = [];
  for (const site of [...claims.keys()].sort()) {
    for (const [block, agencies] of claims.get(site)!) {
      if (agencies.length < 2) continue;
      const [holder, ...movers] = [...agencies].sort(settled);
      for (const mover of movers) {
        const { spec, source } = mover;
        const byIndex = "index" in spec.addressBlock;
        problems.push({
          location: source.locate(
            byIndex ? ["addressBlock", "index"] : ["addressBlock", "cidrs", site],
          ),
          message: `block ${block} at site ${site} overlaps the block of agency "${holder!.spec.slug}" (${blockLocationText(holder!, site)})`,
          received: byIndex ? `index ${(spec.addressBlock as { index: number }).index}` : block,
          hint: freeBlocksHint(input, mover),
        });
      }
    }
  }
  return problems;
}

/** The blocks free for `agency` at all its sites, the other agencies' blocks taken. */
function freeBlocksHint(input: RegionInput, agency: Sourced<AgencySpec>): string {
  const region = input.region.spec;
  const others = input.agencies.filter((each) => each !== agency).map((each) => each.spec);
  const sites = agencySites(agency.spec, Object.keys(region.sites).sort());
  const { free, full } = freeBlocks(region, takenBlocks(region, others), sites, FREE_BLOCKS_LISTED);
  if (free.length === 0) {
    return full.length > 0
      ? `no block is free: site ${full.join(" and ")} is full; widen the supernet or free a block`
      : `no index is free at every site of the agency: write addressBlock.cidrs per site`;
  }
  const listed = free.map(describeFreeBlock).join("; ");
  return `move this agency to a free block, e.g. addressBlock: { index: ${free[0]!.index} }; free: ${listed}`;
}

function agencyBlock(
  input: RegionInput,
  agency: Sourced<AgencySpec>,
  site: string,
  problems: Problem[],
): string | undefined {
  const { spec, source } = agency;
  const region = input.region.spec;
  const supernet = region.addressPlan.supernets[site]!;
  const length = region.addressPlan.agencyPrefixLength;

  if ("index" in spec.addressBlock) {
    const block = subnetAt(supernet, length, spec.addressBlock.index);
    if (!block) {
      problems.push({
        location: source.locate(["addressBlock", "index"]),
        message: `block index ${spec.addressBlock.index} is outside the supernet ${supernet} of site ${site}`,
        received: String(spec.addressBlock.index),
        allowed: `0 to ${subnetCount(supernet, length) - 1n} (/${length} blocks of ${supernet})`,
        hint: freeBlocksHint(input, agency),
      });
    }
    return block;
  }

  const block = spec.addressBlock.cidrs[site];
  if (!block) {
    problems.push({
      location: source.locate(["addressBlock", "cidrs"]),
      message: `no block for site "${site}"`,
      hint: `add "${site}: <cidr>" under addressBlock.cidrs, or use addressBlock.index`,
    });
    return undefined;
  }
  // Located only for a problem: locating may parse the file again (lib/spec/parse-cache.ts).
  const at = () => source.locate(["addressBlock", "cidrs", site]);
  if (network(block).prefixLength !== length) {
    problems.push({
      location: at(),
      message: `block ${block} is not an agency-sized block`,
      received: block,
      allowed: `a /${length} (addressPlan.agencyPrefixLength)`,
    });
    return undefined;
  }
  if (!contains(supernet, block)) {
    problems.push({
      location: at(),
      message: `block ${block} is outside the supernet ${supernet} of site ${site}`,
      received: block,
      allowed: `a /${length} inside ${supernet}`,
    });
    return undefined;
  }
  return block;
}

function blockLocationText({ spec, source }: Sourced<AgencySpec>, site: string): string {
  const field =
    "index" in spec.addressBlock ? ["addressBlock", "index"] : ["addressBlock", "cidrs", site];
  const at = source.locate(field);
  return `${at.file}:${at.line} ${at.path ?? field.join(".")}`;
}
