import type { PolicyContext, PolicyRule } from "../rule";
import {
  ALL_PORTS,
  carriesPorts,
  describePeer,
  describePorts,
  insideAny,
  overlapsAny,
  portRanges,
  securityGroupRules,
  type SecurityGroupRule,
} from "../security-group-rules";
import { tenantZones, type TenantZones } from "../tenant-zones";

/** (b) SSH, RDP and consoles only from the management zone and the bastions. */
export const adminPortsFromManagement: PolicyRule = {
  id: "TAMNA-NET-002",
  level: "error",
  title: "Administrative ports only from the management zone or a bastion range",
  explanation:
    "SSH, RDP and remote consoles (the region's `management.adminPorts`, by default 22, 3389 and " +
    "5900-5999) are how an intruder takes over a server. They may be reached only from the " +
    "management zone's security group, from its subnet, or from the region's " +
    "`management.bastionRanges`, where access is logged and controlled; never from another " +
    "zone, the intranet at large or the internet.",
  check(context) {
    const zones = tenantZones(context);
    const admin = portRanges(context.region.spec.management.adminPorts);
    return securityGroupRules(context, zones)
      .filter(
        (rule) =>
          rule.direction === "ingress" &&
          carriesPorts(rule.protocol) &&
          overlapsAny(rule.ports ?? ALL_PORTS, admin),
      )
      .filter((rule) => !fromManagement(context, zones, rule))
      .map((rule) => ({
        resource: rule.resource,
        attribute: rule.peerAttribute,
        message: `${describePorts(rule)} includes administrative ports and is open to ${describePeer(rule.peer)}`,
        hint: `allow administrative ports only from the ${context.region.spec.management.zone} zone's group or a range in management.bastionRanges; move other traffic to ports outside ${context.region.spec.management.adminPorts.join(", ")}`,
      }));
  },
};

export function fromManagement(
  context: PolicyContext,
  zones: TenantZones,
  rule: SecurityGroupRule,
): boolean {
  const { zone: mgmt, bastionRanges } = context.region.spec.management;
  switch (rule.peer.kind) {
    case "group":
      return rule.peer.zone === mgmt;
    case "cidr":
      return insideAny(rule.peer.cidr, [...bastionRanges, ...zones.cidrsOf(mgmt)]);
    default:
      return false;
  }
}
