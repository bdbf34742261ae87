import type { FlavorPlan } from "./catalogue";
import type { AddressRange, PaastaAddresses } from "./paasta-addresses";

/**
 * The BOSH files a foundation's IaaS determines, as plain documents: the values of PaaS-TA's
 * `bosh/openstack-vars.yml` (never a password or key: those stay the operator's) and a BOSH
 * cloud-config in the shape of PaaS-TA's `bosh/openstack/cloud-config.yml`. IDs known only after
 * apply come in as `ids`: Terraform references in the stack, sample IDs in tests.
 */

/** What the BOSH documents are built from; part of the foundation's stack plan. */
export interface BoshPlan {
  readonly openstackRegion: string;
  readonly project: string;
  readonly domain: string;
  readonly keyPairName: string;
  /** Security groups of the director and of the deployment, by network. */
  readonly securityGroups: { readonly bosh: string; readonly cf: string };
  readonly addresses: PaastaAddresses;
  readonly nameservers: readonly string[];
  /** BOSH az name (z1, z2, ...) and the Nova availability zone it stands for. */
  readonly azs: readonly { readonly name: string; readonly availabilityZone: string }[];
  /** The Nova zone the director runs in (openstack-vars `az`). */
  readonly directorAz: string;
  readonly vmTypes: readonly {
    readonly name: string;
    readonly flavor: FlavorPlan;
  }[];
  readonly rootDiskGiB: number;
  readonly diskTypes: readonly {
    readonly name: string;
    readonly sizeGiB: number;
    readonly volumeType?: string;
  }[];
  readonly compilationWorkers: number;
  /** Octavia pools the routers and the SSH proxy join, by BOSH vm_extension. */
  readonly vmExtensions: readonly {
    readonly name: string;
    readonly pools: readonly { readonly name: string; readonly port: number }[];
  }[];
}

export interface BoshIds {
  /** Neutron network ID of the BOSH network. */
  readonly boshNetworkId: string;
  /** Neutron network ID of the Cloud Foundry network. */
  readonly cfNetworkId: string;
}

/** The cloud-config network Cloud Foundry's manifests deploy to. */
export const DEFAULT_NETWORK = "default";
const MIB_PER_GIB = 1024;

/** The keys of openstack-vars.yml that the IaaS determines. */
export function boshVars(plan: BoshPlan, ids: BoshIds): Record<string, unknown> {
  const { bosh } = plan.addresses;
  return {
    private_cidr: bosh.cidr,
    private_gw: bosh.gatewayIp,
    bosh_ip: plan.addresses.directorIp,
    az: plan.directorAz,
    default_key_name: plan.keyPairName,
    default_security_groups: [plan.securityGroups.bosh],
    net_id: ids.boshNetworkId,
    openstack_domain: plan.domain,
    openstack_project: plan.project,
    region: plan.openstackRegion,
  };
}

/** A BOSH cloud-config for the foundation at one site. */
export function boshCloudConfig(plan: BoshPlan, ids: BoshIds): Record<string, unknown> {
  const azNames = plan.azs.map((az) => az.name);
  const { bosh, cf } = plan.addresses;
  const subnet = (addresses: PaastaAddresses["bosh"], netId: string, securityGroup: string) => ({
    range: addresses.cidr,
    gateway: addresses.gatewayIp,
    azs: azNames,
    dns: [...plan.nameservers],
    reserved: [rangeText(addresses.reserved)],
    static: [rangeText(addresses.static)],
    cloud_properties: { net_id: netId, security_groups: [securityGroup] },
  });
  return {
    azs: plan.azs.map((az) => ({
      name: az.name,
      cloud_properties: { availability_zone: az.availabilityZone },
    })),
    vm_types: plan.vmTypes.map((type) => ({
      name: type.name,
      cloud_properties: {
        instance_type: type.flavor.name,
        // Flavors without a local disk: every VM boots from a Cinder volume.
        ...(type.flavor.diskGiB === 0
          ? { boot_from_volume: true, root_disk: { size: plan.rootDiskGiB } }
          : {}),
      },
    })),
    vm_extensions: plan.vmExtensions.map((extension) => ({
      name: extension.name,
      cloud_properties: {
        loadbalancer_pools: extension.pools.map((pool) => ({ name: pool.name, port: pool.port })),
      },
    })),
    disk_types: plan.diskTypes.map((disk) => ({
      name: disk.name,
      disk_size: disk.sizeGiB * MIB_PER_GIB,
      ...(disk.volumeType !== undefined ? { cloud_properties: { type: disk.volumeType } } : {}),
    })),
    networks: [
      {
        name: DEFAULT_NETWORK,
        type: "manual",
        subnets: [subnet(cf, ids.cfNetworkId, plan.securityGroups.cf)],
      },
      {
        name: "bosh",
        type: "manual",
        subnets: [subnet(bosh, ids.boshNetworkId, plan.securityGroups.bosh)],
      },
      { name: "vip", type: "vip" },
    ],
    compilation: {
      workers: plan.compilationWorkers,
      reuse_compilation_vms: true,
      az: azNames[0],
      vm_type: "default",
      network: DEFAULT_NETWORK,
    },
  };
}

function rangeText(range: AddressRange): string {
  return `${range.start} - ${range.end}`;
}
