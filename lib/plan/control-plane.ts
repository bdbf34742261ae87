import type { RegionSpec } from "../spec/region";

/**
 * Which sites share a control plane. Two sites with the same cloud entry are two regions of one
 * cloud: one Keystone serves both, so identity objects exist once and one of the sites' stacks
 * creates them (its owner: the primary site of the cloud, else the first by name); the others
 * find them by name. Designate is shared only where the region declares it
 * (`sharedControlPlane[].dns: shared`). Nova, Cinder, Neutron, Octavia and Swift stay per region.
 */

/** The sites of `site`'s cloud in owner order: the primary first, then by name. */
export function cloudSites(region: RegionSpec, site: string): string[] {
  const cloud = region.sites[site]!.cloud;
  return Object.keys(region.sites)
    .filter((name) => region.sites[name]!.cloud === cloud)
    .sort(
      (a, b) => primaryFirst(region, a) - primaryFirst(region, b) || (a < b ? -1 : a > b ? 1 : 0),
    );
}

/**
 * The site among `among` whose stacks create the Keystone objects `site`'s stacks use: the first
 * of `site`'s cloud in owner order; `site` itself when it shares Keystone with none of them.
 */
export function identityOwner(region: RegionSpec, site: string, among: readonly string[]): string {
  return cloudSites(region, site).find((name) => among.includes(name)) ?? site;
}

/** The sites that share one Designate with `site`, itself included, in owner order. */
export function dnsSites(region: RegionSpec, site: string): string[] {
  const shared = new Set([site]);
  // Pairs chain: a shares with b and b with c, so one Designate serves a, b and c.
  for (let grown = true; grown;) {
    grown = false;
    for (const pair of region.sharedControlPlane ?? []) {
      if (pair.dns !== "shared" || !pair.sites.some((name) => shared.has(name))) continue;
      for (const name of pair.sites) {
        if (!shared.has(name) && name in region.sites) {
          shared.add(name);
          grown = true;
        }
      }
    }
  }
  return cloudSites(region, site).filter((name) => shared.has(name));
}

/**
 * `sites` in an order where every owner comes before the sites that depend on it: by rank in its
 * cloud's owner order, then by name. Sites of separate clouds keep their name order.
 */
export function ownerOrder(region: RegionSpec, sites: readonly string[]): string[] {
  const rank = (site: string): number =>
    cloudSites(region, site)
      .filter((name) => sites.includes(name))
      .indexOf(site);
  return [...sites].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function primaryFirst(region: RegionSpec, site: string): number {
  return region.sites[site]!.role === "primary" ? 0 : 1;
}
