import type { AgencySpec } from "../spec/agency";

/** Sites where an agency has a tenant, in region order. */
export function agencySites(agency: AgencySpec, regionSites: readonly string[]): string[] {
  return agency.sites
    ? regionSites.filter((site) => agency.sites!.includes(site))
    : [...regionSites];
}
