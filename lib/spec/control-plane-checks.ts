import type { Problem } from "../errors";
import type { RegionSpec } from "./region";
import type { Sourced } from "./sourced";

/**
 * Checks of the sites' control planes: two sites of one cloud entry are two regions of one cloud
 * (one Keystone), so they need distinct OpenStack regions; a shared Designate is only possible
 * between regions of one cloud.
 */
export function checkControlPlane({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const problems: Problem[] = [];
  const siteNames = Object.keys(spec.sites);

  const regionOf = new Map<string, string>();
  for (const name of [...siteNames].sort()) {
    const site = spec.sites[name]!;
    const key = JSON.stringify([site.cloud, site.openstackRegion]);
    const first = regionOf.get(key);
    if (first !== undefined) {
      problems.push({
        location: source.locate(["sites", name, "openstackRegion"]),
        message: `sites ${first} and ${name} both use cloud "${site.cloud}" and OpenStack region "${site.openstackRegion}": they would be the same data center`,
        received: site.openstackRegion,
        hint: `give ${name} the OpenStack region of its own data center, or its own cloud entry if it is a separate cloud`,
      });
    } else regionOf.set(key, name);
  }

  const pairs = new Map<string, number>();
  (spec.sharedControlPlane ?? []).forEach((entry, index) => {
    const at = ["sharedControlPlane", index];
    const unknown = entry.sites.findIndex((site) => !siteNames.includes(site));
    if (unknown >= 0) {
      problems.push({
        location: source.locate([...at, "sites", unknown]),
        message: `unknown site "${entry.sites[unknown]}"`,
        received: entry.sites[unknown],
        allowed: siteNames.join(", "),
      });
      return;
    }
    const [a, b] = entry.sites as [string, string];
    if (a === b) {
      problems.push({
        location: source.locate([...at, "sites", 1]),
        message: `site "${b}" is paired with itself`,
        hint: "name two different sites",
      });
      return;
    }
    const key = [a, b].sort().join(" ");
    const first = pairs.get(key);
    if (first !== undefined) {
      problems.push({
        location: source.locate([...at, "sites"]),
        message: `sites ${a} and ${b} are paired twice (first at sharedControlPlane[${first}])`,
        hint: "declare each pair of sites once",
      });
    } else pairs.set(key, index);
    const cloudA = spec.sites[a]!.cloud;
    const cloudB = spec.sites[b]!.cloud;
    if (entry.dns === "shared" && cloudA !== cloudB) {
      problems.push({
        location: source.locate([...at, "dns"]),
        message: `shared DNS between sites of different clouds: ${a} uses cloud "${cloudA}", ${b} uses "${cloudB}"`,
        received: "shared",
        allowed: "per-site, or shared between two sites with the same cloud entry",
        hint: "one Designate serves the regions of one cloud only: set dns: per-site, or give both sites the same cloud if they are two regions of one cloud",
      });
    }
  });
  return problems;
}
