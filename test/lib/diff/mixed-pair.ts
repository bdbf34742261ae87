/**
 * One real pair for the format tests: the example region, and a copy whose jeju-city stack has a
 * subnet re-addressed, a router renamed, a volume removed and a rule opened to the internet.
 */
import type { DiffReport } from "../../../lib/diff";
import { diffDirs, Outputs, putResource, renameConstruct, resourceName } from "./fixtures";

export const MIXED_STACK = "jeju-city-jeju-cdc";

export function mixedPair(outputs: Outputs): { base: string; head: string; report: DiffReport } {
  const synthesized = outputs.synth("base");
  // A volume only the base has (added as JSON so that removing it does not depend on workloads).
  const base = outputs.copy(synthesized, "mixed-base", {
    [MIXED_STACK]: (json) =>
      putResource(json, "openstack_blockstorage_volume_v3", "Archive", {
        name: "archive",
        size: 10,
      }),
  });
  const head = outputs.copy(synthesized, "mixed-head", {
    [MIXED_STACK]: (json) => {
      const subnets = json.resource.openstack_networking_subnet_v2;
      subnets[resourceName(json, "openstack_networking_subnet_v2", "Zones_app_Subnet")].cidr =
        "10.10.9.0/24";
      renameConstruct(json, "Network_Routers_none_Router", "Internal_Router");
      const rules = json.resource.openstack_networking_secgroup_rule_v2;
      rules[
        resourceName(json, "openstack_networking_secgroup_rule_v2", "app_in-tcp-443-cidr")
      ].remote_ip_prefix = "0.0.0.0/0";
    },
  });
  return { base, head, report: diffDirs(base, head) };
}
