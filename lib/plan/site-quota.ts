import { TamnaError } from "../errors";
import type { Quota } from "../spec/common";
import { planSystem, type ComputeContext, type ComputePlan, type SystemPlan } from "./compute";
import { memberRuleUsage, systemUsage, type Usage } from "./compute-usage";
import { networkUsage, resolveQuota } from "./quota";
import { standbySizing } from "./standby";

/**
 * The agency's quota at a site; a declared field too small is an error. A DR copy counts at
 * full size: after a failover the site must hold the whole system, not just its standby.
 */
export function agencySiteQuota(context: ComputeContext, compute: ComputePlan): Quota {
  const { input, agency, site, network } = context;
  const region = input.region.spec;
  const parts: [string, Usage][] = [["networks", networkUsage(network)]];
  const fullSizes: SystemPlan[] = [];
  for (const system of compute.systems) {
    const full = system.role === "standby" ? failoverSize(context, system.name) : system;
    fullSizes.push(full);
    parts.push([
      system.role === "standby" ? `${system.name} after failover` : system.name,
      systemUsage(full, region.flavors),
    ]);
  }
  parts.push(["load balancer member rules", memberRuleUsage(fullSizes)]);
  const { quota, shortfalls } = resolveQuota(
    region.quotaDefaults,
    agency.spec.quota,
    parts,
    region.quotaHeadroomPercent,
  );
  if (shortfalls.length === 0) return quota;
  throw new TamnaError(
    shortfalls.map(({ field, needed, quota: limit, parts: shares }) => ({
      location: agency.source.locate(["quota", field]),
      message: `agency "${agency.spec.slug}" needs ${needed} ${field} at site ${site} (${shares.map(([what, n]) => `${what}: ${n}`).join(", ")}), but its quota is ${limit}`,
      received: String(limit),
      allowed: `at least ${needed}`,
      hint: `raise quota.${field}, remove it to derive it from the workloads, or shrink the systems named`,
    })),
  );
}

/** The system as it would run at this site once failed over to it. */
function failoverSize(context: ComputeContext, name: string): SystemPlan {
  const index = context.agency.spec.systems.findIndex((system) => system.name === name);
  const spec = context.agency.spec.systems[index]!;
  const decision = context.decisions.get(name)!;
  const active = { ...decision, activeSite: context.site };
  return planSystem(context, spec, index, active, "standby", [], (workload) =>
    standbySizing(active, context.site, workload),
  );
}
