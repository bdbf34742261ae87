import type { Problem } from "../errors";
import type { WorkloadSpec } from "../spec/system";
import type { ComputeContext } from "./compute-context";
import { listenerSources } from "./listener-sources";
import { ANY_IPV4 } from "./security-rules";

/**
 * An exposed workload's Octavia load balancer: the VIP in the workload's zone subnet, one
 * listener, pool and health monitor per declared port, the instances as members, and a floating
 * IP when the service is public (only in the internet-facing zone).
 */

export interface MonitorPlan {
  readonly type: string;
  readonly delaySeconds: number;
  readonly timeoutSeconds: number;
  readonly maxRetries: number;
  readonly urlPath?: string;
  readonly expectedCodes?: string;
}

export interface ListenerPlan {
  /** Stable construct ID: protocol and port, e.g. https-443. */
  readonly key: string;
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly targetPort: number;
  readonly poolProtocol: string;
  /** Source ranges the VIP accepts; undefined means anyone (internet-facing). */
  readonly allowedCidrs?: readonly string[];
  readonly monitor: MonitorPlan;
}

/** Ingress the members' security group needs from the load balancer's side of the subnet. */
export interface MemberRulePlan {
  readonly key: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly remoteCidr: string;
  readonly description: string;
}

export interface LoadBalancerPlan {
  readonly name: string;
  readonly zone: string;
  readonly listeners: readonly ListenerPlan[];
  /** External network of the floating IP, when public. */
  readonly floatingIpNetwork?: string;
  /** Record name in the agency's DNS zone, relative (e.g. web.saeol). */
  readonly dnsName: string;
  readonly memberRules: readonly MemberRulePlan[];
}

export function planLoadBalancer(
  context: ComputeContext,
  options: {
    readonly name: string;
    readonly system: string;
    readonly workload: WorkloadSpec;
    readonly subnetCidr: string;
    readonly path: readonly PropertyKey[];
    readonly problems: Problem[];
  },
): LoadBalancerPlan {
  const { input, agency, network } = context;
  const { name, workload, subnetCidr, path, problems } = options;
  const expose = workload.expose!;
  const zoneCidrs = Object.fromEntries(network.zones.map((zone) => [zone.zone, zone.cidr]));

  const listeners = expose.listeners.map((listener, index): ListenerPlan => {
    const protocol = listener.protocol === "UDP" ? "udp" : "tcp";
    const sources = listenerSources(
      input.region.spec,
      workload.zone,
      protocol,
      listener.port,
      zoneCidrs,
    );
    if (sources.cidrs.length === 0) {
      problems.push({
        location: agency.source.locate([...path, "listeners", index, "port"]),
        message: `nothing may reach ${protocol} port ${listener.port} in zone "${workload.zone}", so the load balancer of ${options.system}/${workload.name} would serve nobody`,
        received: String(listener.port),
        hint: `declare the port in the region's zone ingress for "${workload.zone}", or a flow into "${workload.zone}" from another zone`,
      });
    }
    const key = `${listener.protocol.toLowerCase()}-${listener.port}`;
    return {
      key,
      name: `${name}-${key}`,
      protocol: listener.protocol,
      port: listener.port,
      targetPort: listener.targetPort ?? listener.port,
      // HTTPS is passed through to the members: certificates stay on the servers, not in Octavia.
      poolProtocol: listener.protocol,
      ...(sources.cidrs.includes(ANY_IPV4) ? {} : { allowedCidrs: sources.cidrs }),
      monitor: planMonitor(listener),
    };
  });

  const memberPorts = new Map<string, MemberRulePlan>();
  for (const listener of listeners) {
    const protocol = listener.protocol === "UDP" ? "udp" : "tcp";
    const key = `${protocol}-${listener.targetPort}`;
    memberPorts.set(key, {
      key,
      protocol,
      port: listener.targetPort,
      remoteCidr: subnetCidr,
      description: `load balancer ${name} to its members`,
    });
  }

  if (expose.public && !context.internetNetwork) {
    problems.push({
      location: agency.source.locate([...path, "public"]),
      message: `site "${context.site}" has no internet external network for the floating IP of ${options.system}/${workload.name}`,
      hint: "declare an external network with reaches: internet at the site, or set public: false",
    });
  }
  return {
    name,
    zone: workload.zone,
    listeners,
    ...(expose.public && context.internetNetwork
      ? { floatingIpNetwork: context.internetNetwork }
      : {}),
    dnsName: expose.dnsName ?? `${workload.name}.${options.system}`,
    memberRules: [...memberPorts.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

type ListenerSpec = NonNullable<WorkloadSpec["expose"]>["listeners"][number];

function planMonitor(listener: ListenerSpec): MonitorPlan {
  const check = listener.healthCheck;
  const type =
    check?.type ??
    (listener.protocol === "HTTP" ? "HTTP" : listener.protocol === "UDP" ? "UDP-CONNECT" : "TCP");
  const http = type === "HTTP" || type === "HTTPS";
  return {
    type,
    delaySeconds: check?.intervalSeconds ?? 10,
    timeoutSeconds: check?.timeoutSeconds ?? 5,
    maxRetries: check?.maxRetries ?? 3,
    ...(http ? { urlPath: check?.path ?? "/", expectedCodes: check?.expectedCodes ?? "200" } : {}),
  };
}
