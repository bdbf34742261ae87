import type { Site, RegionSpec } from "./region";

/**
 * Where a region has GPUs: flavors that ask for them and availability zones whose gpuHosts
 * carry them. Shared by the checks, the catalogue plan and the placement of workloads.
 */

/** Names of the region's GPU flavors, sorted. */
export function gpuFlavorNames(region: Pick<RegionSpec, "flavors">): string[] {
  return Object.keys(region.flavors)
    .filter((name) => region.flavors[name]!.gpu !== undefined)
    .sort();
}

/** The availability zones of a site that allow GPU workloads: those with GPU hosts. */
export function gpuZones(site: Pick<Site, "availabilityZones">): string[] {
  return site.availabilityZones
    .filter((zone) => (zone.gpuHosts ?? []).length > 0)
    .map((zone) => zone.name)
    .sort();
}

/**
 * Whether the region keeps general flavors off GPU hosts: as soon as it has a GPU flavor or a
 * GPU host, every flavor and every aggregate carries the gpu key (see plan/catalogue.ts). A
 * region without GPUs is left exactly as it was.
 */
export function regionHasGpus(region: Pick<RegionSpec, "flavors" | "sites">): boolean {
  return (
    gpuFlavorNames(region).length > 0 ||
    Object.values(region.sites).some((site) => gpuZones(site).length > 0)
  );
}
