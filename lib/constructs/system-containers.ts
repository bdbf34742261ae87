import { constructError, describeValue } from "../errors";
import { Construct } from "constructs";
import { ObjectstorageContainerV1 } from "../openstack";
import type { ContainerPlan } from "../plan/compute";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** Where a synced container's copy lives: `//realm/cluster/AUTH_<project>/<container>`. */
export interface SyncTarget {
  /** The container-sync realm (in the Swift cluster's container-sync-realms.conf). */
  readonly realm: string;
  /** The cluster of the target site within the realm. */
  readonly cluster: string;
  /** The agency's project ID at the target site (its Swift account is AUTH_<id>). */
  readonly projectId: string;
}

/** Props of {@link SystemContainers}. */
export interface SystemContainersProps {
  /** The system's containers at this site, from `planCompute` (a system's `containers`). */
  readonly containers: readonly ContainerPlan[];
  /**
   * The container-sync key, shared by both ends. Pass a sensitive Terraform variable, never a
   * literal: the provider does not mark the attribute sensitive.
   * @default - none; a container planned as synced is then an error
   */
  readonly syncKey?: string;
  /**
   * Sync targets by site name.
   * @default - none; a container planned to sync to a site is then an error
   */
  readonly targets?: Readonly<Record<string, SyncTarget>>;
  /**
   * Refuse to destroy the containers: they hold the system's objects.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Why protection is off, recorded in the output for reviewers and the policy pack; used only
   * when `protect` is false.
   * @default "protect: false was set on the construct"
   */
  readonly protectionOptOut?: string;
}

/**
 * A system's Swift containers; at the home site of a live copy, synced to the DR site.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class SystemContainers extends Construct {
  /** The Swift containers by container key. */
  readonly containers: Readonly<Record<string, ObjectstorageContainerV1>>;

  constructor(scope: Construct, id: string, props: SystemContainersProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const containers: Record<string, ObjectstorageContainerV1> = {};
    for (const plan of props.containers) {
      if (plan.synced && props.syncKey === undefined) {
        throw constructError(this, `container ${plan.name} is synced but no sync key was given`, {
          hint: "pass syncKey (a sensitive Terraform variable), or plan the container without sync",
        });
      }
      const target =
        plan.syncToSite && props.targets && Object.hasOwn(props.targets, plan.syncToSite)
          ? props.targets[plan.syncToSite]
          : undefined;
      if (plan.syncToSite && !target) {
        throw constructError(
          this,
          `container ${plan.name} syncs to site ${plan.syncToSite}, which has no target`,
          {
            received: describeValue(Object.keys(props.targets ?? {})),
            hint: `add a target for ${plan.syncToSite} to targets`,
          },
        );
      }
      containers[plan.key] = protectFromDestroy(
        new ObjectstorageContainerV1(this, plan.key, {
          name: plan.name,
          metadata: { ...plan.metadata },
          ...(plan.versioning ? { versioning: true } : {}),
          ...(plan.synced ? { containerSyncKey: props.syncKey } : {}),
          ...(target
            ? {
                containerSyncTo: `//${target.realm}/${target.cluster}/AUTH_${target.projectId}/${plan.name}`,
              }
            : {}),
        }),
        props.protect ?? true,
        props.protectionOptOut,
      );
    }
    this.containers = containers;
  }
}
