import { GPU_AGGREGATE_KEY } from "../../plan/catalogue";
import type { PlatformStackPlan } from "../../plan/region-plan";
import { literalString } from "../json";
import { resourcesOfType } from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";

/** GPU workloads run only where GPU hosts are: in the availability zones that declare them. */
export const gpuWorkloadsInGpuZones: PolicyRule = {
  id: "TAMNA-GPU-001",
  level: "error",
  title: "GPU workloads sit in availability zones that host GPUs",
  explanation:
    "GPU flavors land only on the aggregates of GPU hosts (aggregate metadata " +
    `\`${GPU_AGGREGATE_KEY}=true\`, matched by Nova's AggregateInstanceExtraSpecsFilter), and a ` +
    "zone allows GPU workloads only when the region lists GPU hosts (`gpuHosts`) in it. A server " +
    "on a GPU flavor in any other availability zone, or with no zone at all, would fail to " +
    "schedule (No valid host) or wait for GPUs that the zone does not have. The GPU flavors and " +
    "GPU zones are those of the site's platform plan.",
  check(context) {
    if (context.stack.layer !== "agency") return [];
    const platform = platformOf(context);
    if (!platform) return [];
    const gpuFlavors = new Set(platform.flavors.filter((f) => f.gpus > 0).map((f) => f.flavorId));
    if (gpuFlavors.size === 0) return [];
    const zones = new Set(
      platform.aggregates
        .filter((aggregate) => aggregate.metadata[GPU_AGGREGATE_KEY] === "true")
        .map((aggregate) => aggregate.zone),
    );
    const allowed = zones.size > 0 ? [...zones].sort().join(", ") : "none at this site";
    return resourcesOfType(context, "openstack_compute_instance_v2").flatMap(
      (server): Violation[] => {
        const flavor =
          literalString(server.attributes.flavor_name) ??
          literalString(server.attributes.flavor_id);
        if (flavor === undefined || !gpuFlavors.has(flavor)) return [];
        const zone = literalString(server.attributes.availability_zone);
        if (zone !== undefined && zones.has(zone)) return [];
        return [
          {
            resource: server,
            attribute: "availability_zone",
            message: `server on GPU flavor ${flavor} is in ${zone === undefined ? "no fixed availability zone" : `availability zone ${zone}`}, which hosts no GPUs (GPU zones at site ${context.stack.site}: ${allowed})`,
            hint: "place the server in an availability zone whose GPU hosts the region lists under gpuHosts, or use a general flavor",
          },
        ];
      },
    );
  },
};

function platformOf(context: PolicyContext): PlatformStackPlan | undefined {
  return context.region.plan.stacks.find(
    (stack): stack is PlatformStackPlan =>
      stack.layer === "platform" && stack.site === context.stack.site,
  );
}
