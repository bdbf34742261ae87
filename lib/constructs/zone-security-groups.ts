import { constructError } from "../errors";
import { Construct } from "constructs";
import { NetworkingSecgroupRuleV2, NetworkingSecgroupV2 } from "../openstack";
import type { SecurityGroupPlan } from "../plan/security-rules";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link ZoneSecurityGroups}. */
export interface ZoneSecurityGroupsProps {
  /** One group per zone, with rules that may reference other zones' groups by zone name. */
  readonly groups: readonly SecurityGroupPlan[];
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * The security groups of an agency's zones. Neutron's default rules (all egress allowed) are
 * deleted, so a group allows only its listed rules; rules between zones reference the peer
 * zone's group, so they follow instances rather than addresses.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class ZoneSecurityGroups extends Construct {
  /** The security groups by zone name. */
  readonly groups: Readonly<Record<string, NetworkingSecgroupV2>>;

  constructor(scope: Construct, id: string, props: ZoneSecurityGroupsProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const groups: Record<string, NetworkingSecgroupV2> = {};
    for (const plan of props.groups) {
      groups[plan.zone] = new NetworkingSecgroupV2(this, plan.zone, {
        name: plan.name,
        description: plan.description,
        deleteDefaultRules: true,
        stateful: true,
        tags: props.tags ? [...props.tags] : undefined,
      });
    }
    for (const plan of props.groups) {
      const group = groups[plan.zone]!;
      for (const rule of plan.rules) {
        const remote =
          rule.remoteZone && Object.hasOwn(groups, rule.remoteZone)
            ? groups[rule.remoteZone]
            : undefined;
        if (rule.remoteZone && !remote) {
          throw constructError(
            this,
            `rule ${rule.key} of zone ${plan.zone} references zone ${rule.remoteZone}, which has no group here`,
            {
              allowed: props.groups.map((group) => group.zone).join(", "),
              hint: "plan a group for every zone the rules name",
            },
          );
        }
        new NetworkingSecgroupRuleV2(group, rule.key, {
          securityGroupId: group.id,
          direction: rule.direction,
          ethertype: "IPv4",
          protocol: rule.protocol,
          portRangeMin: rule.portMin,
          portRangeMax: rule.portMax,
          remoteGroupId: remote?.id,
          remoteIpPrefix: rule.remoteCidr,
          description: rule.description,
        });
      }
    }
    this.groups = groups;
  }
}
