/**
 * Exposure: a Neutron security-group rule that lets more traffic through than the base did.
 *
 * A created or updated rule is compared with the base rules of the same group (references to
 * moved groups followed). It is flagged when no base rule already allowed everything it allows
 * and either it allows any address (`0.0.0.0/0`, `::/0`, or no remote at all), or it replaces a
 * narrower rule (a wider `remote_ip_prefix`, or on ingress a wider port range), or it opens an
 * ingress port range the group did not open. The rules of a group that is itself new are only
 * flagged for any-address: everything in a new group is new.
 */
import { cidrContains } from "../cidr";
import { rewriteReferences } from "../references";
import { resourcesOfType, type Body } from "../terraform-json";
import type { Danger } from "../model";
import { changesWith, headBlockOf, type DangerRule } from "./context";

const RULE = "openstack_networking_secgroup_rule_v2";
const ANY_ADDRESS = new Set(["0.0.0.0/0", "::/0"]);

/** What a rule allows, in comparable form. */
export interface RuleScope {
  readonly group: string;
  readonly direction: string;
  readonly ethertype: string;
  /** undefined: any protocol. */
  readonly protocol?: string;
  readonly portMin: number;
  readonly portMax: number;
  /** A CIDR, a remote group reference, or undefined for any address. */
  readonly remotePrefix?: string;
  readonly remoteGroup?: string;
}

export function ruleScope(body: Body): RuleScope {
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : undefined);
  const port = (key: string, fallback: number) =>
    typeof body[key] === "number" && body[key] !== 0 ? (body[key] as number) : fallback;
  const protocol = text("protocol");
  const prefix = text("remote_ip_prefix");
  return {
    group: text("security_group_id") ?? "",
    direction: text("direction") ?? "",
    ethertype: text("ethertype") ?? "IPv4",
    ...(protocol && protocol !== "any" ? { protocol } : {}),
    portMin: port("port_range_min", 1),
    portMax: port("port_range_max", 65535),
    ...(prefix !== undefined && !ANY_ADDRESS.has(prefix) ? { remotePrefix: prefix } : {}),
    ...(text("remote_group_id") !== undefined ? { remoteGroup: text("remote_group_id") } : {}),
  };
}

export function allowsAnyAddress(scope: RuleScope): boolean {
  return scope.remotePrefix === undefined && scope.remoteGroup === undefined;
}

/** True when `outer` allows every packet `inner` allows. */
export function covers(outer: RuleScope, inner: RuleScope): boolean {
  if (outer.group !== inner.group || outer.direction !== inner.direction) return false;
  if (outer.ethertype !== inner.ethertype) return false;
  if (outer.protocol !== undefined && outer.protocol !== inner.protocol) return false;
  if (outer.portMin > inner.portMin || outer.portMax < inner.portMax) return false;
  if (allowsAnyAddress(outer)) return true;
  if (outer.remoteGroup !== undefined) return outer.remoteGroup === inner.remoteGroup;
  return inner.remotePrefix !== undefined && cidrContains(outer.remotePrefix!, inner.remotePrefix);
}

export const securityRuleWidened: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    const changes = changesWith(comparison, ["create", "update", "replace"], RULE);
    if (changes.length === 0) continue;
    const baseRules = resourcesOfType(comparison.base, RULE).map((block) =>
      ruleScope(rewriteReferences(block.body, comparison.moves) as Body),
    );
    const baseGroups = new Set(baseRules.map((rule) => rule.group));
    for (const change of changes) {
      const block = headBlockOf(comparison, change);
      if (!block) continue;
      const rule = ruleScope(block.body);
      if (baseRules.some((base) => covers(base, rule))) continue;
      const why = widening(rule, baseRules, baseGroups.has(rule.group));
      if (why)
        dangers.push({
          kind: "exposure",
          stack: comparison.diff.stack,
          address: change.address,
          message: why,
        });
    }
  }
  return dangers;
};

function widening(
  rule: RuleScope,
  baseRules: readonly RuleScope[],
  groupExisted: boolean,
): string | undefined {
  const traffic = `${rule.direction} ${describeTraffic(rule)}`;
  // Base rules of the same group for overlapping traffic: what this rule widens, if anything.
  const peers = baseRules.filter(
    (base) =>
      base.group === rule.group &&
      base.direction === rule.direction &&
      base.ethertype === rule.ethertype &&
      base.protocol === rule.protocol &&
      base.portMin <= rule.portMax &&
      rule.portMin <= base.portMax,
  );
  // The same ports from elsewhere: the remote was widened. The same remote: the ports were.
  const narrowerRemote = peers.find(
    (base) =>
      base.portMin === rule.portMin &&
      base.portMax === rule.portMax &&
      base.remotePrefix !== undefined &&
      base.remotePrefix !== rule.remotePrefix,
  );
  if (allowsAnyAddress(rule)) {
    const any = rule.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0";
    const was = narrowerRemote ? `; it was ${narrowerRemote.remotePrefix}` : "";
    return `opens ${traffic} to any address (${any})${was}`;
  }
  if (!groupExisted) return undefined;
  const narrowerPorts = peers.find(
    (base) => base.remotePrefix === rule.remotePrefix && base.remoteGroup === rule.remoteGroup,
  );
  if (narrowerPorts && rule.direction === "ingress") {
    return `widens ${traffic}: ports ${describePorts(narrowerPorts)} -> ${describePorts(rule)}`;
  }
  if (narrowerRemote && rule.remotePrefix !== undefined) {
    return `widens ${traffic}: remote_ip_prefix ${narrowerRemote.remotePrefix} -> ${rule.remotePrefix}`;
  }
  if (rule.direction !== "ingress") return undefined;
  return `opens new ${traffic} from ${rule.remotePrefix ?? rule.remoteGroup}`;
}

function describeTraffic(rule: RuleScope): string {
  return `${rule.protocol ?? "any protocol"}/${describePorts(rule)}`;
}

function describePorts(rule: RuleScope): string {
  if (rule.portMin === 1 && rule.portMax === 65535) return "all ports";
  return rule.portMin === rule.portMax ? `${rule.portMin}` : `${rule.portMin}-${rule.portMax}`;
}
