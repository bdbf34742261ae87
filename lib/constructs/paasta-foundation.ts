import { constructError } from "../errors";
import { Construct } from "constructs";
import { ComputeKeypairV2, NetworkingNetworkV2, NetworkingSubnetV2 } from "../openstack";
import type { PaastaSitePlan } from "../plan/paasta";
import { AgencyDnsZone } from "./agency-dns-zone";
import { BoshArtefacts } from "./bosh-artefacts";
import { keepStringsLiteral } from "./literal-strings";
import { ServiceLoadBalancer } from "./service-load-balancer";
import { type SyncTarget, SystemContainers } from "./system-containers";
import { TenantRouter } from "./tenant-router";
import { ZoneNetwork } from "./zone-network";
import { ZoneSecurityGroups } from "./zone-security-groups";

/** Props of {@link PaastaFoundation}. */
export interface PaastaFoundationProps {
  /** The foundation at this site, from `planPaasta`. */
  readonly plan: PaastaSitePlan;
  /** ID of the external network the router and the floating IP use (`plan.router.externalNetwork`). */
  readonly externalNetworkId: string;
  /**
   * ID of the external network of the management zone's router
   * (`plan.management.router.externalNetwork`), when the plan gives it one.
   * @default - none; a plan whose management router has a gateway is then an error
   */
  readonly managementExternalNetworkId?: string;
  /**
   * Container sync of the Cloud Controller's containers: the shared key (a sensitive variable)
   * and the target per DR site.
   * @default - none; a container planned as synced is then an error
   */
  readonly containerSync?: {
    readonly key: string;
    readonly targets: Readonly<Record<string, SyncTarget>>;
  };
}

/**
 * The IaaS of a PaaS-TA foundation at one site, inside its project: the BOSH and Cloud Foundry
 * networks behind a router, their security groups, the key pair BOSH puts on every VM, an
 * Octavia load balancer with a floating IP in front of the gorouters (BOSH adds them to its
 * pools through the cloud-config's vm_extensions), wildcard DNS records for the system and apps
 * domains, the Cloud Controller's Swift containers, and the BOSH files as outputs.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class PaastaFoundation extends Construct {
  /** The BOSH and Cloud Foundry networks by key (bosh, cf). */
  readonly networks: Readonly<Record<string, ZoneNetwork>>;
  readonly securityGroups: ZoneSecurityGroups;
  readonly keyPair: ComputeKeypairV2;
  readonly loadBalancer: ServiceLoadBalancer;
  readonly dns: AgencyDnsZone;
  readonly bosh: BoshArtefacts;

  constructor(scope: Construct, id: string, props: PaastaFoundationProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan } = props;
    const tags = plan.tags;

    const networks: Record<string, ZoneNetwork> = {};
    for (const network of plan.networks) {
      networks[network.key] = new ZoneNetwork(this, `Network-${network.key}`, {
        networkName: network.name,
        subnetName: network.name,
        cidr: network.cidr,
        gatewayIp: network.gatewayIp,
        allocationPool: network.allocationPool,
        dnsNameservers: plan.nameservers,
        tags,
      });
    }
    this.networks = networks;

    const subnetIds = (keys: readonly string[]) =>
      Object.fromEntries(keys.map((key) => [key, networks[key]!.subnet.id]));
    let transit: { networkId: string; subnetId: string } | undefined;
    const link = plan.management.transit;
    if (link) {
      const network = new NetworkingNetworkV2(this, "TransitNetwork", {
        name: link.networkName,
        adminStateUp: true,
        tags: [...tags],
      });
      const subnet = new NetworkingSubnetV2(this, "TransitSubnet", {
        name: link.subnetName,
        networkId: network.id,
        cidr: link.cidr,
        ipVersion: 4,
        noGateway: true,
        enableDhcp: false,
        tags: [...tags],
      });
      transit = { networkId: network.id, subnetId: subnet.id };
    }
    const linked = (ip: string | undefined) => (transit && ip ? { ...transit, ip } : undefined);

    new TenantRouter(this, "Router", {
      name: plan.router.name,
      externalNetworkId: props.externalNetworkId,
      subnetIds: subnetIds(plan.router.networks),
      transit: linked(plan.router.transitIp),
      routes: plan.router.routes,
      tags,
    });
    const mgmtRouter = plan.management.router;
    if (mgmtRouter) {
      if (mgmtRouter.externalNetwork !== undefined && !props.managementExternalNetworkId) {
        throw constructError(
          this,
          `router ${mgmtRouter.name} needs external network ${mgmtRouter.externalNetwork}, which was not given`,
          { hint: "pass its ID in managementExternalNetworkId" },
        );
      }
      new TenantRouter(this, "ManagementRouter", {
        name: mgmtRouter.name,
        ...(mgmtRouter.externalNetwork !== undefined
          ? { externalNetworkId: props.managementExternalNetworkId }
          : {}),
        subnetIds: subnetIds(mgmtRouter.networks),
        transit: linked(mgmtRouter.transitIp),
        routes: mgmtRouter.routes,
        tags,
      });
    }

    this.securityGroups = new ZoneSecurityGroups(this, "SecurityGroups", {
      groups: plan.securityGroups,
      tags,
    });

    this.keyPair = new ComputeKeypairV2(this, "KeyPair", {
      name: plan.keyPair.name,
      publicKey: plan.keyPair.publicKey,
    });

    // The VIP is in the Cloud Foundry network, where the gorouters are; no members here.
    this.loadBalancer = new ServiceLoadBalancer(this, "RouterLoadBalancer", {
      plan: plan.loadBalancer,
      subnetId: networks.cf!.subnet.id,
      memberSecurityGroupId: this.securityGroups.groups.cf!.id,
      members: [],
      openMembers: false,
      tags,
    });

    this.dns = new AgencyDnsZone(this, "Dns", {
      plan: plan.dns,
      addresses: Object.fromEntries(
        plan.dns.records.map((record) => [record.key, this.loadBalancer.address]),
      ),
    });

    if (plan.containers.length > 0) {
      new SystemContainers(this, "Blobstore", {
        containers: plan.containers,
        syncKey: props.containerSync?.key,
        targets: props.containerSync?.targets,
      });
    }

    this.bosh = new BoshArtefacts(this, "Bosh", {
      plan: plan.bosh,
      ids: {
        boshNetworkId: networks.bosh!.network.id,
        cfNetworkId: networks.cf!.network.id,
      },
    });
  }
}
