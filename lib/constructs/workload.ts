import { Fn } from "cdktf";
import { Construct } from "constructs";
import {
  BlockstorageVolumeV3,
  ComputeInstanceV2,
  ComputeServergroupV2,
  ComputeVolumeAttachV2,
  NetworkingPortV2,
} from "../openstack";
import type { InstancePlan, VolumePlan, WorkloadPlan } from "../plan/compute";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link Workload}. */
export interface WorkloadProps {
  /** Instances, volumes, server group and ports, from `planCompute` (a system's `workloads`). */
  readonly plan: WorkloadPlan;
  /** The zone's network, where the instances' ports go. */
  readonly networkId: string;
  /** The zone's subnet, where the instances' fixed IPs are. */
  readonly subnetId: string;
  /** The zone's security group. */
  readonly securityGroupId: string;
  /** Glance image ID of the workload's image (boot volumes are created from it). */
  readonly imageId: string;
  /**
   * The key pair's name as a reference to its resource, so that Terraform creates it first.
   * @default the plan's key pair name as text
   */
  readonly keyPairName?: string;
  /**
   * Refuse to destroy the volumes: they hold the system's data. A volume plan's own `protect`
   * (decided per volume by the plan) wins over this prop.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Why protection is off, recorded in the output for reviewers and the policy pack; a volume
   * plan's own `protectionOptOut` wins.
   * @default DEFAULT_OPT_OUT_REASON when protection is off
   */
  readonly protectionOptOut?: string;
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/** One instance with its port and volumes. */
export interface WorkloadInstance {
  /** The instance's plan: name, key, availability zone, fixed IP, volumes. */
  readonly plan: InstancePlan;
  /** The Nova server. */
  readonly instance: ComputeInstanceV2;
  /** Its Neutron port in the zone's subnet and security group. */
  readonly port: NetworkingPortV2;
  /** The instance's fixed address (a token until apply, unless declared). */
  readonly address: string;
}

/**
 * A workload of a system: identical instances spread over the site's availability zones in one
 * server group, each with an explicit port in the zone's subnet and security group, a Cinder
 * boot volume and data volumes. Volumes are separate resources (not created inside the server)
 * so that they keep their own protection and survive the server's replacement.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class Workload extends Construct {
  /** The Nova server group that spreads the instances (its policy from the plan). */
  readonly serverGroup: ComputeServergroupV2;
  /** The instances in the plan's order. */
  readonly instances: readonly WorkloadInstance[];
  private readonly optOutReason?: string;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan } = props;
    const protect = props.protect ?? true;
    this.optOutReason = props.protectionOptOut;
    const tags = props.tags ? [...props.tags] : undefined;

    this.serverGroup = new ComputeServergroupV2(this, "ServerGroup", {
      name: plan.serverGroup.name,
      policies: [plan.serverGroup.policy],
    });

    // Checked at synthesis, when the plan can no longer change: a plan written in TypeScript can
    // break what Nova, Cinder and Neutron refuse at apply time.
    this.node.addValidation({ validate: () => workloadPlanProblems(plan) });

    this.instances = plan.instances.map((instance) => {
      const scope = new Construct(this, `Instance-${instance.key}`);
      const port = new NetworkingPortV2(scope, "Port", {
        name: instance.name,
        networkId: props.networkId,
        adminStateUp: true,
        securityGroupIds: [props.securityGroupId],
        fixedIp: [
          {
            subnetId: props.subnetId,
            ...(instance.fixedIp ? { ipAddress: instance.fixedIp } : {}),
          },
        ],
        tags,
      });

      const boot = instance.bootVolume
        ? this.volume(scope, "BootVolume", instance.bootVolume, protect, props.imageId)
        : undefined;
      const server = new ComputeInstanceV2(scope, "Server", {
        name: instance.name,
        flavorName: plan.flavor,
        availabilityZone: instance.availabilityZone,
        keyPair: props.keyPairName ?? plan.keyPair,
        userData: plan.userData,
        metadata: { ...instance.metadata },
        tags,
        network: [{ port: port.id }],
        schedulerHints: [{ group: this.serverGroup.id }],
        ...(boot
          ? {
              blockDevice: [
                {
                  uuid: boot.id,
                  sourceType: "volume",
                  destinationType: "volume",
                  bootIndex: 0,
                  deleteOnTermination: false,
                },
              ],
            }
          : { imageId: props.imageId }),
        // Shut the guest down cleanly before Nova deletes or replaces it.
        stopBeforeDestroy: true,
      });

      for (const data of instance.dataVolumes) {
        const volume = this.volume(scope, `Volume-${data.key}`, data, protect);
        new ComputeVolumeAttachV2(scope, `Attach-${data.key}`, {
          instanceId: server.id,
          volumeId: volume.id,
        });
      }
      return {
        plan: instance,
        instance: server,
        port,
        address: instance.fixedIp ?? Fn.element(port.allFixedIps, 0),
      };
    });
  }

  private volume(
    scope: Construct,
    id: string,
    plan: VolumePlan,
    protect: boolean,
    imageId?: string,
  ): BlockstorageVolumeV3 {
    const volume = new BlockstorageVolumeV3(scope, id, {
      name: plan.name,
      size: plan.sizeGiB,
      volumeType: plan.volumeType,
      availabilityZone: plan.availabilityZone,
      metadata: { ...plan.metadata },
      enableOnlineResize: true,
      ...(imageId ? { imageId } : {}),
    });
    // A newer image of the same name must not replace an existing boot disk.
    if (imageId) volume.lifecycle = { ignoreChanges: ["image_id"] };
    return protectFromDestroy(
      volume,
      plan.protect ?? protect,
      plan.protectionOptOut ?? this.optOutReason,
    );
  }
}

/**
 * What the plan of a workload must hold for Terraform to apply it: a volume is in its server's
 * availability zone (Cinder refuses to attach across zones unless Nova allows cross_az_attach),
 * and no two instances ask Neutron for the same fixed IP.
 */
export function workloadPlanProblems(plan: WorkloadPlan): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const instance of plan.instances) {
    const volumes = [
      ...(instance.bootVolume ? [["boot volume", instance.bootVolume] as const] : []),
      ...instance.dataVolumes.map((volume) => [`volume ${volume.key}`, volume] as const),
    ];
    for (const [what, volume] of volumes) {
      if (volume.availabilityZone !== instance.availabilityZone) {
        problems.push(
          `instance ${instance.name}: ${what} is in availability zone ${volume.availabilityZone} but the server is in ${instance.availabilityZone}; Cinder cannot attach across zones. Fix: plan the volume in the server's zone`,
        );
      }
    }
    if (instance.fixedIp !== undefined) {
      const first = owners.get(instance.fixedIp);
      if (first !== undefined) {
        problems.push(
          `instances ${first} and ${instance.name} both ask for fixed IP ${instance.fixedIp}; Neutron gives an address to one port. Fix: give each instance its own address`,
        );
      } else owners.set(instance.fixedIp, instance.name);
    }
  }
  return problems;
}
