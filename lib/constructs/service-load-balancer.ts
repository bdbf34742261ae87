import { Construct } from "constructs";
import {
  LbListenerV2,
  LbLoadbalancerV2,
  LbMemberV2,
  LbMonitorV2,
  LbPoolV2,
  NetworkingFloatingipV2,
  NetworkingSecgroupRuleV2,
} from "../openstack";
import type { LoadBalancerPlan, MemberRulePlan } from "../plan/load-balancer";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link ServiceLoadBalancer}. */
export interface ServiceLoadBalancerProps {
  /** Name, listeners with their monitors, member rules and floating IP pool, from `planCompute`. */
  readonly plan: LoadBalancerPlan;
  /** The zone's subnet: the VIP and the members are in it. */
  readonly subnetId: string;
  /** The members' security group, opened to the load balancer on the member ports. */
  readonly memberSecurityGroupId: string;
  /** The instances behind the load balancer, by stable key. */
  readonly members: readonly {
    /** Stable key of the member, used in its construct ID. */
    readonly key: string;
    /** Octavia member name. */
    readonly name: string;
    /** The member's fixed IP address in the subnet. */
    readonly address: string;
  }[];
  /**
   * Create the member rules here. Pass false when several load balancers share a zone and the
   * caller creates each (protocol, port) rule once: Neutron refuses duplicate rules.
   * @default true
   */
  readonly openMembers?: boolean;
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * An Octavia load balancer for an exposed workload: VIP in the zone's subnet, a listener with a
 * pool, health monitor and members per port, the members' security group opened to the
 * subnet the amphorae reach them from, and a floating IP when the service is public.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class ServiceLoadBalancer extends Construct {
  /** The Octavia load balancer. */
  readonly loadBalancer: LbLoadbalancerV2;
  /** The floating IP on the VIP; undefined unless the plan names a floating IP network. */
  readonly floatingIp?: NetworkingFloatingipV2;
  /** Where clients reach the service: the floating IP when public, else the VIP. */
  readonly address: string;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan } = props;
    const tags = props.tags ? [...props.tags] : undefined;

    this.loadBalancer = new LbLoadbalancerV2(this, "LoadBalancer", {
      name: plan.name,
      vipSubnetId: props.subnetId,
      description: `${plan.dnsName} in zone ${plan.zone}`,
      tags,
    });

    for (const listenerPlan of plan.listeners) {
      const scope = new Construct(this, `Listener-${listenerPlan.key}`);
      const listener = new LbListenerV2(scope, "Listener", {
        name: listenerPlan.name,
        loadbalancerId: this.loadBalancer.id,
        protocol: listenerPlan.protocol,
        protocolPort: listenerPlan.port,
        allowedCidrs: listenerPlan.allowedCidrs ? [...listenerPlan.allowedCidrs] : undefined,
        tags,
      });
      const pool = new LbPoolV2(scope, "Pool", {
        name: listenerPlan.name,
        listenerId: listener.id,
        protocol: listenerPlan.poolProtocol,
        lbMethod: "ROUND_ROBIN",
        tags,
      });
      const { monitor } = listenerPlan;
      new LbMonitorV2(scope, "Monitor", {
        name: listenerPlan.name,
        poolId: pool.id,
        type: monitor.type,
        delay: monitor.delaySeconds,
        timeout: monitor.timeoutSeconds,
        maxRetries: monitor.maxRetries,
        ...(monitor.urlPath !== undefined
          ? { urlPath: monitor.urlPath, httpMethod: "GET", expectedCodes: monitor.expectedCodes }
          : {}),
      });
      for (const member of props.members) {
        new LbMemberV2(scope, `Member-${member.key}`, {
          name: member.name,
          poolId: pool.id,
          address: member.address,
          protocolPort: listenerPlan.targetPort,
          subnetId: props.subnetId,
          tags,
        });
      }
    }

    if (props.openMembers ?? true) {
      for (const rule of plan.memberRules)
        memberRule(this, `MemberRule-${rule.key}`, props.memberSecurityGroupId, rule);
    }

    if (plan.floatingIpNetwork) {
      this.floatingIp = new NetworkingFloatingipV2(this, "FloatingIp", {
        pool: plan.floatingIpNetwork,
        portId: this.loadBalancer.vipPortId,
        description: `${plan.name}: public address of ${plan.dnsName}`,
        tags,
      });
      this.address = this.floatingIp.address;
    } else {
      this.address = this.loadBalancer.vipAddress;
    }
  }
}

/** Ingress from the subnet the amphorae reach the members from, on one member port. */
export function memberRule(
  scope: Construct,
  id: string,
  securityGroupId: string,
  rule: MemberRulePlan,
): NetworkingSecgroupRuleV2 {
  return new NetworkingSecgroupRuleV2(scope, id, {
    securityGroupId,
    direction: "ingress",
    ethertype: "IPv4",
    protocol: rule.protocol,
    portRangeMin: rule.port,
    portRangeMax: rule.port,
    remoteIpPrefix: rule.remoteCidr,
    description: rule.description,
  });
}
