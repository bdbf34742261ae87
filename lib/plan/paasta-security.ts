import type { RegionSpec } from "../spec/region";
import { portRange, type PortSpec, type Protocol } from "../spec/zones";
import type { PaastaAddresses } from "./paasta-addresses";
import {
  ANY_IPV4,
  planSecurityGroups,
  ruleKey,
  type RulePlan,
  type SecurityGroupPlan,
} from "./security-rules";

/**
 * The foundation's security groups, derived like the agencies' zone groups: Neutron's default
 * rules deleted, then only what BOSH and Cloud Foundry need. `bosh` holds the director: its API,
 * UAA, CredHub, agent and SSH only from the management zone and the bastion ranges, NATS and the
 * blobstore only from the foundation's own networks. `cf` holds the deployment: its own traffic
 * within the foundation's networks, SSH from the management zone and the bastions, the routers'
 * ports from the sources of the exposure zone's ingress rules. The management zone's group is an
 * agency's management group (its zone's rules, the bastions, DNS), plus the way to the director
 * and the OpenStack APIs that `bosh create-env` on a jumpbox there needs.
 */

/** Director API (25555), UAA (8443), CredHub (8844), the create-env agent (6868) and SSH. */
export const DIRECTOR_ADMIN_PORTS = [22, 6868, 8443, 8844, 25555] as const;
/** What deployed VMs call on the director: NATS, blobstore, API, UAA and CredHub. */
export const DIRECTOR_SERVICE_PORTS = [4222, 8443, 8844, 25250, 25555] as const;

export interface PaastaSecurityInput {
  readonly name: string;
  readonly addresses: PaastaAddresses;
  /** The site's DNS resolvers. */
  readonly nameservers: readonly string[];
  /** The listeners of the routers' load balancer, each with its allowed sources. */
  readonly routerPorts: readonly { readonly port: number; readonly sources: readonly string[] }[];
  /** Where the director's CPI reaches the OpenStack APIs. */
  readonly openstackApi: {
    readonly ranges: readonly string[];
    readonly ports: readonly PortSpec[];
  };
}

const ALL_PROTOCOLS: readonly Protocol[] = ["tcp", "udp", "icmp"];

export function planPaastaSecurityGroups(
  region: RegionSpec,
  input: PaastaSecurityInput,
): SecurityGroupPlan[] {
  const { bosh, cf } = input.addresses;
  const bastions = region.management.bastionRanges;
  const mgmt = region.management.zone;
  const groups = {
    bosh: new Map<string, RulePlan>(),
    cf: new Map<string, RulePlan>(),
    mgmt: [] as Omit<RulePlan, "key">[],
  };
  const add = (group: "bosh" | "cf", rule: Omit<RulePlan, "key">) => {
    const key = ruleKey(rule);
    const existing = groups[group].get(key);
    if (!existing || rule.description < existing.description)
      groups[group].set(key, { key, ...rule });
  };
  const port = (value: number) => ({ portMin: value, portMax: value });
  // Administrative ports are reached only from the bastion ranges, also inside the foundation.
  const open = nonAdminRanges(region.management.adminPorts);
  const all = (protocol: Protocol): { portMin?: number; portMax?: number }[] =>
    protocol === "icmp" ? [{}] : open;

  // Each network's own traffic, in both directions.
  for (const [group, cidr, what] of [
    ["bosh", bosh.cidr, "within the BOSH network"],
    ["cf", cf.cidr, "within the Cloud Foundry network"],
  ] as const) {
    for (const protocol of ALL_PROTOCOLS) {
      for (const ports of all(protocol)) {
        add(group, {
          direction: "ingress",
          protocol,
          ...ports,
          remoteCidr: cidr,
          description: what,
        });
        add(group, {
          direction: "egress",
          protocol,
          ...ports,
          remoteCidr: cidr,
          description: what,
        });
      }
    }
  }
  // Deployed VMs reach the director's NATS, blobstore, API, UAA and CredHub; the director
  // reaches them (health, SSH, errands).
  for (const value of DIRECTOR_SERVICE_PORTS) {
    const description = "deployment to the BOSH director";
    add("bosh", {
      direction: "ingress",
      protocol: "tcp",
      ...port(value),
      remoteCidr: cf.cidr,
      description,
    });
    add("cf", {
      direction: "egress",
      protocol: "tcp",
      ...port(value),
      remoteCidr: bosh.cidr,
      description,
    });
  }
  for (const protocol of ALL_PROTOCOLS) {
    const description = "BOSH director to the deployment";
    for (const ports of all(protocol)) {
      add("bosh", { direction: "egress", protocol, ...ports, remoteCidr: cf.cidr, description });
      add("cf", { direction: "ingress", protocol, ...ports, remoteCidr: bosh.cidr, description });
    }
  }
  // Operators: from the management zone's group and the bastion ranges, nowhere else.
  for (const value of DIRECTOR_ADMIN_PORTS) {
    const description = "administration of the director from the management zone";
    add("bosh", {
      direction: "ingress",
      protocol: "tcp",
      ...port(value),
      remoteZone: mgmt,
      description,
    });
    groups.mgmt.push({
      direction: "egress",
      protocol: "tcp",
      ...port(value),
      remoteZone: "bosh",
      description,
    });
  }
  {
    const description = "administration from the management zone";
    add("cf", {
      direction: "ingress",
      protocol: "tcp",
      ...port(22),
      remoteZone: mgmt,
      description,
    });
    groups.mgmt.push({
      direction: "egress",
      protocol: "tcp",
      ...port(22),
      remoteZone: "cf",
      description,
    });
  }
  for (const cidr of bastions) {
    for (const value of DIRECTOR_ADMIN_PORTS) {
      add("bosh", {
        direction: "ingress",
        protocol: "tcp",
        ...port(value),
        remoteCidr: cidr,
        description: "administration of the director from a bastion range",
      });
    }
    add("cf", {
      direction: "ingress",
      protocol: "tcp",
      ...port(22),
      remoteCidr: cidr,
      description: "administration from a bastion range",
    });
  }
  // The routers' ports, from where the exposure zone accepts traffic.
  for (const listener of input.routerPorts) {
    for (const cidr of listener.sources) {
      add("cf", {
        direction: "ingress",
        protocol: "tcp",
        ...port(listener.port),
        remoteCidr: cidr,
        description:
          cidr === ANY_IPV4 ? "Cloud Foundry routers from the internet" : "Cloud Foundry routers",
      });
    }
  }
  // The director's CPI drives OpenStack, and so does `bosh create-env` on a jumpbox.
  for (const cidr of input.openstackApi.ranges) {
    for (const spec of input.openstackApi.ports) {
      const { min, max } = portRange(spec);
      const rule = {
        direction: "egress",
        protocol: "tcp",
        portMin: min,
        portMax: max,
        remoteCidr: cidr,
      } as const;
      add("bosh", { ...rule, description: "BOSH CPI to the OpenStack APIs" });
      groups.mgmt.push({ ...rule, description: "bosh create-env to the OpenStack APIs" });
    }
  }
  for (const group of ["bosh", "cf"] as const) {
    for (const target of input.nameservers) {
      for (const protocol of ["udp", "tcp"] as const) {
        add(group, {
          direction: "egress",
          protocol,
          ...port(53),
          remoteCidr: `${target}/32`,
          description: "DNS",
        });
      }
    }
  }

  const byKey = (a: RulePlan, b: RulePlan) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return [
    ...(["bosh", "cf"] as const).map((group) => ({
      zone: group,
      name: `${input.name}-${group}`,
      description:
        group === "bosh"
          ? `${input.name}: BOSH director and BOSH's own VMs`
          : `${input.name}: Cloud Foundry VMs deployed by BOSH`,
      rules: [...groups[group].values()].sort(byKey),
    })),
    managementGroup(region, input, groups.mgmt),
  ];
}

/**
 * The management zone's group, planned like an agency's (its zone's own rules, administrative
 * ports from itself and the bastions, DNS), with the foundation's rules to the director added.
 */
function managementGroup(
  region: RegionSpec,
  input: PaastaSecurityInput,
  extra: readonly Omit<RulePlan, "key">[],
): SecurityGroupPlan {
  const zone = region.management.zone;
  const dns = input.nameservers.map((server) => `${server}/32`);
  const [group] = planSecurityGroups(region, input.name, [zone], { [zone]: dns }, []);
  const rules = new Map(group!.rules.map((rule) => [rule.key, rule]));
  for (const rule of extra) {
    const key = ruleKey(rule);
    const existing = rules.get(key);
    if (!existing || rule.description < existing.description) rules.set(key, { key, ...rule });
  }
  return {
    ...group!,
    description: `${input.name}: operators' jumpboxes (${zone} zone)`,
    rules: [...rules.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The port ranges of 1-65535 that are not administrative ports, ascending. */
export function nonAdminRanges(
  adminPorts: readonly PortSpec[],
): { portMin: number; portMax: number }[] {
  const admin = adminPorts.map(portRange).sort((a, b) => a.min - b.min);
  const ranges: { portMin: number; portMax: number }[] = [];
  let next = 1;
  for (const { min, max } of admin) {
    if (min > next) ranges.push({ portMin: next, portMax: min - 1 });
    next = Math.max(next, max + 1);
  }
  if (next <= 65535) ranges.push({ portMin: next, portMax: 65535 });
  return ranges;
}
