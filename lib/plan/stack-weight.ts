import type { WorkloadPlan } from "./compute-types";
import type {
  AgencyStackPlan,
  PaastaStackPlan,
  PlatformStackPlan,
  StackPlan,
  TenancyStackPlan,
} from "./region-plan";

/**
 * About how many Terraform resources a stack will hold, read from its plan alone: what
 * `tamna matrix` balances CI jobs by. Counting exactly needs the construct tree (`tamna list`
 * builds it), which costs as much as a synth at a thousand agencies; this costs a walk over the
 * plan. It counts the objects that become resources one to one (networks, subnets, rules,
 * servers, volumes, listeners, records) and is a proxy, not a promise: a test keeps it within
 * a factor of the built count for the example's stacks.
 */
export function estimatedResources(stack: StackPlan): number {
  switch (stack.layer) {
    case "platform":
      return platformWeight(stack);
    case "tenancy":
      return tenancyWeight(stack);
    case "agency":
      return agencyWeight(stack);
    case "paasta":
      return paastaWeight(stack);
  }
}

function platformWeight(stack: PlatformStackPlan): number {
  return (
    (stack.domain.createdBy === undefined ? 1 : 0) + // domain, at one site of a cloud
    2 * stack.externalNetworks.length + // network and subnet
    stack.flavors.length +
    stack.volumeTypes.length +
    stack.aggregates.length
  );
}

function tenancyWeight(stack: TenancyStackPlan): number {
  // Another site of the cloud creates the project, groups and roles: the quotas are left.
  if (stack.sharedIdentity) return 3;
  // The project, its quotas (compute, network, block storage), each group and its roles.
  const groups = stack.groups.reduce(
    (sum, group) => sum + (group.existing ? 0 : 1) + group.roles.length,
    0,
  );
  return 1 + 3 + groups;
}

function agencyWeight(stack: AgencyStackPlan): number {
  const { network, compute } = stack;
  let weight = 2 * network.zones.length; // network and subnet per zone
  weight += network.routers.reduce((sum, router) => sum + 1 + router.zones.length, 0);
  if (network.transit) weight += 2;
  weight += network.securityGroups.reduce((sum, group) => sum + 1 + group.rules.length, 0);
  weight += compute.keyPairs.length;
  for (const system of compute.systems) {
    weight += system.containers.length;
    for (const workload of system.workloads) weight += workloadWeight(workload);
  }
  weight += stack.dns ? 1 + stack.dns.records.length : 0;
  return weight;
}

function paastaWeight({ foundation }: PaastaStackPlan): number {
  let weight = 2 * foundation.networks.length; // network and subnet
  const routers = [
    foundation.router,
    ...(foundation.management.router ? [foundation.management.router] : []),
  ];
  for (const router of routers) {
    // The router, its interfaces, and on a transit link its port, interface and routes.
    weight += 1 + router.networks.length;
    if (router.transitIp !== undefined) weight += 2 + router.routes.length;
  }
  if (foundation.management.transit) weight += 2; // transit network and subnet
  weight += foundation.securityGroups.reduce((sum, group) => sum + 1 + group.rules.length, 0);
  weight += 1; // key pair
  const lb = foundation.loadBalancer;
  weight += 2 + 3 * lb.listeners.length; // load balancer, floating IP; listener, pool, monitor
  weight += (foundation.dns.zoneCreatedBy ? 0 : 1) + foundation.dns.records.length;
  return weight + foundation.containers.length;
}

function workloadWeight(workload: WorkloadPlan): number {
  let weight = 1; // server group
  for (const instance of workload.instances) {
    // Server and port; a data volume is a volume and its attachment.
    weight += 2 + (instance.bootVolume ? 1 : 0) + 2 * instance.dataVolumes.length;
  }
  const lb = workload.loadBalancer;
  if (lb) {
    // Load balancer; per listener a listener, pool, monitor and a member per instance.
    weight += 1 + (lb.floatingIpNetwork ? 1 : 0) + lb.memberRules.length;
    weight += lb.listeners.length * (3 + workload.instances.length);
  }
  return weight;
}
