/**
 * A three-tier information system from TypeScript alone: no YAML files. A web tier in the dmz
 * behind a public load balancer, application servers in app behind an internal one, and
 * databases in db with fixed addresses and data volumes. The region and the agency are plain
 * objects, validated and checked like the YAML files; the library's planning functions decide
 * addresses, placement, load balancer sources and DNS records, and the constructs build them.
 *
 * Run: `npx tsx examples/three-tier-system/main.ts` (writes cdktf.out/ in the working directory).
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AgencySystems } from "../../lib/constructs/agency-systems";
import { configureOpenstackProvider } from "../../lib/constructs/provider";
import { TenantNetwork } from "../../lib/constructs/tenant-network";
import { TamnaError, type Problem } from "../../lib/errors";
import { DataOpenstackNetworkingNetworkV2 } from "../../lib/openstack";
import { planAddresses } from "../../lib/plan/address-plan";
import { planCompute } from "../../lib/plan/compute";
import { planDns } from "../../lib/plan/dns";
import { decideDr } from "../../lib/plan/dr";
import { planTenantNetwork } from "../../lib/plan/tenant-network";
import { regionInputFromObjects } from "../../lib/spec/load";

const SITE = "hq";
const DR_SITE = "dr";
const INTERNET = "ext-internet";

export const input = regionInputFromObjects(
  {
    name: "sample",
    displayName: "Sample province",
    sites: {
      [SITE]: {
        displayName: "Headquarters data center",
        role: "primary",
        cloud: "sample-hq",
        openstackRegion: "RegionOne",
        // Three fire compartments: two instances of a tier never share one.
        availabilityZones: [{ name: "az1" }, { name: "az2" }, { name: "az3" }],
        externalNetworks: {
          [INTERNET]: {
            reaches: "internet",
            cidr: "203.0.113.0/24",
            gatewayIp: "203.0.113.1",
            networkType: "flat",
            physicalNetwork: "physnet-ext",
          },
          "ext-intranet": {
            reaches: "intranet",
            cidr: "172.16.0.0/24",
            gatewayIp: "172.16.0.1",
            networkType: "flat",
            physicalNetwork: "physnet-gov",
          },
        },
        dnsNameservers: ["172.16.0.53"],
      },
      // Grade 1 and 2 systems must keep a copy at another site: the DR site holds it (its own
      // stack, not built here, gets the replicated copy).
      [DR_SITE]: {
        displayName: "Disaster recovery center",
        role: "dr",
        cloud: "sample-dr",
        openstackRegion: "RegionTwo",
        availabilityZones: [{ name: "dr-az1" }, { name: "dr-az2" }],
        externalNetworks: {
          [INTERNET]: {
            reaches: "internet",
            cidr: "198.51.100.0/24",
            gatewayIp: "198.51.100.1",
            networkType: "flat",
            physicalNetwork: "physnet-ext",
          },
        },
        dnsNameservers: ["172.17.0.53"],
      },
    },
    addressPlan: {
      supernets: { [SITE]: "10.50.0.0/16", [DR_SITE]: "10.60.0.0/16" },
      intranetRanges: ["172.16.0.0/12"],
    },
    // zones and flows: the library's defaults (dmz, app, db, mgmt; dmz to app on 8080 and 8443,
    // app to db on 5432), which is exactly what a three-tier system needs.
    flavors: {
      "m1.medium": { vcpus: 2, ramGiB: 4, diskGiB: 0 },
      "m1.large": { vcpus: 4, ramGiB: 8, diskGiB: 0 },
      "db1.xlarge": { vcpus: 8, ramGiB: 64, diskGiB: 0 },
    },
    images: { "rocky-9": { name: "Rocky-9-GenericCloud-x86_64", minDiskGiB: 20 } },
    volumeTypes: {
      standard: { description: "HDD", backendName: "hdd" },
      ssd: { description: "SSD", backendName: "ssd" },
      replicated: {
        description: "SSD replicated to the DR site",
        backendName: "ssd-rep",
        replicated: true,
      },
    },
    dns: { domain: "cloud.sample.example.", email: "hostmaster@sample.example" },
    quotaDefaults: {
      instances: 10,
      cores: 20,
      ramGiB: 64,
      volumes: 10,
      volumeGiB: 1000,
      snapshots: 10,
      networks: 6,
      subnets: 6,
      ports: 60,
      routers: 3,
      floatingIps: 2,
      securityGroups: 10,
      securityGroupRules: 100,
    },
  },
  [
    {
      slug: "sample-agency",
      name: "샘플 기관",
      csapTier: "moderate",
      contacts: [{ role: "owner", name: "Owner", email: "owner@sample.example" }],
      addressBlock: { index: 3 },
      zones: ["dmz", "app", "db"],
      keyPairs: {
        ops: {
          publicKey:
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDocumentationOnlySampleAgencyOps000000000 ops@sample",
        },
      },
      systems: [
        {
          name: "minwon",
          displayName: "민원 시스템",
          // Grade 2 with these objectives: pilot light, data replicated to the DR site.
          grade: 2,
          rto: "8h",
          rpo: "1h",
          workloads: [
            {
              name: "web",
              zone: "dmz",
              count: 2,
              flavor: "m1.medium",
              image: "rocky-9",
              bootVolume: { sizeGiB: 20, volumeType: "ssd" },
              keyPair: "ops",
              expose: {
                public: true,
                dnsName: "www",
                listeners: [
                  { protocol: "HTTPS", port: 443 },
                  { protocol: "HTTP", port: 80 },
                ],
              },
            },
            {
              // Reached by the web tier only: the dmz-to-app flow opens 8443.
              name: "was",
              zone: "app",
              count: 2,
              flavor: "m1.large",
              image: "rocky-9",
              bootVolume: { sizeGiB: 40, volumeType: "ssd" },
              keyPair: "ops",
              expose: { listeners: [{ protocol: "TCP", port: 8443 }] },
            },
            {
              // Fixed addresses, kept out of the DHCP pool, for the application's connection strings.
              name: "db",
              zone: "db",
              count: 2,
              flavor: "db1.xlarge",
              image: "rocky-9",
              bootVolume: { sizeGiB: 40, volumeType: "ssd" },
              volumes: [
                { name: "data", sizeGiB: 200, volumeType: "replicated" },
                { name: "wal", sizeGiB: 50, volumeType: "replicated" },
              ],
              keyPair: "ops",
              fixedIps: ["10.50.14.5", "10.50.14.6"],
            },
          ],
        },
      ],
    },
  ],
);

/** The example stack: a provider scoped to the agency's project, its networks and its system. */
export class ThreeTierSystemExample extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = input.region.spec;
    const agency = input.agencies[0]!;
    const tags = ["managed-by=tamna", `agency=${agency.spec.slug}`];
    configureOpenstackProvider(this, {
      cloud: region.sites[SITE]!.cloud,
      openstackRegion: region.sites[SITE]!.openstackRegion,
      project: { name: agency.spec.slug, domain: region.name },
    });

    const externalNetworkIds = Object.fromEntries(
      Object.keys(region.sites[SITE]!.externalNetworks).map((name) => [
        name,
        new DataOpenstackNetworkingNetworkV2(this, `External-${name}`, { name, external: true }).id,
      ]),
    );
    const addresses = planAddresses(input).get(agency.spec.slug)!;
    const networkPlan = planTenantNetwork(input, agency, SITE, addresses.get(SITE)!);
    const network = new TenantNetwork(this, "Network", {
      plan: networkPlan,
      externalNetworkIds,
      tags,
    });

    // Each system's DR decision (mode, DR site, active site) and the agency's subnets at every
    // site: planCompute places the primary here and mirrors standby fixed IPs at the DR site.
    const problems: Problem[] = [];
    const decisions = new Map(
      agency.spec.systems.flatMap((system, index) => {
        const decision = decideDr(input, agency, system, index, problems);
        return decision ? [[system.name, decision] as const] : [];
      }),
    );
    if (problems.length > 0) throw new TamnaError(problems);
    const compute = planCompute({
      input,
      agency,
      site: SITE,
      network: networkPlan,
      internetNetwork: INTERNET,
      decisions,
      zoneCidrsBySite: new Map([...addresses].map(([site, plan]) => [site, plan.zones] as const)),
    });
    const systems = new AgencySystems(this, "Systems", {
      plan: compute,
      dns: planDns(region, agency.spec, compute),
      network,
      tags,
    });

    new TerraformOutput(this, "public_address", {
      value: systems.loadBalancers["minwon/web"]!.address,
      description: "Floating IP of the web tier's load balancer",
    });
  }
}

if (require.main === module) {
  const app = new App({ stackTraces: false });
  new ThreeTierSystemExample(app, "sample-agency-hq");
  app.synth();
}
