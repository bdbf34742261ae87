import type { AgencySpec } from "../spec/agency";
import { portRange, type PortSpec, type Protocol } from "../spec/zones";

/** A port an agency's load balancer listens on, in the zone of the workload it serves. */
export interface ExposedPort {
  readonly zone: string;
  readonly protocol: Protocol;
  readonly port: number;
}

/**
 * Every port the agency's load balancers listen on, by zone: the same at every site (standby
 * copies listen on the same ports), so the rules they open do not move with a failover.
 */
export function exposedPorts(agency: AgencySpec): ExposedPort[] {
  const ports = new Map<string, ExposedPort>();
  for (const system of agency.systems) {
    for (const workload of system.workloads) {
      for (const listener of workload.expose?.listeners ?? []) {
        const protocol = listener.protocol === "UDP" ? "udp" : "tcp";
        const key = `${workload.zone}/${protocol}/${listener.port}`;
        ports.set(key, { zone: workload.zone, protocol, port: listener.port });
      }
    }
  }
  return [...ports.keys()].sort().map((key) => ports.get(key)!);
}

/** Whether a port lies in one of the ranges. */
export function covers(ports: readonly PortSpec[] | undefined, port: number): boolean {
  return (ports ?? []).some((spec) => {
    const range = portRange(spec);
    return range.min <= port && port <= range.max;
  });
}
