import { TamnaError, type Problem } from "../errors";
import { hostAt } from "../net/cidr";
import {
  containerName,
  paastaKeyPairName,
  paastaStackName,
  tenancyStackName,
  paastaNetworkName,
  paastaRouterName,
  paastaZoneName,
} from "../names";
import { effectiveBackupPolicy, type EffectiveBackupPolicy } from "../spec/backup";
import type { Quota } from "../spec/common";
import { replicatesData } from "../spec/dr";
import type { RegionInput } from "../spec/load";
import { boshAzName, type PaastaFoundation, type PaastaSize } from "../spec/paasta";
import type { RegionSpec } from "../spec/region";
import type { BoshPlan } from "./bosh-config";
import { planFlavors } from "./catalogue";
import type { ContainerPlan } from "./compute-types";
import type { DnsPlan } from "./dns";
import { listenerSources } from "./listener-sources";
import type { LoadBalancerPlan } from "./load-balancer";
import {
  type PaastaAddresses,
  type PaastaNetworkKey,
  planPaastaAddresses,
} from "./paasta-addresses";
import { decidePaastaDr, type PaastaDrDecision } from "./paasta-dr";
import { planPaastaSecurityGroups } from "./paasta-security";
import { ANY_IPV4, type SecurityGroupPlan } from "./security-rules";
import { regionTags } from "./tags";

/**
 * A PaaS-TA foundation at each of its sites, as plain data: the project and its quota, the BOSH
 * and Cloud Foundry networks with their router, the security groups, the key pair, the routers'
 * load balancer with its DNS records, the Cloud Controller's Swift containers and the BOSH
 * documents, all from the region's address plan, zones, flavors and DR policy.
 */

/** Quota presets; sized for PaaS-TA's own deployments plus room for apps' cells. */
export const PAASTA_QUOTAS: Readonly<Record<PaastaSize, Quota>> = {
  small: quota(25, 64, 160, 40, 1024, 2),
  medium: quota(60, 160, 480, 100, 4096, 4),
  large: quota(130, 400, 1280, 200, 10240, 6),
};

function quota(
  instances: number,
  cores: number,
  ramGiB: number,
  volumes: number,
  volumeGiB: number,
  loadBalancers: number,
): Quota {
  return {
    instances,
    cores,
    ramGiB,
    volumes,
    volumeGiB,
    snapshots: volumes / 2,
    networks: 4,
    subnets: 4,
    // Every VM has a port, Neutron and Octavia a few more.
    ports: instances * 2 + 40,
    routers: 2,
    floatingIps: 4,
    securityGroups: 10,
    securityGroupRules: 300,
    serverGroups: 20,
    serverGroupMembers: Math.max(10, Math.ceil(instances / 2)),
    loadBalancers,
  };
}

/** The Cloud Controller's blobstore directories, one Swift container each. */
export const CLOUD_CONTROLLER_CONTAINERS = ["buildpacks", "droplets", "packages", "resources"];
/** The port of the Diego SSH proxy: its pool is joined by the SSH proxy, not the routers. */
export const SSH_PROXY_PORT = 2222;

export interface PaastaNetworkPlan {
  readonly key: PaastaNetworkKey;
  readonly name: string;
  readonly cidr: string;
  readonly gatewayIp: string;
  readonly allocationPool: { readonly start: string; readonly end: string };
}

export interface PaastaRouterPlan {
  readonly name: string;
  /** External network of the gateway. @default - none: a management zone that reaches nothing */
  readonly externalNetwork?: string;
  /** The foundation's networks attached to it, by key. */
  readonly networks: readonly PaastaNetworkKey[];
  /** Its fixed address on the transit link, when there is one. */
  readonly transitIp?: string;
  readonly routes: readonly { readonly destination: string; readonly nextHop: string }[];
}

export interface PaastaSitePlan {
  readonly foundation: string;
  /** What the foundation is for (its description), else "PaaS-TA foundation". */
  readonly displayName: string;
  readonly site: string;
  /** primary: the home site; standby: the DR site, ready to serve after a failover. */
  readonly role: "primary" | "standby";
  readonly project: {
    readonly name: string;
    readonly domain: string;
    readonly description: string;
    readonly tags: readonly string[];
  };
  readonly quota: Quota;
  readonly addresses: PaastaAddresses;
  readonly networks: readonly PaastaNetworkPlan[];
  readonly nameservers: readonly string[];
  /** The foundation's router: the BOSH and Cloud Foundry networks, out to the exposure's network. */
  readonly router: PaastaRouterPlan & { readonly externalNetwork: string };
  /**
   * The management zone's network of the foundation (where operators' jumpboxes run), and its
   * own router when the zone reaches another class of network than the exposure zone: then a
   * transit link joins the two routers, and each routes to the networks behind the other.
   */
  readonly management: {
    readonly zone: string;
    readonly router?: PaastaRouterPlan;
    readonly transit?: {
      readonly networkName: string;
      readonly subnetName: string;
      readonly cidr: string;
    };
  };
  /** bosh, cf, then the management zone's group. */
  readonly securityGroups: readonly SecurityGroupPlan[];
  readonly keyPair: { readonly name: string; readonly publicKey: string };
  readonly loadBalancer: LoadBalancerPlan;
  /** The zone everywhere the foundation is; its records only at the active site. */
  readonly dns: DnsPlan;
  readonly containers: readonly ContainerPlan[];
  readonly dr: PaastaDrDecision;
  /** The backup policy the region gives the foundation's grade (volume and container metadata). */
  readonly backup: EffectiveBackupPolicy;
  /** Served from here now: the DNS records point at this site's load balancer. */
  readonly servesHere: boolean;
  readonly bosh: BoshPlan;
  /** The system and apps domains, without the trailing dot. */
  readonly domains: { readonly system: string; readonly apps: string };
  readonly tags: readonly string[];
}

/** The foundation at each of its sites, sorted by site; none when the region declares none. */
export function planPaasta(input: RegionInput, domain: string): PaastaSitePlan[] {
  const region = input.region.spec;
  const paasta = region.platforms?.paasta;
  if (!paasta) return [];
  const problems: Problem[] = [];
  const dr = decidePaastaDr(input.region, paasta, problems);
  const sources = routerSources(input, paasta, problems);
  if (problems.length > 0) throw new TamnaError(problems);
  const addresses = planPaastaAddresses(input, paasta, dr.sites);
  return dr.sites.map((site) =>
    planSite(region, paasta, site, domain, addresses.get(site)!, dr, sources),
  );
}

/**
 * The names of the foundation's stacks, from its DR decision alone (cheaper than planning it):
 * what a selected synth records as the region's stacks.
 */
export function paastaStackNames(input: RegionInput): string[] {
  const paasta = input.region.spec.platforms?.paasta;
  if (!paasta) return [];
  const { sites } = decidePaastaDr(input.region, paasta, []);
  return sites.flatMap((site) => [
    tenancyStackName(paasta.name, site),
    paastaStackName(paasta.name, site),
  ]);
}

/** Each router port with the sources the exposure zone's ingress rules allow on it. */
function routerSources(
  input: RegionInput,
  paasta: PaastaFoundation,
  problems: Problem[],
): { port: number; sources: readonly string[] }[] {
  return paasta.exposure.ports.map((port, index) => {
    const { cidrs } = listenerSources(input.region.spec, paasta.exposure.zone, "tcp", port, {});
    if (cidrs.length === 0) {
      problems.push({
        location: input.region.source.locate(["platforms", "paasta", "exposure", "ports", index]),
        message: `zone "${paasta.exposure.zone}" accepts nothing on tcp port ${port}, so the routers' listener would serve nobody`,
        received: String(port),
        hint: `add port ${port} to an ingress rule of zone ${paasta.exposure.zone}, or remove it from the ports`,
      });
    }
    return { port, sources: cidrs };
  });
}

function planSite(
  region: RegionSpec,
  paasta: PaastaFoundation,
  site: string,
  domain: string,
  addresses: PaastaAddresses,
  dr: PaastaDrDecision,
  routerPorts: readonly { port: number; sources: readonly string[] }[],
): PaastaSitePlan {
  const siteSpec = region.sites[site]!;
  const { name } = paasta;
  const tags = [...regionTags(region.name), "platform=paasta", `foundation=${name}`].sort();
  const exposure = region.zones[paasta.exposure.zone]!;
  const externalNetwork = Object.keys(siteSpec.externalNetworks)
    .sort()
    .find((network) => siteSpec.externalNetworks[network]!.reaches === exposure.reaches)!;
  const nameservers = siteSpec.dnsNameservers;
  const mgmtZone = region.management.zone;
  const securityGroups = planPaastaSecurityGroups(region, {
    name,
    addresses,
    nameservers,
    routerPorts,
    openstackApi: paasta.openstackApi ?? {
      ranges: region.addressPlan.intranetRanges,
      ports: [443, 5000, 8774, 8776, 9292, 9696, 9876, 8080],
    },
  });
  const loadBalancer = planRouterLoadBalancer(
    name,
    paasta.exposure.zone,
    externalNetwork,
    routerPorts,
  );
  const zoneName = paastaZoneName(name, region.dns!.domain);
  const servesHere = dr.activeSite === site;
  const role = site === dr.homeSite ? "primary" : "standby";
  const synced = replicatesData(dr.mode) && dr.drSite !== undefined;
  const project = {
    name,
    domain,
    description: `${paasta.description ?? "PaaS-TA foundation"}, grade ${paasta.grade}`,
    tags,
  };
  const flavors = planFlavors(region.flavors);
  const vmTypes = paasta.vmTypes ?? defaultVmTypes(flavors);
  const boshAzs = siteSpec.availabilityZones
    .map((zone) => ({ name: boshAzName(paasta.azs, zone.name), availabilityZone: zone.name }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sshPools = loadBalancer.listeners.filter((listener) => listener.port === SSH_PROXY_PORT);
  const routerPools = loadBalancer.listeners.filter((listener) => listener.port !== SSH_PROXY_PORT);
  return {
    foundation: name,
    displayName: paasta.description ?? "PaaS-TA foundation",
    site,
    role,
    project,
    quota: paasta.quota ?? PAASTA_QUOTAS[paasta.size],
    addresses,
    networks: (["bosh", "cf", "mgmt"] as const).map((key) => ({
      key,
      // The management network is named after the management zone, as an agency's is.
      name: paastaNetworkName(name, key === "mgmt" ? mgmtZone : key),
      cidr: addresses[key].cidr,
      gatewayIp: addresses[key].gatewayIp,
      allocationPool: addresses[key].neutronPool,
    })),
    nameservers,
    ...planRouters(region, site, name, addresses, exposure.reaches, externalNetwork),
    securityGroups,
    keyPair: { name: paastaKeyPairName(name), publicKey: paasta.publicKey },
    loadBalancer,
    dns: {
      zoneName,
      email: region.dns!.email,
      ttl: region.dns!.ttl,
      description: `${name}: PaaS-TA system and apps domains`,
      // Wildcards: every app and system component gets a name under them.
      records: servesHere
        ? (["apps", "sys"] as const).map((label) => ({
            key: label,
            name: `*.${label}.${zoneName}`,
            system: name,
            workload: "gorouter",
            ttl: region.dns!.ttl,
          }))
        : [],
    },
    containers:
      paasta.blobstore === "swift"
        ? CLOUD_CONTROLLER_CONTAINERS.map((container) => ({
            key: container,
            name: containerName(name, "cc", container),
            description: `Cloud Controller ${container}`,
            // The Cloud Controller keeps its own blobs' lifecycle: no Swift versioning or expiry.
            versioning: false,
            ...(synced && role === "primary" ? { syncToSite: dr.drSite! } : {}),
            synced,
            metadata: {
              foundation: name,
              container,
              role,
              backup_policy: effectiveBackupPolicy(region, { grade: paasta.grade }).name,
            },
          }))
        : [],
    dr,
    backup: effectiveBackupPolicy(region, { grade: paasta.grade }),
    servesHere,
    bosh: {
      openstackRegion: siteSpec.openstackRegion,
      project: name,
      domain,
      keyPairName: paastaKeyPairName(name),
      securityGroups: { bosh: securityGroups[0]!.name, cf: securityGroups[1]!.name },
      addresses,
      nameservers,
      // Named by the spec's mapping (z1, z2, ... as PaaS-TA's manifests do) or the Nova zone's
      // own name, never by position: a zone added to the site renames none of the others.
      azs: boshAzs,
      // The zone of the first BOSH az (z1): with the mapping, a zone added later (z4) does not
      // move the director, which `bosh create-env` would rebuild in the new zone.
      directorAz: boshAzs[0]!.availabilityZone,
      vmTypes: Object.keys(vmTypes)
        .sort()
        .map((type) => ({ name: type, flavor: flavors.find((f) => f.name === vmTypes[type])! })),
      rootDiskGiB: paasta.rootDiskGiB,
      diskTypes: Object.keys(paasta.diskTypes)
        .sort()
        .map((disk) => ({ name: disk, ...paasta.diskTypes[disk]! })),
      compilationWorkers: paasta.compilationWorkers,
      vmExtensions: [
        { name: "cf-router-network-properties", pools: routerPools },
        { name: "diego-ssh-proxy-network-properties", pools: sshPools },
      ]
        .filter((extension) => extension.pools.length > 0)
        .map((extension) => ({
          name: extension.name,
          pools: extension.pools.map((listener) => ({ name: listener.name, port: listener.port })),
        })),
    },
    domains: {
      system: `sys.${zoneName.slice(0, -1)}`,
      apps: `apps.${zoneName.slice(0, -1)}`,
    },
    tags,
  };
}

/** One vm_type per flavor, named after it, and `default` on the smallest. */
/**
 * A vm_type per public flavor, and `default` on the smallest. GPU flavors are private and the
 * foundation is granted none, so BOSH could not boot them.
 */
function defaultVmTypes(catalogue: ReturnType<typeof planFlavors>): Record<string, string> {
  const flavors = catalogue.filter((flavor) => flavor.isPublic);
  const smallest = [...flavors].sort(
    (a, b) => a.vcpus - b.vcpus || a.ramGiB - b.ramGiB || (a.name < b.name ? -1 : 1),
  )[0]!;
  return {
    ...Object.fromEntries(flavors.map((flavor) => [flavor.name, flavor.name])),
    default: smallest.name,
  };
}

/** TCP pass-through listeners: TLS ends at the gorouters, which BOSH adds as pool members. */
function planRouterLoadBalancer(
  name: string,
  zone: string,
  externalNetwork: string,
  routerPorts: readonly { port: number; sources: readonly string[] }[],
): LoadBalancerPlan {
  return {
    name: `${name}-routers`,
    zone,
    floatingIpNetwork: externalNetwork,
    dnsName: "*.sys, *.apps",
    memberRules: [],
    listeners: [...routerPorts]
      .sort((a, b) => a.port - b.port)
      .map(({ port, sources }) => ({
        key: `tcp-${port}`,
        name: `${name}-routers-${port}`,
        protocol: "TCP",
        port,
        targetPort: port,
        poolProtocol: "TCP",
        ...(sources.includes(ANY_IPV4) ? {} : { allowedCidrs: sources }),
        monitor: { type: "TCP", delaySeconds: 5, timeoutSeconds: 3, maxRetries: 3 },
      })),
  };
}

/**
 * The foundation's router, and the management zone's own router when the zone reaches another
 * class of network (network separation: an intranet zone never routes out to the internet). The
 * two are joined by a transit link at fixed addresses, with routes to the networks behind each.
 */
function planRouters(
  region: RegionSpec,
  site: string,
  name: string,
  addresses: PaastaAddresses,
  exposureReach: string,
  externalNetwork: string,
): Pick<PaastaSitePlan, "router" | "management"> {
  const zone = region.management.zone;
  const reach = region.zones[zone]!.reaches;
  if (reach === exposureReach) {
    return {
      router: {
        name: paastaRouterName(name),
        externalNetwork,
        networks: ["bosh", "cf", "mgmt"],
        routes: [],
      },
      management: { zone },
    };
  }
  const networks = region.sites[site]!.externalNetworks;
  const mgmtNetwork =
    reach === "none"
      ? undefined
      : Object.keys(networks)
          .sort()
          .find((network) => networks[network]!.reaches === reach)!;
  const ip = { main: hostAt(addresses.transit, 4), mgmt: hostAt(addresses.transit, 5) };
  return {
    router: {
      name: paastaRouterName(name),
      externalNetwork,
      networks: ["bosh", "cf"],
      transitIp: ip.main,
      routes: [{ destination: addresses.mgmt.cidr, nextHop: ip.mgmt }],
    },
    management: {
      zone,
      router: {
        name: paastaRouterName(`${name}-${zone}`),
        ...(mgmtNetwork !== undefined ? { externalNetwork: mgmtNetwork } : {}),
        networks: ["mgmt"],
        transitIp: ip.mgmt,
        routes: [addresses.bosh.cidr, addresses.cf.cidr].map((destination) => ({
          destination,
          nextHop: ip.main,
        })),
      },
      transit: {
        networkName: paastaNetworkName(name, "transit"),
        subnetName: paastaNetworkName(name, "transit-subnet"),
        cidr: addresses.transit,
      },
    },
  };
}
