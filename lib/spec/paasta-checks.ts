import type { Location, Problem } from "../errors";
import { subnetAt, subnetCount } from "../net/cidr";
import type { AgencySpec } from "./agency";
import { boshAzName } from "./paasta";
import type { RegionSpec } from "./region";
import type { Sourced } from "./sourced";

/**
 * Checks of a PaaS-TA foundation against the rest of the region file and the agencies: every
 * name it uses exists in the region's catalogues, and it fits the address plan. Overlaps with
 * agencies' blocks are checked where blocks are allocated (plan/paasta-addresses.ts).
 */

/** The smallest foundation block: a /24 BOSH network and a /23 Cloud Foundry network. */
export const PAASTA_MAX_BLOCK_PREFIX = 22;

export function checkPaasta(
  { spec: region, source }: Sourced<RegionSpec>,
  agencies: readonly Sourced<AgencySpec>[],
): Problem[] {
  const paasta = region.platforms?.paasta;
  if (!paasta) return [];
  const at = (...path: PropertyKey[]) => source.locate(["platforms", "paasta", ...path]);
  const problems: Problem[] = [];
  const sites = Object.keys(region.sites).sort();

  for (const field of ["homeSite", "activeSite"] as const) {
    const site = paasta[field];
    if (site !== undefined && !(site in region.sites)) {
      problems.push({
        location: at(field),
        message: `unknown site "${site}"`,
        received: site,
        allowed: sites.join(", "),
        hint: "name a site of the region (region.yaml sites)",
      });
    }
  }

  const clash = agencies.find((agency) => agency.spec.slug === paasta.name);
  if (clash) {
    problems.push({
      location: at("name"),
      message: `foundation name "${paasta.name}" is the slug of an agency (${clash.source.file}): their projects and stacks would clash`,
      received: paasta.name,
      hint: "give the foundation another name",
    });
  }

  const zone = region.zones[paasta.exposure.zone];
  if (!zone) {
    problems.push({
      location: at("exposure", "zone"),
      message: `unknown zone "${paasta.exposure.zone}"`,
      received: paasta.exposure.zone,
      allowed: Object.keys(region.zones).sort().join(", "),
      hint: "name a zone of the region's catalogue whose ingress rules fit the routers",
    });
  } else if (zone.reaches === "none" || zone.ingress.length === 0) {
    problems.push({
      location: at("exposure", "zone"),
      message: `zone "${paasta.exposure.zone}" ${zone.reaches === "none" ? "reaches no external network" : "accepts no traffic from outside"}: the routers would be unreachable`,
      received: paasta.exposure.zone,
      allowed: Object.keys(region.zones)
        .filter((name) => region.zones[name]!.reaches !== "none")
        .filter((name) => region.zones[name]!.ingress.length > 0)
        .sort()
        .join(", "),
      hint: "choose a zone with ingress rules and an external network, such as dmz",
    });
  } else {
    for (const site of sites) {
      const networks = region.sites[site]!.externalNetworks;
      if (!Object.values(networks).some((network) => network.reaches === zone.reaches)) {
        problems.push({
          location: at("exposure", "zone"),
          message: `site ${site} has no external network that reaches the ${zone.reaches}, which zone "${paasta.exposure.zone}" needs`,
          hint: `add an external network with reaches: ${zone.reaches} to site ${site}`,
        });
      }
    }
  }

  for (const [name, flavor] of Object.entries(paasta.vmTypes ?? {})) {
    if (!(flavor in region.flavors)) {
      problems.push({
        location: at("vmTypes", name),
        message: `vm_type "${name}" names unknown flavor "${flavor}"`,
        received: flavor,
        allowed: Object.keys(region.flavors).sort().join(", "),
        hint: "name a flavor of the region's catalogue (region.yaml flavors)",
      });
    } else if (region.flavors[flavor]!.gpu !== undefined) {
      problems.push({
        location: at("vmTypes", name),
        message: `vm_type "${name}" names GPU flavor "${flavor}": GPU flavors are private, and the foundation is granted none`,
        received: flavor,
        hint: "name a general flavor; GPU workloads belong to an agency with quota.gpus",
      });
    }
  }
  if (paasta.vmTypes && !("default" in paasta.vmTypes)) {
    problems.push({
      location: at("vmTypes"),
      message: "no vm_type named default: BOSH compiles packages on it",
      hint: "add default: <flavor> to vmTypes",
    });
  }
  for (const [name, disk] of Object.entries(paasta.diskTypes)) {
    if (disk.volumeType !== undefined && !(disk.volumeType in region.volumeTypes)) {
      problems.push({
        location: at("diskTypes", name, "volumeType"),
        message: `unknown volume type "${disk.volumeType}"`,
        received: disk.volumeType,
        allowed: Object.keys(region.volumeTypes).sort().join(", "),
        hint: "name a volume type of the region's catalogue (region.yaml volumeTypes)",
      });
    }
  }

  problems.push(...checkBoshAzs(region, at));
  problems.push(...checkManagementZone(region, source));

  if (!region.dns) {
    problems.push({
      location: at(),
      message: "the foundation needs the region's DNS for its system and apps domains",
      hint: "add dns: { domain, email } to the region file",
    });
  }

  const length = region.addressPlan.agencyPrefixLength;
  if (length > PAASTA_MAX_BLOCK_PREFIX) {
    problems.push({
      location: at("addressBlock"),
      message: `blocks of /${length} are too small for a foundation`,
      received: `addressPlan.agencyPrefixLength ${length}`,
      allowed: `/${PAASTA_MAX_BLOCK_PREFIX} or larger (a /24 for BOSH and a /23 for Cloud Foundry)`,
      hint: `set addressPlan.agencyPrefixLength to ${PAASTA_MAX_BLOCK_PREFIX} or less`,
    });
  } else {
    for (const site of sites) {
      const supernet = region.addressPlan.supernets[site];
      if (supernet === undefined) continue;
      if (subnetAt(supernet, length, paasta.addressBlock.index) === undefined) {
        problems.push({
          location: at("addressBlock", "index"),
          message: `block index ${paasta.addressBlock.index} is outside the supernet ${supernet} of site ${site}`,
          received: String(paasta.addressBlock.index),
          allowed: `0 to ${subnetCount(supernet, length) - 1n}`,
          hint: "choose a block no agency uses inside every site's supernet",
        });
      }
    }
  }
  return problems;
}

/**
 * The BOSH az names: each key a Nova zone of some site, and no two zones of one site under one
 * BOSH name (a zone left out goes by its own Nova name, which may clash with another's mapping).
 */
function checkBoshAzs(region: RegionSpec, at: (...path: PropertyKey[]) => Location): Problem[] {
  const azs = region.platforms!.paasta!.azs;
  if (!azs) return [];
  const problems: Problem[] = [];
  const sites = Object.keys(region.sites).sort();
  const zonesOf = (site: string) => region.sites[site]!.availabilityZones.map((zone) => zone.name);
  const known = new Set(sites.flatMap(zonesOf));
  for (const zone of Object.keys(azs)) {
    if (known.has(zone)) continue;
    problems.push({
      location: at("azs", zone),
      message: `unknown availability zone "${zone}"`,
      received: zone,
      allowed: [...known].sort().join(", "),
      hint: "name a Nova availability zone of a site (region.yaml sites.<site>.availabilityZones)",
    });
  }
  for (const site of sites) {
    const byName = new Map<string, string[]>();
    for (const zone of [...zonesOf(site)].sort()) {
      const name = boshAzName(azs, zone);
      byName.set(name, [...(byName.get(name) ?? []), zone]);
    }
    for (const [name, zones] of byName) {
      if (zones.length < 2) continue;
      const mapped = zones.filter((zone) => Object.hasOwn(azs, zone));
      problems.push({
        location: at("azs", mapped[mapped.length - 1]!),
        message: `BOSH az "${name}" names ${zones.length} availability zones of site ${site} (${zones.join(", ")})`,
        received: name,
        hint: "give each availability zone of a site its own BOSH az name",
      });
    }
  }
  return problems;
}

/** The foundation's own networks: a management zone of one of these names would clash with them. */
const FOUNDATION_NETWORKS = ["bosh", "cf", "transit"];

/**
 * The foundation gets a network of the management zone (the operators' jumpboxes): the zone must
 * not share a name with the foundation's own networks nor be its exposure zone, and each site
 * needs an external network of the class the zone reaches, for its router.
 */
function checkManagementZone(region: RegionSpec, source: Sourced<RegionSpec>["source"]): Problem[] {
  const paasta = region.platforms!.paasta!;
  const zone = region.management.zone;
  const spec = region.zones[zone];
  // An unknown management zone is the zone checks' to report.
  if (!spec) return [];
  const location = source.locate(["management", "zone"]);
  if (FOUNDATION_NETWORKS.includes(zone) || zone === paasta.exposure.zone) {
    return [
      {
        location,
        message: `management zone "${zone}" ${zone === paasta.exposure.zone ? "is the PaaS-TA foundation's exposure zone" : "has the name of a PaaS-TA foundation network"}: the foundation's management network would clash with it`,
        received: zone,
        hint: `name the management zone otherwise than ${[...FOUNDATION_NETWORKS, paasta.exposure.zone].join(", ")}`,
      },
    ];
  }
  if (spec.reaches === "none") return [];
  return Object.keys(region.sites)
    .sort()
    .filter(
      (site) =>
        !Object.values(region.sites[site]!.externalNetworks).some(
          (network) => network.reaches === spec.reaches,
        ),
    )
    .map((site) => ({
      location: source.locate(["sites", site, "externalNetworks"]),
      message: `site ${site} has no external network that reaches the ${spec.reaches}, which the PaaS-TA foundation's management network (zone ${zone}) needs`,
      hint: `add an external network with reaches: ${spec.reaches} to site ${site}`,
    }));
}
