import type { AgencySpec } from "../spec/agency";
import type { RegionInput } from "../spec/load";
import type { SystemSpec } from "../spec/system";

/** Sites where an agency has a tenant, in region order. */
export function agencySites(agency: AgencySpec, regionSites: readonly string[]): string[] {
  return agency.sites
    ? regionSites.filter((site) => agency.sites!.includes(site))
    : [...regionSites];
}

/** The site a system runs at: its own choice, else the region's primary site. */
export function systemSite(
  input: RegionInput,
  agency: AgencySpec,
  system: SystemSpec,
): string | undefined {
  if (system.site) return system.site;
  const sites = Object.entries(input.region.spec.sites)
    .filter(([name]) => !agency.sites || agency.sites.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return (sites.find(([, site]) => site.role === "primary") ?? sites[0])?.[0];
}
