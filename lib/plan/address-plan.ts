import { TamnaError, type Problem } from "../errors";
import { contains, lastSubnet, network, subnetAt, subnetCount } from "../net/cidr";
import type { AgencySpec } from "../spec/agency";
import type { RegionInput, Sourced } from "../spec/load";
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
  // when they are the same block: a lookup by CIDR per site finds every clash.
  const taken = new Map<string, Map<string, Sourced<AgencySpec>>>();

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
      const blocks = taken.get(site) ?? new Map<string, Sourced<AgencySpec>>();
      taken.set(site, blocks);
      const clash = blocks.get(block);
      if (clash) {
        problems.push({
          location: source.locate(["addressBlock"]),
          message: `block ${block} at site ${site} overlaps ${block} of agency "${clash.spec.slug}" (${locationText(clash)})`,
          hint: "give each agency its own block index or CIDR",
        });
      } else blocks.set(block, agency);
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

  if (problems.length > 0) throw new TamnaError(problems);
  return plan;
}

function agencyBlock(
  input: RegionInput,
  { spec, source }: Sourced<AgencySpec>,
  site: string,
  problems: Problem[],
): string | undefined {
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
        hint: "pick a free index in range, or widen the site's supernet",
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
  const at = source.locate(["addressBlock", "cidrs", site]);
  if (network(block).prefixLength !== length) {
    problems.push({
      location: at,
      message: `block ${block} is not an agency-sized block`,
      received: block,
      allowed: `a /${length} (addressPlan.agencyPrefixLength)`,
    });
    return undefined;
  }
  if (!contains(supernet, block)) {
    problems.push({
      location: at,
      message: `block ${block} is outside the supernet ${supernet} of site ${site}`,
      received: block,
      allowed: `a /${length} inside ${supernet}`,
    });
    return undefined;
  }
  return block;
}

function locationText(agency: Sourced<AgencySpec>): string {
  const at = agency.source.locate(["addressBlock"]);
  return `${at.file}:${at.line}`;
}
