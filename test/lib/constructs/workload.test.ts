import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { Workload } from "../../../lib/constructs/workload";
import { constructFindings, synthesizeWithValidations } from "../../../lib/validate/construct";
import type { VolumePlan, WorkloadPlan } from "../../../lib/plan/compute";
import type { Finding } from "../../../lib/finding";
import { resourcesOf, synthesizeConstructs, type SynthesizedStack } from "../../helpers/cdktf";
import { computeOf, system, workload, type WorkloadInput } from "../plan/fixtures";
import { named, refTo } from "./helpers";

const INSTANCE = "openstack_compute_instance_v2";
const PORT = "openstack_networking_port_v2";
const VOLUME = "openstack_blockstorage_volume_v3";
const ATTACH = "openstack_compute_volume_attach_v2";
const SERVER_GROUP = "openstack_compute_servergroup_v2";

function planOf(fields: Partial<WorkloadInput>, zone = "db"): WorkloadPlan {
  return computeOf([
    system("records", [workload("db", zone, fields)], { grade: 1, rto: "1h", rpo: "15m" }),
  ]).systems[0]!.workloads[0]!;
}

function synth(plan: WorkloadPlan, protect?: boolean): SynthesizedStack {
  return synthesizeConstructs(
    (scope) =>
      new Workload(scope, "db", {
        plan,
        networkId: "network-id",
        subnetId: "subnet-id",
        securityGroupId: "secgroup-id",
        imageId: "image-id",
        tags: ["agency=alpha"],
        ...(protect === undefined ? {} : { protect }),
      }),
  );
}

describe("Workload", () => {
  describe("GIVEN two database instances with fixed IPs, a boot volume and a data volume", () => {
    const plan = planOf({
      count: 2,
      fixedIps: ["10.10.42.5", "10.10.42.6"],
      keyPair: "ops",
      userData: "#cloud-config\n",
      bootVolume: { sizeGiB: 60, volumeType: "ssd" },
      volumes: [{ name: "data", sizeGiB: 500, volumeType: "replicated" }],
    });
    const out = synth(plan);

    it("THEN there is one server group with the plan's policy", () => {
      expect(Object.values(resourcesOf(out, SERVER_GROUP))).toEqual([
        { name: "alpha-records-db", policies: ["anti-affinity"] },
      ]);
    });

    it("THEN each instance has a port in the zone's network and security group, with its fixed IP", () => {
      expect(named(out, PORT, "alpha-records-db-02").resource).toEqual({
        name: "alpha-records-db-02",
        network_id: "network-id",
        admin_state_up: true,
        security_group_ids: ["secgroup-id"],
        fixed_ip: [{ subnet_id: "subnet-id", ip_address: "10.10.42.6" }],
        tags: ["agency=alpha"],
      });
    });

    it("THEN the boot volume is created from the image, kept when the image changes, and protected", () => {
      expect(named(out, VOLUME, "alpha-records-db-01-boot").resource).toMatchObject({
        size: 60,
        volume_type: "ssd",
        availability_zone: "cdc-az1",
        image_id: "image-id",
        lifecycle: { ignore_changes: ["image_id"], prevent_destroy: true },
        metadata: expect.objectContaining({
          volume: "boot",
          backup_policy: "hourly-7d-daily-35d-offsite",
        }),
      });
    });

    it("THEN each server boots from its own volume, in its zone and server group, through its port", () => {
      const server = named(out, INSTANCE, "alpha-records-db-02").resource;
      expect(server).toMatchObject({
        flavor_name: "m1.small",
        availability_zone: "cdc-az2",
        key_pair: "alpha-ops",
        user_data: "#cloud-config\n",
        stop_before_destroy: true,
        network: [{ port: refTo(out, PORT, "alpha-records-db-02") }],
        scheduler_hints: [{ group: refTo(out, SERVER_GROUP, "alpha-records-db") }],
        block_device: [
          {
            uuid: refTo(out, VOLUME, "alpha-records-db-02-boot"),
            source_type: "volume",
            destination_type: "volume",
            boot_index: 0,
            delete_on_termination: false,
          },
        ],
      });
      expect(server.image_id).toBeUndefined();
      expect(server.metadata).toMatchObject({ system: "records", instance: "alpha-records-db-02" });
    });

    it("THEN each data volume is protected, not created from the image, and attached to its server", () => {
      const data = named(out, VOLUME, "alpha-records-db-01-data").resource;
      expect(data).toMatchObject({
        size: 500,
        volume_type: "replicated",
        availability_zone: "cdc-az1",
        lifecycle: { prevent_destroy: true },
      });
      expect(data.image_id).toBeUndefined();
      expect(data.lifecycle).not.toHaveProperty("ignore_changes");
      expect(Object.values(resourcesOf(out, ATTACH))).toContainEqual({
        instance_id: refTo(out, INSTANCE, "alpha-records-db-01"),
        volume_id: refTo(out, VOLUME, "alpha-records-db-01-data"),
      });
      expect(Object.keys(resourcesOf(out, ATTACH))).toHaveLength(2);
    });

    it("THEN construct IDs come from instance keys and volume names", () => {
      const ids = Object.keys(resourcesOf(out, VOLUME));
      expect(ids.some((id) => id.startsWith("db_Instance-02_Volume-data_"))).toBe(true);
      expect(ids.some((id) => id.startsWith("db_Instance-01_BootVolume_"))).toBe(true);
    });
  });

  describe("GIVEN an instance without a fixed IP", () => {
    it("THEN its port asks only for the subnet: Neutron picks the address", () => {
      const out = synth(planOf({}));
      expect(named(out, PORT, "alpha-records-db-01").resource.fixed_ip).toEqual([
        { subnet_id: "subnet-id" },
      ]);
    });
  });

  describe("GIVEN a flavor with a root disk and no boot volume", () => {
    it("THEN the server boots from the image and there is no volume", () => {
      const plan: WorkloadPlan = {
        ...planOf({}),
        instances: planOf({}).instances.map(({ bootVolume: _, ...rest }) => rest),
      };
      const out = synth(plan);
      const server = named(out, INSTANCE, "alpha-records-db-01").resource;
      expect(server.image_id).toBe("image-id");
      expect(server.block_device).toBeUndefined();
      expect(resourcesOf(out, VOLUME)).toEqual({});
    });
  });

  describe("GIVEN protect: false", () => {
    it("THEN no volume carries prevent_destroy, and the boot volume still ignores image changes", () => {
      // The plan decides per volume; without its decision the construct's prop applies.
      const planned = planOf({
        volumes: [{ name: "data", sizeGiB: 10, volumeType: "replicated" }],
      });
      const undecided = ({ protect: _, ...volume }: VolumePlan): VolumePlan => volume;
      const out = synth(
        {
          ...planned,
          instances: planned.instances.map((instance) => ({
            ...instance,
            bootVolume: instance.bootVolume && undecided(instance.bootVolume),
            dataVolumes: instance.dataVolumes.map(undecided),
          })),
        },
        false,
      );
      expect(named(out, VOLUME, "alpha-records-db-01-data").resource.lifecycle).toBeUndefined();
      expect(named(out, VOLUME, "alpha-records-db-01-boot").resource.lifecycle).toEqual({
        ignore_changes: ["image_id"],
      });
    });
  });
});

describe("Workload validations", () => {
  const good = planOf({
    count: 2,
    fixedIps: ["10.10.42.5", "10.10.42.6"],
    bootVolume: { sizeGiB: 60, volumeType: "ssd" },
    volumes: [{ name: "data", sizeGiB: 500, volumeType: "replicated" }],
  });
  const [first, second] = good.instances;
  /** A plan written by hand in TypeScript, breaking what the planner never breaks. */
  const broken: WorkloadPlan = {
    ...good,
    instances: [
      {
        ...first!,
        dataVolumes: first!.dataVolumes.map((volume) => ({
          ...volume,
          availabilityZone: "elsewhere",
        })),
      },
      { ...second!, fixedIp: first!.fixedIp },
    ],
  };
  // The stack itself has no provider here, which cdktf reports on the stack: not ours.
  const atWorkload = (finding: Finding) => finding.location?.construct === "alpha-site/db";
  const build = (plan: WorkloadPlan) => () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "tamna-workload-")) });
    new Workload(new TerraformStack(app, "alpha-site"), "db", {
      plan,
      networkId: "network-id",
      subnetId: "subnet-id",
      securityGroupId: "secgroup-id",
      imageId: "image-id",
    });
    return app;
  };

  it("GIVEN the planner's plan WHEN validated THEN there are no findings", () => {
    expect(constructFindings(build(good)()).filter(atWorkload)).toEqual([]);
  });

  describe("GIVEN a plan with a data volume in another zone and a fixed IP given twice", () => {
    it("WHEN tamna validate's construct layer runs THEN both are findings at the workload's path", () => {
      const outcome = synthesizeWithValidations(build(broken));
      expect(outcome.synthesized).toBe(false);
      expect(outcome.findings.filter(atWorkload).map((finding) => finding.message)).toEqual([
        expect.stringMatching(
          /^instance alpha-records-db-01: volume data is in availability zone elsewhere but the server is in \S+; Cinder cannot attach across zones/,
        ),
        expect.stringMatching(
          /^instances alpha-records-db-01 and alpha-records-db-02 both ask for fixed IP 10\.10\.42\.5/,
        ),
      ]);
      expect(outcome.findings.filter(atWorkload)[0]).toMatchObject({
        layer: "construct",
        stack: "alpha-site",
        location: { construct: "alpha-site/db" },
      });
    });
  });
});
