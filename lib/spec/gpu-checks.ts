import type { Problem } from "../errors";
import type { AgencySpec } from "./agency";
import { flavorGpus } from "./catalogue";
import { gpuFlavorNames, regionHasGpus } from "./gpu";
import type { RegionSpec } from "./region";
import type { Sourced } from "./sourced";

/**
 * Checks of the region's GPU pool and of the agencies that use it. Once a region has GPUs,
 * general flavors require aggregate metadata gpu=false (see plan/catalogue.ts), which only the
 * aggregates tamna creates carry: a zone whose hosts tamna does not list could run nothing.
 */
export function checkGpuZones({ spec, source }: Sourced<RegionSpec>): Problem[] {
  if (!regionHasGpus(spec)) return [];
  const problems: Problem[] = [];
  for (const [siteName, site] of Object.entries(spec.sites)) {
    site.availabilityZones.forEach((zone, zoneIndex) => {
      if ((zone.hosts ?? []).length > 0 || (zone.gpuHosts ?? []).length > 0) return;
      problems.push({
        location: source.locate(["sites", siteName, "availabilityZones", zoneIndex]),
        message: `availability zone ${zone.name} lists no hosts, but the region has GPUs: its flavors require aggregate metadata gpu=true or gpu=false, which only tamna's aggregates carry, so nothing could boot in this zone`,
        hint: "list the zone's compute hosts under hosts (and its GPU hosts under gpuHosts)",
      });
    });
  }
  return problems;
}

/**
 * GPU flavors are private and granted only to agencies with a GPU quota: a workload on a GPU
 * flavor in an agency without one could not boot, so it is an error at the flavor.
 */
export function checkGpuWorkloads(
  region: Sourced<RegionSpec>,
  { spec: agency, source }: Sourced<AgencySpec>,
): Problem[] {
  if ((agency.quota?.gpus ?? 0) > 0) return [];
  const problems: Problem[] = [];
  const gpuFlavors = gpuFlavorNames(region.spec);
  agency.systems.forEach((system, s) => {
    system.workloads.forEach((workload, w) => {
      const uses: [PropertyKey[], string | undefined][] = [
        [["flavor"], workload.flavor],
        [["standby", "flavor"], workload.standby?.flavor],
      ];
      for (const [path, name] of uses) {
        const flavor = name !== undefined ? region.spec.flavors[name] : undefined;
        if (!flavor || flavorGpus(flavor) === 0) continue;
        problems.push({
          location: source.locate(["systems", s, "workloads", w, ...path]),
          message: `workload "${system.name}/${workload.name}" uses GPU flavor "${name}", but agency "${agency.slug}" has no GPU quota: GPU flavors are private and granted only to agencies with quota.gpus`,
          received: name,
          allowed: `a general flavor, or set quota.gpus (GPU flavors: ${gpuFlavors.join(", ")})`,
          hint: `add "quota: { gpus: <GPUs the agency may hold> }" to the agency file once its GPU use is approved, or choose a general flavor`,
        });
      }
    });
  });
  return problems;
}
