import type { Protocol } from "../spec/zones";
import type { RegionSpec } from "../spec/region";
import { covers } from "./exposed-ports";
import { ANY_IPV4 } from "./security-rules";

/**
 * Who may reach a load balancer's listener: the same sources the zone's security group lets in
 * on that port (the zone's internet or intranet ingress, and flows from the agency's other
 * zones). Octavia enforces this on the VIP port through the listener's allowed CIDRs, because
 * the VIP is not in the zone's security group.
 */
export interface ListenerSources {
  /** Address ranges allowed; [0.0.0.0/0] means anyone. Empty means nobody. */
  readonly cidrs: readonly string[];
  /** Where each range comes from, for messages and descriptions. */
  readonly origins: readonly string[];
}

export function listenerSources(
  region: RegionSpec,
  zone: string,
  protocol: Protocol,
  port: number,
  /** CIDR of each of the agency's zones at the site. */
  zoneCidrs: Readonly<Record<string, string>>,
): ListenerSources {
  const cidrs = new Set<string>();
  const origins = new Set<string>();
  for (const rule of region.zones[zone]?.ingress ?? []) {
    if (rule.protocol !== protocol || !covers(rule.ports, port)) continue;
    if (rule.peer === "internet") {
      cidrs.add(ANY_IPV4);
      origins.add("the internet");
    } else {
      for (const cidr of region.addressPlan.intranetRanges) cidrs.add(cidr);
      origins.add("the intranet");
    }
  }
  for (const flow of region.flows) {
    if (flow.to !== zone || flow.protocol !== protocol || !covers(flow.ports, port)) continue;
    const from = zoneCidrs[flow.from];
    if (from === undefined) continue;
    cidrs.add(from);
    origins.add(`zone ${flow.from}`);
  }
  // Anyone includes everyone: a narrower range next to 0.0.0.0/0 would only confuse review.
  const all = cidrs.has(ANY_IPV4) ? [ANY_IPV4] : [...cidrs].sort();
  return { cidrs: all, origins: [...origins].sort() };
}
