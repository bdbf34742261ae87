import type { Problem } from "../errors";
import type { AgencySpec } from "./agency";
import { flavorGpus } from "./catalogue";
import { gpuFlavorNames } from "./gpu";
import type { RegionSpec } from "./region";
import type { Sourced } from "./sourced";

/**
 * Checks of the agencies that use the region's GPU pool. A zone whose hosts tamna does not list
 * stays allowed in a region with GPUs: its aggregates are the operator's, who must give them the
 * metadata gpu=false (see plan/catalogue.ts) for general flavors to land there.
 */

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
