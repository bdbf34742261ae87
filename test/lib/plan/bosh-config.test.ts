import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { boshCloudConfig, boshVars, DEFAULT_NETWORK } from "../../../lib/plan/bosh-config";
import { planPaasta } from "../../../lib/plan/paasta";
import { agency } from "./fixtures";
import { paastaInput } from "./paasta-fixtures";
import { PAASTA_SHAPES, SAMPLE_IDS } from "../../helpers/paasta-shapes";

/** What the tests read of a cloud-config, as parsed YAML. */
interface Named {
  readonly name: string;
  readonly type?: string;
  readonly cloud_properties: Record<string, unknown> & {
    readonly availability_zone?: string;
    readonly instance_type?: string;
    readonly net_id?: string;
    readonly loadbalancer_pools?: unknown[];
  };
  readonly subnets: (Record<string, unknown> & Named)[];
  readonly reserved?: unknown;
}
interface CloudConfig {
  readonly azs: Named[];
  readonly vm_types: Named[];
  readonly disk_types: Named[];
  readonly vm_extensions: Named[];
  readonly networks: Named[];
  readonly compilation: Record<string, unknown>;
}

const keys = (value: unknown) => Object.keys(value as object).sort();
const [home] = planPaasta(paastaInput({}, agency("alpha")), "jeju");
/** Rendered as YAML and read back, as BOSH reads the file. */
const vars = parse(stringify(boshVars(home!.bosh, SAMPLE_IDS))) as Record<string, unknown>;
const cloudConfig = parse(stringify(boshCloudConfig(home!.bosh, SAMPLE_IDS))) as CloudConfig;

describe("boshVars", () => {
  it("THEN it holds exactly the keys of openstack-vars.yml the IaaS determines", () => {
    expect(keys(vars)).toEqual([...PAASTA_SHAPES.iaasVars].sort());
    for (const secret of PAASTA_SHAPES.secretVars) expect(vars).not.toHaveProperty(secret);
  });

  it("THEN its values come from the plan and the IDs", () => {
    expect(vars).toEqual({
      az: "cdc-az1",
      bosh_ip: "10.10.240.16",
      default_key_name: "paasta-bosh",
      default_security_groups: ["paasta-bosh"],
      net_id: SAMPLE_IDS.boshNetworkId,
      openstack_domain: "jeju",
      openstack_project: "paasta",
      private_cidr: "10.10.240.0/24",
      private_gw: "10.10.240.1",
      region: "JejuCDC",
    });
  });
});

describe("boshCloudConfig", () => {
  it("THEN its top-level keys are those of PaaS-TA's cloud-config", () => {
    expect(keys(cloudConfig)).toEqual([...PAASTA_SHAPES.cloudConfig].sort());
  });

  it("THEN each az names a Nova availability zone of the site", () => {
    for (const az of cloudConfig.azs) {
      expect(keys(az)).toEqual([...PAASTA_SHAPES.az]);
      expect(keys(az.cloud_properties)).toEqual([...PAASTA_SHAPES.azCloudProperties]);
    }
    expect(cloudConfig.azs.map((az) => az.cloud_properties.availability_zone)).toEqual([
      "cdc-az1",
      "cdc-az2",
      "cdc-az3",
    ]);
  });

  it("THEN vm_types name the region's flavors and boot from volumes of the root disk size", () => {
    for (const type of cloudConfig.vm_types) {
      expect(keys(type)).toEqual([...PAASTA_SHAPES.vmType]);
      expect(type.cloud_properties).toMatchObject({
        boot_from_volume: true,
        root_disk: { size: 20 },
      });
    }
    expect(
      cloudConfig.vm_types.find((t) => t.name === "default")!.cloud_properties.instance_type,
    ).toBe("m1.small");
  });

  it("THEN disk_types are in MiB, on the chosen volume type", () => {
    for (const disk of cloudConfig.disk_types) {
      expect(keys(disk)).toEqual(expect.arrayContaining([...PAASTA_SHAPES.diskType]));
    }
    expect(cloudConfig.disk_types).toContainEqual({
      name: "large",
      disk_size: 51200,
      cloud_properties: { type: "replicated" },
    });
  });

  it("THEN the manual networks carry the ranges and IDs, and there is a vip network", () => {
    const [cf, bosh, vip] = cloudConfig.networks;
    expect(keys(vip)).toEqual([...PAASTA_SHAPES.vipNetwork]);
    expect(vip).toEqual({ name: "vip", type: "vip" });
    for (const network of [cf, bosh]) {
      expect(keys(network)).toEqual([...PAASTA_SHAPES.manualNetwork]);
      expect(network.type).toBe("manual");
      for (const subnet of network.subnets) {
        expect(keys(subnet)).toEqual([...PAASTA_SHAPES.subnet]);
        expect(keys(subnet.cloud_properties)).toEqual([...PAASTA_SHAPES.subnetCloudProperties]);
        expect(subnet.azs).toEqual(["z1", "z2", "z3"]);
      }
    }
    expect(cf.name).toBe(DEFAULT_NETWORK);
    expect(cf.subnets[0]).toMatchObject({
      range: "10.10.242.0/23",
      reserved: ["10.10.242.1 - 10.10.242.15"],
      static: ["10.10.242.16 - 10.10.242.79"],
      cloud_properties: { net_id: SAMPLE_IDS.cfNetworkId, security_groups: ["paasta-cf"] },
    });
    // The director's address is reserved: no deployment VM takes it.
    expect(bosh.subnets[0].reserved).toEqual(["10.10.240.1 - 10.10.240.16"]);
    expect(bosh.subnets[0].cloud_properties.net_id).toBe(SAMPLE_IDS.boshNetworkId);
  });

  it("THEN compilation runs on the default vm_type in the first az", () => {
    expect(keys(cloudConfig.compilation)).toEqual([...PAASTA_SHAPES.compilation]);
    expect(cloudConfig.compilation).toEqual({
      workers: 4,
      reuse_compilation_vms: true,
      az: "z1",
      vm_type: "default",
      network: DEFAULT_NETWORK,
    });
  });

  it("THEN the routers' vm_extension joins the load balancer's pools", () => {
    expect(cloudConfig.vm_extensions[0].cloud_properties.loadbalancer_pools).toContainEqual({
      name: "paasta-routers-443",
      port: 443,
    });
  });
});
