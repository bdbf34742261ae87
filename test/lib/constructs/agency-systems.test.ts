import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AgencySystems } from "../../../lib/constructs/agency-systems";
import { TenantNetwork } from "../../../lib/constructs/tenant-network";
import { planDns } from "../../../lib/plan/dns";
import { buildApp } from "../../../stacks/app";
import {
  dataSourcesOf,
  resourcesOf,
  synthesizeConstructs,
  type SynthesizedStack,
} from "../../helpers/cdktf";
import { exampleRegion } from "../../helpers/example-region";
import {
  agency,
  computeAt,
  networkAt,
  system,
  withAgencies,
  workload,
  type AgencyOptions,
} from "../plan/fixtures";
import { named, refTo } from "./helpers";

const INSTANCE = "openstack_compute_instance_v2";
const PORT = "openstack_networking_port_v2";
const VOLUME = "openstack_blockstorage_volume_v3";
const MEMBER = "openstack_lb_member_v2";
const LB = "openstack_lb_loadbalancer_v2";
const FIP = "openstack_networking_floatingip_v2";
const RECORD = "openstack_dns_recordset_v2";
const IMAGE = "openstack_images_image_v2";

const OPS_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample ops@alpha";

/** A three-tier system and a brochure site that opts out of destroy protection. */
const AGENCY: AgencyOptions = {
  more: { keyPairs: { ops: { publicKey: OPS_KEY } } },
  systems: [
    system("portal", [
      workload("web", "dmz", {
        count: 2,
        keyPair: "ops",
        expose: { public: true, dnsName: "www", listeners: [{ protocol: "HTTPS", port: 443 }] },
      }),
      workload("was", "app", {
        count: 2,
        image: "ubuntu-2404",
        expose: { listeners: [{ protocol: "TCP", port: 8443 }] },
      }),
      workload("db", "db", {
        count: 2,
        fixedIps: ["10.10.42.5", "10.10.42.6"],
        volumes: [{ name: "data", sizeGiB: 100, volumeType: "replicated" }],
      }),
    ]),
    system("brochure", [workload("web", "dmz")], {
      grade: 4,
      rto: "3d",
      rpo: "1d",
      // Restored from backups: they must be taken at least daily (the RPO).
      backupPolicy: "daily-14d-offsite",
      protection: { preventDestroy: false, reason: "rebuilt from the CMS export" },
    }),
  ],
};

function build(options: AgencyOptions, zones?: readonly string[]) {
  const sourced = agency("alpha", options);
  const input = withAgencies(sourced);
  const plan = computeAt(input, "jeju-cdc");
  const networkInput = zones ? withAgencies(agency("alpha", { ...options, zones })) : input;
  let systems: AgencySystems | undefined;
  const out = synthesizeConstructs((scope) => {
    const network = new TenantNetwork(scope, "Network", {
      plan: networkAt(networkInput, "alpha", "jeju-cdc"),
      externalNetworkIds: { "ext-internet": "internet-id", "ext-intranet": "intranet-id" },
    });
    systems = new AgencySystems(scope, "Systems", {
      plan,
      dns: planDns(input.region.spec, sourced.spec, plan),
      network,
      tags: ["agency=alpha"],
    });
  });
  return { out, plan, systems: systems! };
}

describe("AgencySystems", () => {
  describe("GIVEN an agency with a three-tier system", () => {
    const { out, systems } = build(AGENCY);

    it("THEN the used key pair is created with its public key", () => {
      expect(Object.values(resourcesOf(out, "openstack_compute_keypair_v2"))).toEqual([
        { name: "alpha-ops", public_key: OPS_KEY },
      ]);
    });

    it("THEN each image in use is looked up once by its Glance name, newest first", () => {
      expect(Object.values(dataSourcesOf(out, IMAGE))).toEqual([
        { name: "Rocky-9-GenericCloud-x86_64", most_recent: true },
        { name: "Ubuntu-24.04-server-cloudimg-amd64", most_recent: true },
      ]);
    });

    it("THEN boot volumes are created from the looked-up image of their workload", () => {
      const imageIds = Object.keys(dataSourcesOf(out, IMAGE));
      const ubuntu = imageIds.find((id) => id.includes("ubuntu-2404"))!;
      expect(named(out, VOLUME, "alpha-portal-was-01-boot").resource.image_id).toBe(
        `\${data.${IMAGE}.${ubuntu}.id}`,
      );
    });

    it("THEN instance ports sit in their zone's network, subnet and security group", () => {
      const port = named(out, PORT, "alpha-portal-db-01").resource;
      expect(port).toMatchObject({
        network_id: refTo(out, "openstack_networking_network_v2", "alpha-db"),
        security_group_ids: [refTo(out, "openstack_networking_secgroup_v2", "alpha-db")],
        fixed_ip: [
          {
            subnet_id: refTo(out, "openstack_networking_subnet_v2", "alpha-db-subnet"),
            ip_address: "10.10.42.5",
          },
        ],
      });
    });

    it("THEN load balancer members are the instances' port addresses", () => {
      const members = Object.values(resourcesOf(out, MEMBER)).filter((m) =>
        String(m.name).startsWith("alpha-portal-was-"),
      );
      expect(members.map((m) => m.address)).toEqual([
        `\${element(${PORT}.${named(out, PORT, "alpha-portal-was-01").id}.all_fixed_ips, 0)}`,
        `\${element(${PORT}.${named(out, PORT, "alpha-portal-was-02").id}.all_fixed_ips, 0)}`,
      ]);
      expect(members[0]!.subnet_id).toBe(
        refTo(out, "openstack_networking_subnet_v2", "alpha-app-subnet"),
      );
    });

    it("THEN the members' rule goes into the zone's security group", () => {
      const rules = Object.entries(resourcesOf(out, "openstack_networking_secgroup_rule_v2"))
        .filter(([id]) => id.includes("MemberRule"))
        .map(([, rule]) => [rule.security_group_id, rule.port_range_min, rule.remote_ip_prefix]);
      expect(rules).toEqual([
        [refTo(out, "openstack_networking_secgroup_v2", "alpha-app"), 8443, "10.10.41.0/24"],
        [refTo(out, "openstack_networking_secgroup_v2", "alpha-dmz"), 443, "10.10.40.0/24"],
      ]);
    });

    it("THEN the public service's record points at its floating IP, the internal one's at its VIP", () => {
      const fipId = Object.keys(resourcesOf(out, FIP))[0]!;
      const records = Object.fromEntries(
        Object.values(resourcesOf(out, RECORD)).map((r) => [r.name, r.records]),
      );
      expect(records).toEqual({
        "www.alpha.cloud.jeju.example.go.kr.": [`\${${FIP}.${fipId}.address}`],
        "was.portal.alpha.cloud.jeju.example.go.kr.": [
          refTo(out, LB, "alpha-portal-was", "vip_address"),
        ],
      });
    });

    it("THEN the floating IP is bound to the public load balancer's VIP port", () => {
      expect(Object.values(resourcesOf(out, FIP))).toEqual([
        expect.objectContaining({
          pool: "ext-internet",
          port_id: refTo(out, LB, "alpha-portal-web", "vip_port_id"),
        }),
      ]);
    });

    it("THEN the protected system's volumes refuse destroy, the opted-out system's do not", () => {
      expect(named(out, VOLUME, "alpha-portal-db-01-data").resource.lifecycle).toMatchObject({
        prevent_destroy: true,
      });
      expect(named(out, VOLUME, "alpha-brochure-web-01-boot").resource.lifecycle).toEqual({
        ignore_changes: ["image_id"],
      });
    });

    it("THEN the DNS zone is protected whatever the systems say", () => {
      expect(Object.values(resourcesOf(out, "openstack_dns_zone_v2"))[0]!.lifecycle).toEqual({
        prevent_destroy: true,
      });
    });

    it("THEN workloads and load balancers are exposed by system/workload", () => {
      expect(Object.keys(systems.workloads).sort()).toEqual([
        "brochure/web",
        "portal/db",
        "portal/was",
        "portal/web",
      ]);
      expect(Object.keys(systems.loadBalancers).sort()).toEqual(["portal/was", "portal/web"]);
      expect(systems.dnsZone).toBeDefined();
    });

    it("THEN every server is in its workload's server group", () => {
      const group = refTo(out, "openstack_compute_servergroup_v2", "alpha-portal-db");
      expect(named(out, INSTANCE, "alpha-portal-db-02").resource.scheduler_hints).toEqual([
        { group },
      ]);
    });
  });

  describe("GIVEN no DNS plan and no exposed workload", () => {
    it("THEN there is no DNS zone, no load balancer and no key pair", () => {
      const { out, systems } = build({ systems: [system("records", [workload("db", "db")])] });
      expect(resourcesOf(out, "openstack_dns_zone_v2")).toEqual({});
      expect(resourcesOf(out, LB)).toEqual({});
      expect(resourcesOf(out, "openstack_compute_keypair_v2")).toEqual({});
      expect(systems.dnsZone).toBeUndefined();
    });
  });

  describe("GIVEN a plan whose workload is in a zone the network lacks", () => {
    it("THEN building fails naming the workload and the zone", () => {
      expect(() =>
        build({ systems: [system("records", [workload("db", "db")])] }, ["dmz", "app"]),
      ).toThrow(/workload records\/db is in zone db, which the network does not have/);
    });
  });
});

/** Every `type.name` a Terraform expression or depends_on entry refers to. */
function references(value: unknown, key = "", found: string[] = []): string[] {
  if (typeof value === "string") {
    const expressions =
      key === "depends_on" ? [value] : [...value.matchAll(/\$\{(.*?)\}/g)].map((m) => m[1]!);
    for (const expression of expressions)
      for (const match of expression.matchAll(
        /(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+)/g,
      ))
        found.push(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) references(item, key, found);
  } else if (value !== null && typeof value === "object") {
    for (const [child, item] of Object.entries(value)) references(item, child, found);
  }
  return found;
}

/** Every `type.name` and `data.type.name` a stack declares. */
function declarations(stack: SynthesizedStack): Set<string> {
  const declared = new Set<string>();
  for (const [type, byName] of Object.entries(stack.resource ?? {}))
    for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(stack.data ?? {}))
    for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  return declared;
}

describe("GIVEN every agency stack of the example region, synthesized", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-references-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const { plan } = exampleRegion();
  const stacks = plan.stacks.filter((stack) => stack.layer === "agency");
  buildApp(plan, { outdir, stacks }).synth();

  it.each(stacks.map((stack) => stack.name))(
    "WHEN %s is read THEN every reference resolves to a resource or data source of the same stack",
    (name) => {
      const stack = JSON.parse(
        fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"),
      ) as SynthesizedStack;
      const declared = declarations(stack);
      const found = references({
        resource: stack.resource,
        data: stack.data,
        output: stack.output,
      });
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((ref) => !declared.has(ref))).toEqual([]);
    },
  );

  it("THEN the stacks of agencies with systems do hold servers, so the check covers compute", () => {
    const withServers = stacks.filter((stack) => {
      const json = fs.readFileSync(path.join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8");
      return INSTANCE in ((JSON.parse(json) as SynthesizedStack).resource ?? {});
    });
    expect(withServers.map((s) => s.name)).toContain("jeju-province-jeju-cdc");
  });
});
