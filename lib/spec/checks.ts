import { contains, network, overlaps } from "../net/cidr";
import type { Problem } from "../errors";
import { agencyDnsZoneName, RESERVED_AGENCY_SLUGS } from "../names";
import type { AgencySpec } from "./agency";
import type { Sourced } from "./sourced";
import type { RegionSpec } from "./region";
import { checkGradeBackupPolicies, checkSystemBackupPolicies } from "./backup-checks";
import { checkControlPlane } from "./control-plane-checks";
import { checkGpuWorkloads } from "./gpu-checks";
import { checkSystems } from "./system-checks";
import { checkPrices } from "./price-checks";
import { checkUrlCredentials } from "./url-checks";

/**
 * Checks that need more than one field or more than one file: references between files,
 * duplicates, and consistency of the address plan. Each problem points at the value to change.
 */

export function checkRegion({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const problems: Problem[] = [
    ...checkUrlCredentials({ spec, source }),
    ...checkGradeBackupPolicies({ spec, source }),
    ...checkControlPlane({ spec, source }),
    ...checkPrices({ spec, source }),
    ...checkHostProfiles({ spec, source }),
  ];
  const siteNames = Object.keys(spec.sites);

  if (!Object.values(spec.sites).some((site) => site.role === "primary")) {
    problems.push({
      location: source.locate(["sites"]),
      message: "no primary site",
      allowed: "at least one site with role: primary",
      hint: "set role: primary on the data center that runs systems day to day",
    });
  }

  for (const site of siteNames) {
    if (!(site in spec.addressPlan.supernets)) {
      problems.push({
        location: source.locate(["addressPlan", "supernets"]),
        message: `site "${site}" has no supernet`,
        allowed: `one supernet for each site: ${siteNames.join(", ")}`,
        hint: `add "${site}: <cidr>" under addressPlan.supernets`,
      });
    }
  }
  for (const [site, cidr] of Object.entries(spec.addressPlan.supernets)) {
    if (!siteNames.includes(site)) {
      problems.push({
        location: source.locate(["addressPlan", "supernets", site]),
        message: `supernet for unknown site "${site}"`,
        received: site,
        allowed: siteNames.join(", "),
      });
    } else if (network(cidr).prefixLength > spec.addressPlan.agencyPrefixLength) {
      problems.push({
        location: source.locate(["addressPlan", "supernets", site]),
        message: `supernet ${cidr} is smaller than one agency block (/${spec.addressPlan.agencyPrefixLength})`,
        received: cidr,
        hint: "widen the supernet or raise addressPlan.agencyPrefixLength",
      });
    }
  }

  const networks: { owner: string; cidr: string; path: PropertyKey[] }[] = [];
  for (const [site, cidr] of Object.entries(spec.addressPlan.supernets))
    networks.push({
      owner: `supernet of site ${site}`,
      cidr,
      path: ["addressPlan", "supernets", site],
    });

  for (const [siteName, site] of Object.entries(spec.sites)) {
    const zones = new Map<string, number>();
    site.availabilityZones.forEach((zone, index) => {
      const first = zones.get(zone.name);
      if (first !== undefined) {
        problems.push({
          location: source.locate(["sites", siteName, "availabilityZones", index, "name"]),
          message: `availability zone "${zone.name}" is listed twice (first at index ${first})`,
          hint: "give each availability zone its own name",
        });
      } else zones.set(zone.name, index);
    });

    for (const [netName, net] of Object.entries(site.externalNetworks)) {
      const at = ["sites", siteName, "externalNetworks", netName];
      networks.push({
        owner: `external network ${netName} of site ${siteName}`,
        cidr: net.cidr,
        path: [...at, "cidr"],
      });
      if (net.networkType === "vlan" && net.segmentationId === undefined) {
        problems.push({
          location: source.locate(at),
          message: "a vlan network needs segmentationId",
          hint: "add segmentationId: <VLAN ID>, or use networkType: flat",
        });
      }
      if (net.networkType === "flat" && net.segmentationId !== undefined) {
        problems.push({
          location: source.locate([...at, "segmentationId"]),
          message: "a flat network has no segmentationId",
          hint: "remove segmentationId, or use networkType: vlan",
        });
      }
      const addresses: [PropertyKey[], string][] = [[[...at, "gatewayIp"], net.gatewayIp]];
      (net.allocationPools ?? []).forEach((pool, index) => {
        addresses.push([[...at, "allocationPools", index, "start"], pool.start]);
        addresses.push([[...at, "allocationPools", index, "end"], pool.end]);
      });
      for (const [where, address] of addresses) {
        if (!contains(net.cidr, `${address}/32`)) {
          problems.push({
            location: source.locate(where),
            message: `address ${address} is outside the network ${net.cidr}`,
            received: address,
            allowed: `an address inside ${net.cidr}`,
          });
        }
      }
    }
  }

  for (let i = 0; i < networks.length; i++) {
    for (let j = i + 1; j < networks.length; j++) {
      const a = networks[i]!;
      const b = networks[j]!;
      if (overlaps(a.cidr, b.cidr)) {
        problems.push({
          location: source.locate(b.path),
          message: `${b.cidr} (${b.owner}) overlaps ${a.cidr} (${a.owner})`,
          hint: "give each supernet and external network its own address range",
        });
      }
    }
  }

  // A Nova host belongs to one availability zone: Nova refuses to add it to a second one. A GPU
  // host is in its zone through the GPU aggregate, so it cannot be a general host too.
  for (const [siteName, site] of Object.entries(spec.sites)) {
    const zoneOfHost = new Map<string, string>();
    site.availabilityZones.forEach((zone, zoneIndex) => {
      for (const field of ["hosts", "gpuHosts"] as const) {
        (zone[field] ?? []).forEach((host, hostIndex) => {
          const first = zoneOfHost.get(host);
          if (first === undefined) {
            zoneOfHost.set(host, zone.name);
            return;
          }
          problems.push({
            location: source.locate([
              "sites",
              siteName,
              "availabilityZones",
              zoneIndex,
              field,
              hostIndex,
            ]),
            message:
              first === zone.name
                ? `compute host "${host}" is listed twice in availability zone ${zone.name}`
                : `compute host "${host}" is listed in availability zones ${first} and ${zone.name}`,
            received: host,
            hint:
              first === zone.name
                ? "list each host once, in hosts (general) or in gpuHosts (GPU), not both"
                : "a compute host belongs to one availability zone; remove it from one of them",
          });
        });
      }
    });
  }
  return problems;
}

/**
 * The agency checks: unique slugs across files, and each agency against the region
 * (checkAgency). `checkOne` stands in for checkAgency where its result is known already (a
 * cache keyed by both files' contents).
 */
export function checkAgencies(
  region: Sourced<RegionSpec>,
  agencies: readonly Sourced<AgencySpec>[],
  checkOne: (region: Sourced<RegionSpec>, agency: Sourced<AgencySpec>) => Problem[] = checkAgency,
): Problem[] {
  const problems: Problem[] = [];
  const bySlug = new Map<string, Sourced<AgencySpec>>();

  for (const agency of agencies) {
    const { spec, source } = agency;
    const first = bySlug.get(spec.slug);
    if (first) {
      const firstLine = first.source.locate(["slug"]).line;
      problems.push({
        location: source.locate(["slug"]),
        message: `duplicate agency slug "${spec.slug}", also used by ${first.source.file}:${firstLine}`,
        hint: "every agency needs its own slug; rename one of them",
      });
    } else bySlug.set(spec.slug, agency);
    problems.push(...checkOne(region, agency));
  }
  return problems;
}

/**
 * The checks of one agency file that need the region file as well, and nothing else: a pure
 * function of the two specs.
 */
export function checkAgency(region: Sourced<RegionSpec>, agency: Sourced<AgencySpec>): Problem[] {
  const problems: Problem[] = [];
  const siteNames = Object.keys(region.spec.sites);
  const { spec, source } = agency;
  if ((RESERVED_AGENCY_SLUGS as readonly string[]).includes(spec.slug)) {
    problems.push({
      location: source.locate(["slug"]),
      message: `slug "${spec.slug}" is reserved for stack names`,
      received: spec.slug,
      hint: `choose another slug; ${RESERVED_AGENCY_SLUGS.join(" and ")} are reserved`,
    });
  }

  const domain = region.spec.dns?.domain;
  if (domain !== undefined && spec.dnsZone === undefined) {
    const zone = agencyDnsZoneName(spec.slug, domain);
    if (zone.length > 254) {
      problems.push({
        location: source.locate(["slug"]),
        message: `the agency's DNS zone ${zone} is longer than DNS allows`,
        received: `${zone.length - 1} characters before the final dot`,
        allowed: "at most 253 characters",
        hint: "set dnsZone to a shorter name, or shorten the region's dns.domain",
      });
    }
  }

  const listedSites = new Map<string, number>();
  (spec.sites ?? []).forEach((site, index) => {
    const first = listedSites.get(site);
    if (first !== undefined) {
      problems.push({
        location: source.locate(["sites", index]),
        message: `site "${site}" is listed twice (first at sites[${first}])`,
        hint: "list each site once",
      });
    } else listedSites.set(site, index);
    if (!siteNames.includes(site)) {
      problems.push({
        location: source.locate(["sites", index]),
        message: `unknown site "${site}"`,
        received: site,
        allowed: siteNames.join(", "),
      });
    }
  });

  problems.push(...checkUrlCredentials(agency));
  problems.push(...checkSystems(region, agency));
  problems.push(...checkGpuWorkloads(region, agency));
  problems.push(...checkSystemBackupPolicies(region, agency));
  return problems;
}

/** A zone's host count comes from its capacity or from its host list: one of them is needed. */
function checkHostProfiles({ spec, source }: Sourced<RegionSpec>): Problem[] {
  return Object.entries(spec.sites).flatMap(([site, { availabilityZones }]) =>
    availabilityZones.flatMap((zone, index) =>
      zone.capacity && zone.capacity.hostCount === undefined && zone.hosts === undefined
        ? [
            {
              location: source.locate(["sites", site, "availabilityZones", index, "capacity"]),
              message: `availability zone "${zone.name}" has a capacity but no host count`,
              hint: "set capacity.hostCount, or list the zone's hosts",
            },
          ]
        : [],
    ),
  );
}
