import type { InstancePlan, SystemPlan, WorkloadPlan } from "../plan/compute";
import type { LoadBalancerPlan } from "../plan/load-balancer";
import type { AgencyStackPlan } from "../plan/region-plan";
import type { GraphBuilder } from "./graph-builder";
import { sortedBy } from "./order";

/** What a site has already drawn that its systems attach to. */
export interface SiteAttachments {
  /** The site's cluster, which holds a cluster per system. */
  readonly cluster: string;
  /** Zone network nodes by zone name. */
  readonly zones: ReadonlyMap<string, string>;
  /** External network nodes by network name. */
  readonly externalNetworks: ReadonlyMap<string, string>;
}

export interface SystemNodes {
  /** System nodes by system name, for the DR pairing. */
  readonly systems: ReadonlyMap<string, string>;
  /** Load balancer nodes by loadBalancerKey(), for the DNS records. */
  readonly loadBalancers: ReadonlyMap<string, string>;
}

/** A DNS record names its load balancer by system and workload, not by the balancer's name. */
export function loadBalancerKey(system: string, workload: string): string {
  return `${system}/${workload}`;
}

/** Draws a cluster per system at one site, holding the system, its workloads and balancers. */
export function addSystems(
  graph: GraphBuilder,
  stack: AgencyStackPlan,
  site: SiteAttachments,
): SystemNodes {
  const systems = new Map<string, string>();
  const loadBalancers = new Map<string, string>();
  for (const system of sortedBy(stack.compute.systems, (s) => s.name)) {
    const parent = graph.cluster(["system", stack.site, system.name], {
      kind: "system",
      parent: site.cluster,
      lines: [`system ${system.name}`],
      serving: system.servesHere,
    });
    const systemId = graph.node(["sys", stack.site, system.name], {
      kind: "system",
      cluster: parent,
      serving: system.servesHere,
      lines: systemLines(system),
    });
    systems.set(system.name, systemId);
    for (const workload of sortedBy(system.workloads, (w) => w.name)) {
      const id = graph.node(["workload", stack.site, system.name, workload.name], {
        kind: "workload",
        cluster: parent,
        lines: workloadLines(stack.agency, workload),
      });
      graph.edge(id, systemId, "part-of");
      const zone = site.zones.get(workload.zone)!;
      const lb = workload.loadBalancer;
      // The VIP and the members share the zone's subnet: traffic goes zone -> VIP -> members.
      if (!lb) {
        graph.edge(zone, id, "attachment");
        continue;
      }
      const lbId = graph.node(["lb", stack.site, lb.name], {
        kind: "load-balancer",
        cluster: parent,
        lines: loadBalancerLines(lb),
      });
      graph.edge(zone, lbId, "vip");
      graph.edge(lbId, id, "member");
      if (lb.floatingIpNetwork) {
        const external = site.externalNetworks.get(lb.floatingIpNetwork)!;
        graph.edge(external, lbId, "floating-ip");
      }
      loadBalancers.set(loadBalancerKey(system.name, workload.name), lbId);
    }
  }
  return { systems, loadBalancers };
}

function systemLines(system: SystemPlan): string[] {
  const { dr } = system;
  return [
    system.displayName,
    `grade ${system.grade} · DR ${dr.mode}`,
    system.role === "primary" ? "home site" : `DR copy of ${dr.homeSite}`,
    system.servesHere ? "active: serves clients here" : `standby: active at ${dr.activeSite}`,
    ...system.containers.map(
      (container) =>
        `container ${container.name}${container.syncToSite ? ` syncs to ${container.syncToSite}` : ""}`,
    ),
  ];
}

/** Instances by availability zone, named without the agency and system prefix they all share. */
function workloadLines(agency: string, workload: WorkloadPlan): string[] {
  const prefix = `${agency}-${workload.system}-`;
  const short = (instance: InstancePlan) =>
    (instance.name.startsWith(prefix) ? instance.name.slice(prefix.length) : instance.name) +
    (instance.fixedIp ? ` (${instance.fixedIp})` : "");
  const zones = [...new Set(workload.instances.map((i) => i.availabilityZone))].sort();
  return [
    `workload ${workload.name}`,
    `${workload.instances.length} × ${workload.flavor}`,
    ...zones.map(
      (zone) =>
        `${zone}: ${workload.instances
          .filter((i) => i.availabilityZone === zone)
          .map(short)
          .join(", ")}`,
    ),
  ];
}

function loadBalancerLines(lb: LoadBalancerPlan): string[] {
  const listeners = lb.listeners.map(
    (l) => `${l.protocol} ${l.port}${l.targetPort !== l.port ? `→${l.targetPort}` : ""}`,
  );
  return [
    `load balancer ${lb.name}`,
    listeners.join(", "),
    lb.floatingIpNetwork ? `floating IP on ${lb.floatingIpNetwork}` : "internal VIP only",
    `DNS name ${lb.dnsName}`,
  ];
}
