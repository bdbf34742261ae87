/**
 * One agency's networks at one site, from TypeScript alone: no YAML files. The region and the
 * agency are plain objects, validated by the same schemas as the YAML files; the address plan,
 * routing and security groups come from the library's planning functions, and the constructs
 * turn them into OpenStack resources.
 *
 * Run: `npx tsx examples/tenant-network/main.ts` (writes cdktf.out/ in the working directory).
 */
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { configureOpenstackProvider } from "../../lib/constructs/provider";
import { TenantNetwork } from "../../lib/constructs/tenant-network";
import { DataOpenstackNetworkingNetworkV2 } from "../../lib/openstack";
import { planAddresses } from "../../lib/plan/address-plan";
import { planTenantNetwork } from "../../lib/plan/tenant-network";
import { regionInputFromObjects } from "../../lib/spec/load";

const SITE = "hq";

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
        availabilityZones: [{ name: "az1" }, { name: "az2" }],
        externalNetworks: {
          "ext-internet": {
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
    },
    addressPlan: {
      supernets: { [SITE]: "10.50.0.0/16" },
      intranetRanges: ["172.16.0.0/12"],
    },
    // zones and flows: the library's defaults (dmz, app, db, mgmt; dmz to app, app to db).
    flavors: { "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 } },
    volumeTypes: {
      standard: { description: "HDD", backendName: "hdd" },
      ssd: { description: "SSD", backendName: "ssd" },
      replicated: {
        description: "SSD replicated to the DR site",
        backendName: "ssd-rep",
        replicated: true,
      },
    },
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
      zones: ["dmz", "app", "db", "mgmt"],
    },
  ],
);

/** The example stack: a provider scoped to the agency's project, and its networks. */
export class TenantNetworkExample extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = input.region.spec;
    const agency = input.agencies[0]!;
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
    const addresses = planAddresses(input).get(agency.spec.slug)!.get(SITE)!;
    new TenantNetwork(this, "Network", {
      plan: planTenantNetwork(input, agency, SITE, addresses),
      externalNetworkIds,
      tags: ["managed-by=tamna", `agency=${agency.spec.slug}`],
    });
  }
}

if (require.main === module) {
  const app = new App({ stackTraces: false });
  new TenantNetworkExample(app, "sample-agency-hq");
  app.synth();
}
