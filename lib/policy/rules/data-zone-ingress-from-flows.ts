import type { PolicyContext, PolicyRule } from "../rule";
import {
  ALL_PORTS,
  coveredBy,
  describePeer,
  describePorts,
  portRanges,
  securityGroupRules,
  type SecurityGroupRule,
} from "../security-group-rules";
import { tenantZones, type TenantZones } from "../tenant-zones";
import { fromManagement } from "./admin-ports-from-management";

/** (c) The data zones accept only their declared flows and administration. */
export const dataZoneIngressFromFlows: PolicyRule = {
  id: "TAMNA-NET-003",
  level: "error",
  title: "Data zones accept only the flows declared to them and administration",
  explanation:
    "A data zone (`reaches: none`, e.g. `db`) holds the agency's records and has no route out " +
    "of the tenant. Its security group may accept traffic only from the groups of zones that " +
    "have a flow to it in the region's `flows`, on that flow's protocol and ports, and " +
    "administrative ports from the management zone or a bastion range. Any other rule turns " +
    "the data zone into a neighbour of whatever sits on the other side.",
  check(context) {
    const zones = tenantZones(context);
    return securityGroupRules(context, zones)
      .filter(
        (rule) =>
          rule.direction === "ingress" &&
          rule.zone !== undefined &&
          zones.reachOf(rule.zone) === "none",
      )
      .filter((rule) => !byFlow(context, rule) && !isAdministration(context, zones, rule))
      .map((rule) => ({
        resource: rule.resource,
        attribute: rule.peerAttribute,
        message: `data zone ${rule.zone} accepts ${describePorts(rule)} from ${describePeer(rule.peer)}, which no flow declares`,
        hint: `remove the rule, or declare a flow to ${rule.zone} in the region file's flows and let tamna derive the rule from it (ingress from the source zone's group)`,
      }));
  },
};

function byFlow(context: PolicyContext, rule: SecurityGroupRule): boolean {
  if (rule.peer.kind !== "group" || !rule.peer.zone) return false;
  const from = rule.peer.zone;
  const flows = context.region.spec.flows.filter(
    (flow) => flow.from === from && flow.to === rule.zone && flow.protocol === rule.protocol,
  );
  if (rule.protocol === "icmp") return flows.length > 0;
  return coveredBy(
    rule.ports ?? ALL_PORTS,
    flows.flatMap((flow) => portRanges(flow.ports ?? [])),
  );
}

function isAdministration(
  context: PolicyContext,
  zones: TenantZones,
  rule: SecurityGroupRule,
): boolean {
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return false;
  const admin = portRanges(context.region.spec.management.adminPorts);
  return coveredBy(rule.ports ?? ALL_PORTS, admin) && fromManagement(context, zones, rule);
}
