import { policyFindings, type PolicySuppression } from "../../../lib/policy";
import type { PolicyRule, RegionModel } from "../../../lib/policy/rule";
import type { SynthesizedStack, TerraformJson } from "../../../lib/policy/stack-view";
import type { RegionPlan } from "../../../lib/plan/region-plan";
import type { Finding } from "../../../lib/finding";

/**
 * Hand-built stacks for the rule tests: a region "test" with one agency "city" at one site
 * "cdc", zones dmz, app, db and mgmt as in the example region, and Terraform JSON shaped like
 * what tamna synthesizes. The plan holds only what the rules read; it is cast to the full type
 * here, in one place, so that the rule tests do not depend on the example region's data.
 */

export const TAGS = ["agency=city", "csap=moderate", "managed-by=tamna", "region=test"];
const REGION_TAGS = ["managed-by=tamna", "region=test"];

export const ZONE_CIDRS: Readonly<Record<string, string>> = {
  dmz: "10.0.0.0/24",
  app: "10.0.1.0/24",
  db: "10.0.2.0/24",
  mgmt: "10.0.3.0/25",
};

export interface RegionOptions {
  /** Systems the agency runs at the site, as the plan lists them. @default one grade-1 system */
  readonly systems?: readonly { name: string; grade: number }[];
  /** @default 4 instances, 8 cores, 16 GiB RAM, 4 volumes, 100 GiB */
  readonly quota?: Partial<
    Record<"instances" | "cores" | "ramGiB" | "volumes" | "volumeGiB", number>
  >;
}

export function testRegion(options: RegionOptions = {}): RegionModel {
  const quota = {
    instances: 4,
    cores: 8,
    ramGiB: 16,
    volumes: 4,
    volumeGiB: 100,
    ...options.quota,
  };
  const plan = {
    region: "test",
    stacks: [
      {
        name: "platform-cdc",
        layer: "platform",
        site: "cdc",
        dependsOn: [],
        domain: { name: "test", tags: REGION_TAGS },
        externalNetworks: [
          { name: "ext-internet", reaches: "internet" },
          { name: "ext-intranet", reaches: "intranet" },
        ],
        flavors: [
          { name: "m1.small", flavorId: "m1.small", vcpus: 1, ramGiB: 2, diskGiB: 0 },
          { name: "m1.large", flavorId: "m1.large", vcpus: 4, ramGiB: 8, diskGiB: 0 },
        ],
      },
      {
        name: "tenancy-city-cdc",
        layer: "tenancy",
        site: "cdc",
        agency: "city",
        dependsOn: ["platform-cdc"],
        project: { name: "city", tags: TAGS },
        quota,
      },
      {
        name: "city-cdc",
        layer: "agency",
        site: "cdc",
        agency: "city",
        dependsOn: ["platform-cdc", "tenancy-city-cdc"],
        tags: TAGS,
        externalNetworks: [
          { name: "ext-internet", reaches: "internet" },
          { name: "ext-intranet", reaches: "intranet" },
        ],
        network: {
          zones: Object.entries(ZONE_CIDRS).map(([zone, cidr]) => ({ zone, cidr })),
        },
        compute: { systems: options.systems ?? [{ name: "tax", grade: 1 }] },
      },
    ],
  } as unknown as RegionPlan;

  return {
    plan,
    spec: {
      zones: {
        dmz: zone("O", "internet", [{ peer: "internet", protocol: "tcp", ports: [80, 443] }]),
        app: zone("S", "intranet", [{ peer: "intranet", protocol: "tcp", ports: [443] }]),
        db: zone("S", "none"),
        mgmt: zone("S", "intranet"),
      },
      flows: [
        { from: "dmz", to: "app", protocol: "tcp", ports: [8080] },
        { from: "app", to: "db", protocol: "tcp", ports: [5432] },
        { from: "mgmt", to: "db", protocol: "tcp", ports: [9100] },
      ],
      management: {
        zone: "mgmt",
        adminPorts: [22, 3389, "5900-5999"],
        bastionRanges: ["172.16.100.0/28"],
        minBastionPrefixLength: 24,
      },
    },
  };
}

function zone(
  classification: "C" | "S" | "O",
  reaches: "internet" | "intranet" | "none",
  ingress: RegionModel["spec"]["zones"][string]["ingress"] = [],
): RegionModel["spec"]["zones"][string] {
  return { classification, reaches, subnet: { prefixLength: 24, slot: 0 }, ingress, egress: [] };
}

type Body = Record<string, unknown>;
/** Resources by type, then by logical ID. */
export type Blocks = Record<string, Record<string, Body>>;

const ref = (type: string, name: string, attribute = "id") => `\${${type}.${name}.${attribute}}`;
export const groupRef = (zone: string) => ref("openstack_networking_secgroup_v2", zone);
export const routerRef = (key: string) => ref("openstack_networking_router_v2", key);
export const subnetRef = (zone: string) => ref("openstack_networking_subnet_v2", zone);
const externalRef = (name: string) => `\${data.openstack_networking_network_v2.${name}.id}`;

/** A security group rule of the zone's group, written as tamna writes it. */
export function secgroupRule(zone: string, rule: Body): Body {
  return {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    security_group_id: groupRef(zone),
    ...rule,
  };
}

/** The JSON of the agency stack city-cdc: a compliant baseline, plus `extra` blocks. */
export function agencyStackJson(
  extra: Blocks = {},
  more: Partial<TerraformJson> = {},
): TerraformJson {
  const zones = Object.keys(ZONE_CIDRS);
  const tagged = (body: Body) => ({ ...body, tags: TAGS });
  const resource: Blocks = {
    openstack_networking_network_v2: Object.fromEntries(
      zones.map((zone) => [zone, tagged({ name: `city-${zone}` })]),
    ),
    openstack_networking_subnet_v2: Object.fromEntries(
      zones.map((zone) => [
        zone,
        tagged({
          name: `city-${zone}-subnet`,
          network_id: ref("openstack_networking_network_v2", zone),
          cidr: ZONE_CIDRS[zone],
          gateway_ip: ZONE_CIDRS[zone]!.replace(/0\/\d+$/, "1"),
        }),
      ]),
    ),
    openstack_networking_router_v2: {
      internet: tagged({ name: "city-internet", external_network_id: externalRef("internet") }),
      intranet: tagged({ name: "city-intranet", external_network_id: externalRef("intranet") }),
      none: tagged({ name: "city-internal" }),
    },
    openstack_networking_port_v2: Object.fromEntries(
      ["internet", "intranet", "none"].map((key, index) => [
        key,
        tagged({
          name: `city-${key}-transit`,
          network_id: ref("openstack_networking_network_v2", "transit"),
          fixed_ip: [{ ip_address: `10.0.3.${244 + index}` }],
        }),
      ]),
    ),
    openstack_networking_router_interface_v2: {
      dmz: { router_id: routerRef("internet"), subnet_id: subnetRef("dmz") },
      app: { router_id: routerRef("intranet"), subnet_id: subnetRef("app") },
      mgmt: { router_id: routerRef("intranet"), subnet_id: subnetRef("mgmt") },
      db: { router_id: routerRef("none"), subnet_id: subnetRef("db") },
      ...Object.fromEntries(
        ["internet", "intranet", "none"].map((key) => [
          `transit-${key}`,
          { router_id: routerRef(key), port_id: ref("openstack_networking_port_v2", key) },
        ]),
      ),
    },
    openstack_networking_router_route_v2: {
      "internet-app": {
        router_id: routerRef("internet"),
        destination_cidr: ZONE_CIDRS.app,
        next_hop: "10.0.3.245",
      },
      "intranet-dmz": {
        router_id: routerRef("intranet"),
        destination_cidr: ZONE_CIDRS.dmz,
        next_hop: "10.0.3.244",
      },
      "internal-app": {
        router_id: routerRef("none"),
        destination_cidr: ZONE_CIDRS.app,
        next_hop: "10.0.3.245",
      },
    },
    openstack_networking_secgroup_v2: Object.fromEntries(
      zones.map((zone) => [zone, tagged({ name: `city-${zone}`, delete_default_rules: true })]),
    ),
    openstack_networking_secgroup_rule_v2: {
      "dmz-in-443-world": secgroupRule("dmz", {
        port_range_min: 443,
        port_range_max: 443,
        remote_ip_prefix: "0.0.0.0/0",
      }),
      "app-in-8080-dmz": secgroupRule("app", {
        port_range_min: 8080,
        port_range_max: 8080,
        remote_group_id: groupRef("dmz"),
      }),
      "db-in-5432-app": secgroupRule("db", {
        port_range_min: 5432,
        port_range_max: 5432,
        remote_group_id: groupRef("app"),
      }),
      "db-in-9100-mgmt": secgroupRule("db", {
        port_range_min: 9100,
        port_range_max: 9100,
        remote_group_id: groupRef("mgmt"),
      }),
      "db-in-22-mgmt": secgroupRule("db", {
        port_range_min: 22,
        port_range_max: 22,
        remote_group_id: groupRef("mgmt"),
      }),
      "db-in-22-bastion": secgroupRule("db", {
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: "172.16.100.0/28",
      }),
      "dmz-out-8080-app": secgroupRule("dmz", {
        direction: "egress",
        port_range_min: 8080,
        port_range_max: 8080,
        remote_group_id: groupRef("app"),
      }),
    },
  };
  for (const [type, byName] of Object.entries(extra)) {
    resource[type] = { ...resource[type], ...byName };
  }
  return {
    data: {
      openstack_networking_network_v2: {
        internet: { name: "ext-internet", external: true },
        intranet: { name: "ext-intranet", external: true },
      },
    },
    output: {
      tamna_systems: { value: { tax: { grade: 1, drMode: "hot-standby", activeSite: "cdc" } } },
    },
    provider: { openstack: [{ cloud: "cdc", region: "RegionOne", tenant_name: "city" }] },
    resource,
    ...more,
  };
}

export const AGENCY_INFO = {
  name: "city-cdc",
  layer: "agency",
  agency: "city",
  site: "cdc",
} as const;
export const TENANCY_INFO = {
  name: "tenancy-city-cdc",
  layer: "tenancy",
  agency: "city",
  site: "cdc",
} as const;
export const PLATFORM_INFO = { name: "platform-cdc", layer: "platform", site: "cdc" } as const;

export function agencyStack(
  extra: Blocks = {},
  more: Partial<TerraformJson> = {},
): SynthesizedStack {
  return { info: AGENCY_INFO, json: agencyStackJson(extra, more) };
}

/** Runs one rule over the stacks and returns its findings. */
export function check(
  rule: PolicyRule,
  stacks: SynthesizedStack | readonly SynthesizedStack[],
  options: { region?: RegionModel; suppressions?: readonly PolicySuppression[] } = {},
): Finding[] {
  return policyFindings(
    Array.isArray(stacks) ? stacks : [stacks as SynthesizedStack],
    options.region ?? testRegion(),
    { rules: [rule], suppressions: options.suppressions ?? [] },
  );
}
