import { constructError } from "../errors";
import { Construct } from "constructs";
import { ComputeKeypairV2, DataOpenstackImagesImageV2 } from "../openstack";
import type { ComputePlan } from "../plan/compute";
import type { DnsPlan } from "../plan/dns";
import { AgencyDnsZone } from "./agency-dns-zone";
import type { MemberRulePlan } from "../plan/load-balancer";
import { memberRule, ServiceLoadBalancer } from "./service-load-balancer";
import { SystemContainers, type SyncTarget } from "./system-containers";
import type { TenantNetwork } from "./tenant-network";
import { Workload } from "./workload";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link AgencySystems}. */
export interface AgencySystemsProps {
  /** Systems, key pairs and images, from `planCompute` or written by hand. */
  readonly plan: ComputePlan;
  /** The agency's DNS zone and records, from `planDns`. @default - no DNS */
  readonly dns?: DnsPlan;
  /** The agency's networks at the site: zone subnets and security groups. */
  readonly network: TenantNetwork;
  /**
   * Container sync: the shared key (a sensitive variable) and the targets by site.
   * @default - no sync; a planned container that syncs is then an error
   */
  readonly containerSync?: {
    /** The container-sync key, shared by both ends: a sensitive Terraform variable, never a literal. */
    readonly key: string;
    /** Where each site's copies live, by site name. */
    readonly targets: Readonly<Record<string, SyncTarget>>;
  };
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * An agency's systems at one site: key pairs, image lookups, each system's workloads, the load
 * balancers of exposed workloads, and the agency's DNS zone with a record per service.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class AgencySystems extends Construct {
  /** Every workload by `<system>/<workload>`. */
  readonly workloads: Readonly<Record<string, Workload>>;
  /** The load balancer of each exposed workload by `<system>/<workload>`. */
  readonly loadBalancers: Readonly<Record<string, ServiceLoadBalancer>>;
  /** The agency's DNS zone; undefined when no `dns` plan was given. */
  readonly dnsZone?: AgencyDnsZone;

  constructor(scope: Construct, id: string, props: AgencySystemsProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan, network } = props;

    const keysScope = new Construct(this, "KeyPairs");
    // Servers name their key pair through the resource, so Terraform creates it first.
    const keyPairNames: Record<string, string> = {};
    for (const key of plan.keyPairs) {
      keyPairNames[key.name] = new ComputeKeypairV2(keysScope, key.key, {
        name: key.name,
        publicKey: key.publicKey,
      }).name;
    }

    const imagesScope = new Construct(this, "Images");
    const imageIds: Record<string, string> = {};
    for (const image of plan.images) {
      imageIds[image.key] = new DataOpenstackImagesImageV2(imagesScope, image.key, {
        name: image.name,
        mostRecent: true,
      }).id;
    }

    const workloads: Record<string, Workload> = {};
    const loadBalancers: Record<string, ServiceLoadBalancer> = {};
    const addresses: Record<string, string> = {};
    const memberRules = new Map<string, { zone: string; rule: MemberRulePlan }>();
    for (const system of plan.systems) {
      const systemScope = new Construct(this, system.name);
      if (system.containers.length > 0) {
        new SystemContainers(systemScope, "Containers", {
          containers: system.containers,
          syncKey: props.containerSync?.key,
          targets: props.containerSync?.targets,
          protect: system.protect,
          protectionOptOut: system.protectionOptOut,
        });
      }
      for (const workloadPlan of system.workloads) {
        const zone = Object.hasOwn(network.zones, workloadPlan.zone)
          ? network.zones[workloadPlan.zone]
          : undefined;
        const securityGroup = Object.hasOwn(network.securityGroups.groups, workloadPlan.zone)
          ? network.securityGroups.groups[workloadPlan.zone]
          : undefined;
        if (!zone || !securityGroup) {
          throw constructError(
            this,
            `workload ${system.name}/${workloadPlan.name} is in zone ${workloadPlan.zone}, which the network does not have`,
            {
              allowed: Object.keys(network.zones).join(", "),
              hint: "place the workload in a zone of the agency's network",
            },
          );
        }
        const workload = new Workload(systemScope, workloadPlan.name, {
          plan: workloadPlan,
          networkId: zone.network.id,
          subnetId: zone.subnet.id,
          securityGroupId: securityGroup.id,
          imageId: imageIds[workloadPlan.image]!,
          keyPairName: workloadPlan.keyPair ? keyPairNames[workloadPlan.keyPair] : undefined,
          protect: system.protect,
          protectionOptOut: system.protectionOptOut,
          tags: props.tags,
        });
        const key = `${system.name}/${workloadPlan.name}`;
        workloads[key] = workload;

        const lbPlan = workloadPlan.loadBalancer;
        if (!lbPlan) continue;
        const lb = new ServiceLoadBalancer(workload, "LoadBalancer", {
          plan: lbPlan,
          subnetId: zone.subnet.id,
          memberSecurityGroupId: securityGroup.id,
          members: workload.instances.map((instance) => ({
            key: instance.plan.key,
            name: instance.plan.name,
            address: instance.address,
          })),
          openMembers: false,
          tags: props.tags,
        });
        for (const rule of lbPlan.memberRules)
          memberRules.set(`${workloadPlan.zone}-${rule.key}`, { zone: workloadPlan.zone, rule });
        loadBalancers[key] = lb;
        addresses[lbPlan.dnsName] = lb.address;
      }
    }
    this.workloads = workloads;
    this.loadBalancers = loadBalancers;

    // One rule per zone and member port, however many load balancers share it.
    const rulesScope = new Construct(this, "MemberRules");
    for (const [key, { zone, rule }] of [...memberRules].sort(([a], [b]) => (a < b ? -1 : 1))) {
      memberRule(rulesScope, key, network.securityGroups.groups[zone]!.id, {
        ...rule,
        description: `load balancers of zone ${zone} to their members`,
      });
    }

    if (props.dns) {
      this.dnsZone = new AgencyDnsZone(this, "Dns", { plan: props.dns, addresses });
    }
  }
}
