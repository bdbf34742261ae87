import { Construct } from "constructs";
import type { Quota } from "../spec/common";
import {
  BlockstorageQuotasetV3,
  ComputeQuotasetV2,
  LbQuotaV2,
  NetworkingQuotaV2,
  ObjectstorageAccountV1,
} from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** Listeners (and so pools and monitors) the Octavia quota allows per load balancer. */
export const LISTENERS_PER_LOAD_BALANCER = 4;

/** Props of {@link ProjectQuota}. */
export interface ProjectQuotaProps {
  /** ID of the Keystone project the quotas apply to. */
  readonly projectId: string;
  /**
   * Nova, Cinder, Neutron and Octavia quota of the project, and its Swift account quota when
   * `objectStorageGiB` is set (the provider's cloud entry must hold Swift's reseller-admin role).
   */
  readonly quota: Quota;
}

/**
 * A project's Nova, Cinder, Neutron and Octavia quotas (and Swift account quota) in one OpenStack
 * region: the region of the scope's provider. These services keep quotas per region even when
 * regions share one Keystone, so every site sets its own, on the project created once.
 */
export class ProjectQuota extends Construct {
  constructor(scope: Construct, id: string, props: ProjectQuotaProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { projectId, quota } = props;
    new ComputeQuotasetV2(this, "Compute", {
      projectId,
      instances: quota.instances,
      cores: quota.cores,
      ram: quota.ramGiB * 1024, // Nova counts RAM in MiB
      serverGroups: quota.serverGroups,
      serverGroupMembers: quota.serverGroupMembers,
    });
    new BlockstorageQuotasetV3(this, "BlockStorage", {
      projectId,
      volumes: quota.volumes,
      gigabytes: quota.volumeGiB,
      snapshots: quota.snapshots,
    });
    new NetworkingQuotaV2(this, "Networking", {
      projectId,
      network: quota.networks,
      subnet: quota.subnets,
      port: quota.ports,
      router: quota.routers,
      floatingip: quota.floatingIps,
      securityGroup: quota.securityGroups,
      securityGroupRule: quota.securityGroupRules,
    });
    // Swift: the account quota is metadata on the project's account (AUTH_<project>) that only a
    // reseller admin may write. Destroying this resource leaves the quota in place.
    if (quota.objectStorageGiB !== undefined) {
      new ObjectstorageAccountV1(this, "ObjectStorage", {
        projectId,
        metadata: { "Quota-Bytes": String(quota.objectStorageGiB * 1024 ** 3) },
      });
    }
    // Octavia: each load balancer has at most a few listeners, pools and monitors; members are
    // instances. Derived from the load balancer count so one field stays the knob.
    new LbQuotaV2(this, "LoadBalancing", {
      projectId,
      loadbalancer: quota.loadBalancers,
      listener: quota.loadBalancers * LISTENERS_PER_LOAD_BALANCER,
      pool: quota.loadBalancers * LISTENERS_PER_LOAD_BALANCER,
      healthMonitor: quota.loadBalancers * LISTENERS_PER_LOAD_BALANCER,
      member: quota.loadBalancers * LISTENERS_PER_LOAD_BALANCER * quota.serverGroupMembers,
    });
  }
}
