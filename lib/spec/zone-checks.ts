import type { Problem } from "../errors";
import { describeExposure, exposure } from "../net/address-space";
import { lastSubnet, network, overlaps, subnetAt } from "../net/cidr";
import type { Sourced } from "./sourced";
import type { RegionSpec } from "./region";
import { portRange, type PortSpec } from "./zones";

/**
 * Checks of the zone catalogue, flows and management settings of a region file: references to
 * zones, the rule that only open (O) zones reach the internet, administrative ports reachable
 * only from the management zone, and zone subnets that fit their agency block without overlap.
 */
export function checkZones({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const problems: Problem[] = [];
  const zoneNames = Object.keys(spec.zones);
  const known = zoneNames.join(", ");
  const admin = spec.management.adminPorts;
  const mgmt = spec.management.zone;

  if (!zoneNames.includes(mgmt)) {
    problems.push({
      location: source.locate(["management", "zone"]),
      message: `management zone "${mgmt}" is not in the zone catalogue`,
      received: mgmt,
      allowed: known,
    });
  }

  for (const [name, zone] of Object.entries(spec.zones)) {
    const at = ["zones", name];
    if (zone.reaches === "internet" && zone.classification !== "O") {
      problems.push({
        location: source.locate([...at, "reaches"]),
        message: `zone "${name}" holds ${zone.classification} data and may not reach the internet`,
        received: "internet",
        allowed: "intranet or none (only classification O zones reach the internet)",
        hint: "keep business and data zones off the internet; put internet-facing servers in an O zone",
      });
    }
    for (const direction of ["ingress", "egress"] as const) {
      zone[direction].forEach((rule, index) => {
        const where = [...at, direction, index];
        problems.push(...checkPorts(source, where, rule.protocol, rule.ports));
        if (rule.peer !== zone.reaches) {
          problems.push({
            location: source.locate([...where, "peer"]),
            message: `zone "${name}" reaches ${zone.reaches}, so it has no route to the ${rule.peer}`,
            received: rule.peer,
            allowed: zone.reaches === "none" ? "no external rules" : zone.reaches,
          });
        }
        if (rule.peer === "intranet" && spec.addressPlan.intranetRanges.length === 0) {
          problems.push({
            location: source.locate([...where, "peer"]),
            message: "an intranet rule needs addressPlan.intranetRanges",
            hint: "list the government intranet's ranges under addressPlan.intranetRanges",
          });
        }
        if (direction === "ingress" && touchesAdminPorts(rule.protocol, rule.ports, admin)) {
          problems.push({
            location: source.locate([...where, "ports"]),
            message: `administrative ports may not be opened to the ${rule.peer}`,
            received: JSON.stringify(rule.ports),
            hint: `administrative access comes from the ${mgmt} zone or management.bastionRanges only`,
          });
        }
      });
    }
  }

  spec.flows.forEach((flow, index) => {
    const at = ["flows", index];
    for (const end of ["from", "to"] as const) {
      if (!zoneNames.includes(flow[end])) {
        problems.push({
          location: source.locate([...at, end]),
          message: `unknown zone "${flow[end]}"`,
          received: flow[end],
          allowed: known,
        });
      }
    }
    problems.push(...checkPorts(source, at, flow.protocol, flow.ports));
    if (flow.from !== mgmt && touchesAdminPorts(flow.protocol, flow.ports, admin)) {
      problems.push({
        location: source.locate([...at, "ports"]),
        message: `flow from "${flow.from}" opens administrative ports`,
        received: JSON.stringify(flow.ports),
        hint: `administrative access comes from the ${mgmt} zone only; it is granted to every zone automatically`,
      });
    }
  });

  problems.push(...checkManagement({ spec, source }));
  problems.push(...checkIntranetRanges({ spec, source }));
  problems.push(...checkZoneSubnets({ spec, source }));
  return problems;
}

/**
 * Administrative access may not start from the internet side: a management zone that reaches
 * the internet or accepts traffic from it would open SSH and RDP from the internet-facing tier
 * into every zone; and bastion ranges are hosts, not networks, so none may be wider than the
 * region's limit (never 0.0.0.0/0).
 */
function checkManagement({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const problems: Problem[] = [];
  const { zone: mgmt, bastionRanges, minBastionPrefixLength } = spec.management;
  const zone = spec.zones[mgmt];
  const internetFacing = (name: string) =>
    spec.zones[name]!.reaches === "internet" ||
    spec.zones[name]!.ingress.some((rule) => rule.peer === "internet");
  if (zone && internetFacing(mgmt)) {
    const allowed = Object.keys(spec.zones).filter((name) => !internetFacing(name));
    problems.push({
      location: source.locate(["management", "zone"]),
      message: `management zone "${mgmt}" ${zone.reaches === "internet" ? "reaches the internet" : "accepts traffic from the internet"}, so administrative ports of every zone would be open from the internet-facing tier`,
      received: mgmt,
      allowed:
        allowed.length > 0
          ? `a zone that neither reaches nor accepts the internet: ${allowed.join(", ")}`
          : "a zone that neither reaches nor accepts the internet (the catalogue has none)",
      hint: "administer from a zone of its own with reaches: intranet or none, and no internet ingress",
    });
  }
  bastionRanges.forEach((cidr, index) => {
    const length = network(cidr).prefixLength;
    if (length >= minBastionPrefixLength) return;
    problems.push({
      location: source.locate(["management", "bastionRanges", index]),
      message:
        length === 0
          ? "bastion range 0.0.0.0/0 opens administrative ports of every zone to the whole internet"
          : `bastion range ${cidr} is wider than management.minBastionPrefixLength allows (/${minBastionPrefixLength})`,
      received: cidr,
      allowed: `a prefix of /${minBastionPrefixLength} or longer`,
      hint: "list the addresses of the bastion hosts themselves; raise management.minBastionPrefixLength in the region file only for a reviewed bastion network",
    });
  });
  const wide = exposure(bastionRanges).find((family) => family.internetWide);
  if (wide) {
    problems.push({
      location: source.locate(["management", "bastionRanges"]),
      message: `bastion ranges together open administrative ports to ${describeExposure(wide)}`,
      received: `${bastionRanges.length} ranges`,
      hint: "list the addresses of the bastion hosts themselves",
    });
  }
  return problems;
}

/**
 * Zones with `peer: intranet` rules accept the intranet ranges; if those ranges taken together
 * are the internet (0.0.0.0/1 plus 128.0.0.0/1, or as much public space as a /8), an S or C
 * zone would be reachable from the internet under another name.
 */
function checkIntranetRanges({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const ranges = spec.addressPlan.intranetRanges;
  const wide = exposure(ranges).find((family) => family.internetWide);
  if (!wide) return [];
  const users = Object.entries(spec.zones)
    .filter(([, zone]) => [...zone.ingress, ...zone.egress].some((r) => r.peer === "intranet"))
    .map(([name, zone]) => `${name} (${zone.classification})`);
  return [
    {
      location: source.locate(["addressPlan", "intranetRanges"]),
      message: `the intranet ranges together cover ${describeExposure(wide)}${users.length > 0 ? `, so zones ${users.join(", ")} would exchange traffic with the internet` : ""}`,
      received: ranges.join(", "),
      allowed: "the government intranet's own ranges, holding fewer public addresses than a /8",
      hint: "list only the intranet's ranges; internet traffic is declared with peer: internet on an O zone",
    },
  ];
}

function checkPorts(
  source: Sourced<RegionSpec>["source"],
  at: PropertyKey[],
  protocol: string,
  ports: readonly PortSpec[] | undefined,
): Problem[] {
  if (protocol === "icmp" && ports) {
    return [
      {
        location: source.locate([...at, "ports"]),
        message: "icmp has no ports",
        hint: "remove ports",
      },
    ];
  }
  if (protocol !== "icmp" && !ports) {
    return [
      {
        location: source.locate(at),
        message: `a ${protocol} rule needs ports`,
        hint: "add ports: [<port>, ...]; opening every port is not allowed",
      },
    ];
  }
  return [];
}

function touchesAdminPorts(
  protocol: string,
  ports: readonly PortSpec[] | undefined,
  admin: readonly PortSpec[],
): boolean {
  if (protocol !== "tcp" || !ports) return false;
  return ports.some((port) => {
    const range = portRange(port);
    return admin.some((adminPort) => {
      const other = portRange(adminPort);
      return range.min <= other.max && other.min <= range.max;
    });
  });
}

/** Zone subnets are laid out inside a model agency block; the same rule applies to every block. */
function checkZoneSubnets({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const problems: Problem[] = [];
  const blockLength = spec.addressPlan.agencyPrefixLength;
  const model = `0.0.0.0/${blockLength}`;
  const transit = lastSubnet(model, spec.addressPlan.transitPrefixLength);
  if (!transit) {
    problems.push({
      location: source.locate(["addressPlan", "transitPrefixLength"]),
      message: `the transit subnet (/${spec.addressPlan.transitPrefixLength}) is larger than an agency block (/${blockLength})`,
      received: String(spec.addressPlan.transitPrefixLength),
      allowed: `${blockLength} to 29, and small enough to leave room for the zones`,
      hint: "raise transitPrefixLength or lower agencyPrefixLength",
    });
  }
  const placed: { owner: string; cidr: string }[] = transit
    ? [{ owner: "the transit subnet", cidr: transit }]
    : [];

  for (const [name, zone] of Object.entries(spec.zones)) {
    const at = ["zones", name, "subnet"];
    const cidr = subnetAt(model, zone.subnet.prefixLength, zone.subnet.slot);
    if (!cidr) {
      problems.push({
        location: source.locate(at),
        message: `zone "${name}" does not fit in an agency block: slot ${zone.subnet.slot} of /${zone.subnet.prefixLength} is outside a /${blockLength}`,
        hint: "use a lower slot, a smaller subnet (larger prefixLength), or a larger agencyPrefixLength block",
      });
      continue;
    }
    const clash = placed.find((other) => overlaps(other.cidr, cidr));
    if (clash) {
      problems.push({
        location: source.locate(at),
        message: `zone "${name}" subnet (slot ${zone.subnet.slot} of /${zone.subnet.prefixLength}) overlaps ${clash.owner}`,
        hint: "give each zone its own slot; the transit subnet takes the last addresses of the block",
      });
    }
    placed.push({ owner: `zone "${name}"`, cidr });
  }
  return problems;
}
