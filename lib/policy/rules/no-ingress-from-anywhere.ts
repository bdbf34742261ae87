import type { PortRange } from "../../spec/zones";
import { literalNumber, literalString } from "../json";
import { referencedElement, resourcesOfType } from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";
import {
  ALL_PORTS,
  coveredBy,
  describePorts,
  isAnywhere,
  portRanges,
  securityGroupRules,
} from "../security-group-rules";
import { tenantZones, type TenantZones } from "../tenant-zones";

/** (a) Ingress from any address only where the internet-facing zone declares it. */
export const noIngressFromAnywhere: PolicyRule = {
  id: "TAMNA-NET-001",
  level: "error",
  title: "No ingress from 0.0.0.0/0 or ::/0 except the internet-facing zone's declared ports",
  explanation:
    "A security group rule open to every address exposes whatever listens on its ports to the " +
    "whole internet (a rule without any remote is open too), and so does a load balancer " +
    "listener whose `allowed_cidrs` include every address or are left out (Octavia then allows " +
    "all). Only a zone that reaches the internet may accept such traffic, and only on the " +
    "protocol and ports its `ingress` entries with `peer: internet` declare in the region file, " +
    "so that exposure is decided once, in review of the zone catalogue, not by each workload.",
  check(context) {
    const zones = tenantZones(context);
    return [...securityGroupViolations(context, zones), ...listenerViolations(context, zones)];
  },
};

function securityGroupViolations(context: PolicyContext, zones: TenantZones): Violation[] {
  return securityGroupRules(context, zones)
    .filter((rule) => rule.direction === "ingress" && rule.peer.kind === "anywhere")
    .filter((rule) => !isDeclared(context, rule.zone, rule.protocol, rule.ports))
    .map((rule) => ({
      resource: rule.resource,
      attribute: rule.peerAttribute,
      message: `${rule.zone ? `the ${rule.zone} zone's security group` : "a security group that belongs to no zone"} accepts ${describePorts(rule)} from anywhere, which the zone does not declare as internet-facing`,
      hint: hint(zones, rule.zone),
    }));
}

/** Octavia's listener protocols, by the IP protocol they carry. */
const LISTENER_PROTOCOLS: Readonly<Record<string, string>> = {
  TCP: "tcp",
  HTTP: "tcp",
  HTTPS: "tcp",
  TERMINATED_HTTPS: "tcp",
  UDP: "udp",
  SCTP: "sctp",
};

function listenerViolations(context: PolicyContext, zones: TenantZones): Violation[] {
  return resourcesOfType(context, "openstack_lb_listener_v2").flatMap((listener): Violation[] => {
    const allowed = listener.attributes.allowed_cidrs;
    const fromAnywhere =
      allowed === undefined ||
      (Array.isArray(allowed) &&
        allowed.some((cidr) => typeof cidr === "string" && isAnywhere(cidr)));
    if (!fromAnywhere) return [];
    const balancer = referencedElement(context, listener.attributes.loadbalancer_id);
    const subnet = balancer && referencedElement(context, balancer.attributes.vip_subnet_id);
    const zone = subnet ? zones.zoneOfSubnet(subnet) : undefined;
    const protocol = LISTENER_PROTOCOLS[literalString(listener.attributes.protocol) ?? ""] ?? "";
    const port = literalNumber(listener.attributes.protocol_port);
    const ports = port === undefined ? undefined : { min: port, max: port };
    if (isDeclared(context, zone, protocol, ports)) return [];
    return [
      {
        resource: listener,
        attribute: "allowed_cidrs",
        message: `a load balancer listener${zone ? ` in zone ${zone}` : ""} accepts ${protocol || "traffic"} port ${port ?? "?"} from anywhere${allowed === undefined ? " (no allowed_cidrs)" : ""}, which the zone does not declare as internet-facing`,
        hint: hint(zones, zone).replace("the rule's remote", "allowed_cidrs"),
      },
    ];
  });
}

function isDeclared(
  context: PolicyContext,
  zoneName: string | undefined,
  protocol: string,
  ports: PortRange | undefined,
): boolean {
  const zone = zoneName ? context.region.spec.zones[zoneName] : undefined;
  if (!zone || zone.reaches !== "internet") return false;
  const declared = zone.ingress.filter(
    (entry) => entry.peer === "internet" && entry.protocol === protocol,
  );
  if (protocol === "icmp") return declared.length > 0;
  return coveredBy(
    ports ?? ALL_PORTS,
    declared.flatMap((entry) => portRanges(entry.ports ?? [])),
  );
}

function hint(zones: TenantZones, zone: string | undefined): string {
  return zone && zones.reachOf(zone) === "internet"
    ? `narrow the rule's remote to known ranges, or declare the port under zones.${zone}.ingress with peer: internet in the region file`
    : "narrow the rule's remote to known ranges or a zone's group; only an internet-facing zone may accept traffic from anywhere";
}
