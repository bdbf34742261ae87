import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FlavorCatalogue, VolumeTypes } from "../../../lib/spec/catalogue";
import { checkRegion } from "../../../lib/spec/checks";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import {
  expectProblem,
  JEJU_DIR,
  lineOf,
  MINIMAL_CATALOGUE,
  problemsOf,
  replaceOnce,
} from "./helpers";

const FILE = "stacks/jeju/region.yaml";
const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");

function parseRegion(text: string) {
  return parseSpec(FILE, text, RegionSpec);
}

/** The Jeju region with `from` replaced by `to`, and the problems parsing it gives. */
function broken(from: string | RegExp, to: string) {
  const text = replaceOnce(JEJU_REGION, from, to);
  return { text, problems: problemsOf(() => parseRegion(text)) };
}

/** checkRegion problems of the Jeju region with `from` replaced by `to`. */
function checked(from: string | RegExp, to: string) {
  const text = replaceOnce(JEJU_REGION, from, to);
  return { text, problems: checkRegion(parseRegion(text)) };
}

describe("catalogue spec", () => {
  describe("GIVEN the Jeju region file", () => {
    const { spec } = parseRegion(JEJU_REGION);

    it("WHEN parsed THEN every flavor is read with its sizes", () => {
      expect(Object.keys(spec.flavors).sort()).toEqual([
        "c1.xlarge",
        "db1.2xlarge",
        "g1.a100",
        "g1.vgpu",
        "m1.large",
        "m1.medium",
        "m1.small",
        "r1.xlarge",
      ]);
      expect(spec.flavors["m1.small"]).toEqual({
        vcpus: 1,
        ramGiB: 2,
        diskGiB: 0,
        description: "General purpose (small)",
      });
    });

    it("WHEN parsed THEN volume types without replicated are not replicated", () => {
      expect(spec.volumeTypes.standard).toEqual({
        description: "HDD-backed Ceph, for general data",
        backendName: "ceph-hdd",
        replicated: false,
      });
      expect(spec.volumeTypes.replicated!.replicated).toBe(true);
    });

    it("WHEN parsed THEN availability zones carry their compute hosts", () => {
      expect(spec.sites["jeju-cdc"]!.availabilityZones[2]!.hosts).toEqual([
        "cdc-cmp-c01",
        "cdc-cmp-c02",
      ]);
    });

    it("WHEN checked THEN no compute host is in two zones", () => {
      expect(checkRegion(parseRegion(JEJU_REGION))).toEqual([]);
    });
  });

  describe("GIVEN the smallest catalogue on its own", () => {
    it("WHEN its flavors are parsed THEN boot-from-volume disk 0 is accepted", () => {
      const text = MINIMAL_CATALOGUE.split("volumeTypes:")[0]!.replace("flavors:\n", "");
      const { spec } = parseSpec("flavors.yaml", text, FlavorCatalogue);
      expect(spec).toEqual({ "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 } });
    });

    it("WHEN its volume types are parsed THEN standard, ssd and one replicated type suffice", () => {
      const text = MINIMAL_CATALOGUE.split("volumeTypes:\n")[1]!;
      const { spec } = parseSpec("volume-types.yaml", text, VolumeTypes);
      expect(Object.keys(spec)).toEqual(["standard", "ssd", "replicated"]);
    });
  });

  describe("GIVEN a region without a catalogue", () => {
    it("WHEN flavors is left out THEN the problem says it is required", () => {
      const { problems } = broken(/^flavors:\n(?: {2}.*\n)+/m, "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, { path: "flavors", message: /missing required field "flavors"/ });
    });

    it("WHEN volumeTypes is left out THEN the problem says it is required", () => {
      const { problems } = broken(/^volumeTypes:\n(?: {2}.*\n)+/m, "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "volumeTypes",
        message: /missing required field "volumeTypes"/,
      });
    });
  });

  describe("GIVEN a bad flavor", () => {
    it("WHEN the name has capitals THEN the problem names the key and the allowed characters", () => {
      const { text, problems } = broken("  m1.small: {", "  M1.Small: {");
      expectProblem(problems, {
        line: lineOf(text, "M1.Small"),
        path: "flavors.M1.Small",
        message: /invalid key "M1\.Small": .*lowercase letters, digits, dots and hyphens/,
        received: /^"M1\.Small"$/,
      });
    });

    it("WHEN the name starts with a dot THEN it is refused", () => {
      const { problems } = broken("  m1.large: {", "  .large: {");
      expectProblem(problems, { path: "flavors..large", message: /invalid key "\.large"/ });
    });

    it("WHEN vcpus is 0 THEN the problem says at least 1", () => {
      const { text, problems } = broken("vcpus: 2, ramGiB: 4", "vcpus: 0, ramGiB: 4");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "vcpus: 0"),
        path: "flavors.m1.medium.vcpus",
        message: /out of range: must be at least 1/,
        received: /^0$/,
      });
    });

    it("WHEN diskGiB is negative THEN the problem says at least 0", () => {
      const { problems } = broken("ramGiB: 16, diskGiB: 0", "ramGiB: 16, diskGiB: -1");
      expectProblem(problems, {
        path: "flavors.c1.xlarge.diskGiB",
        message: /at least 0/,
      });
    });

    it("WHEN ramGiB is missing THEN the problem names the field", () => {
      const { problems } = broken("vcpus: 8, ramGiB: 64, ", "vcpus: 8, ");
      expectProblem(problems, {
        path: "flavors.r1.xlarge.ramGiB",
        message: /missing required field "ramGiB"/,
      });
    });

    it("WHEN it has an unknown field THEN the problem suggests the right one", () => {
      const { problems } = broken("vcpus: 16, ramGiB: 128", "vcpus: 16, ram: 128");
      expectProblem(problems, {
        path: "flavors.db1.2xlarge.ram",
        message: /unknown field "ram"/,
        hint: /did you mean "ramGiB"/,
      });
    });
  });

  describe("GIVEN volume types that miss a required one", () => {
    it("WHEN standard is missing THEN the problem says so and how to add it", () => {
      const { text, problems } = broken("  standard:\n", "  normal:\n");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "volumeTypes:"),
        path: "volumeTypes",
        message: /volume type "standard" is missing.*needs standard and ssd.*add "standard: /,
      });
    });

    it("WHEN ssd is missing THEN the problem names ssd", () => {
      const { problems } = broken("  ssd:\n", "  fast:\n");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "volumeTypes",
        message: /volume type "ssd" is missing/,
      });
    });

    it("WHEN no type is replicated THEN the problem asks for replicated: true", () => {
      const { problems } = broken(/\n {4}replicated: true/g, "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "volumeTypes",
        message: /no replicated volume type.*add a volume type with "replicated: true"/,
      });
    });

    it("WHEN standard, ssd and replication are all missing THEN each is reported", () => {
      const text = `${JEJU_REGION.split("volumeTypes:")[0]}volumeTypes:\n  bulk: { description: Bulk, backendName: hdd }\nstate:\n  type: local\n`;
      const problems = problemsOf(() => parseRegion(text));
      expect(problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/"standard" is missing/),
        expect.stringMatching(/"ssd" is missing/),
        expect.stringMatching(/no replicated volume type/),
      ]);
    });
  });

  describe("GIVEN a volume type with extra specs", () => {
    it("WHEN they are ordinary Cinder extra specs THEN they are kept as given", () => {
      const { spec } = parseRegion(
        replaceOnce(
          JEJU_REGION,
          "    backendName: ceph-ssd\n",
          '    backendName: ceph-ssd\n    extraSpecs:\n      "capabilities:thin_provisioning_support": "<is> True"\n',
        ),
      );
      expect(spec.volumeTypes.ssd!.extraSpecs).toEqual({
        "capabilities:thin_provisioning_support": "<is> True",
      });
    });

    it("WHEN they set volume_backend_name THEN the problem points at it and says to use backendName", () => {
      const { text, problems } = broken(
        "    backendName: ceph-ssd\n",
        "    backendName: ceph-ssd\n    extraSpecs:\n      volume_backend_name: other\n",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "volume_backend_name: other"),
        path: "volumeTypes.ssd.extraSpecs.volume_backend_name",
        message: /extra spec "volume_backend_name" is set by tamna from backendName/,
        received: /^"other"$/,
      });
    });

    it("WHEN they set replication_enabled THEN the problem says to use replicated: true", () => {
      const { problems } = broken(
        "    backendName: ceph-hdd\n",
        '    backendName: ceph-hdd\n    extraSpecs: { replication_enabled: "<is> True" }\n',
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "volumeTypes.standard.extraSpecs.replication_enabled",
        message: /extra spec "replication_enabled" is set by tamna from replicated: true/,
      });
    });
  });

  describe("GIVEN availability zone hosts", () => {
    it("WHEN hosts is an empty list THEN the problem says at least 1 item", () => {
      const { problems } = broken("hosts: [cdc-cmp-c01, cdc-cmp-c02]", "hosts: []");
      expectProblem(problems, {
        path: "sites.jeju-cdc.availabilityZones[2].hosts",
        message: /at least 1 items/,
      });
    });

    it("WHEN a host is listed in two zones of a site THEN the problem names both zones", () => {
      const { text, problems } = checked(
        "hosts: [cdc-cmp-c01, cdc-cmp-c02]",
        "hosts: [cdc-cmp-c01, cdc-cmp-a02]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "cdc-cmp-c01, cdc-cmp-a02"),
        path: "sites.jeju-cdc.availabilityZones[2].hosts[1]",
        message: /compute host "cdc-cmp-a02" is listed in availability zones cdc-az1 and cdc-az3/,
        received: /^cdc-cmp-a02$/,
        hint: /one availability zone/,
      });
    });

    it("WHEN a host is listed twice in one zone THEN that is reported too", () => {
      const { problems } = checked(
        "hosts: [drc-cmp-101, drc-cmp-102, drc-cmp-103]",
        "hosts: [drc-cmp-101, drc-cmp-102, drc-cmp-101]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        path: "sites.mainland-drc.availabilityZones[0].hosts[2]",
        message: /"drc-cmp-101" is listed twice in availability zone drc-az1/,
      });
    });

    it("WHEN two sites list the same host name THEN that is allowed: each site has its own Nova", () => {
      const { problems } = checked(
        "hosts: [drc-cmp-101, drc-cmp-102, drc-cmp-103]",
        "hosts: [cdc-cmp-a01, drc-cmp-102, drc-cmp-103]",
      );
      expect(problems).toEqual([]);
    });
  });

  describe("GIVEN the GPU pool", () => {
    it("WHEN parsed THEN a passthrough flavor keeps its alias and count, a vGPU flavor its count", () => {
      const { spec } = parseRegion(JEJU_REGION);
      expect(spec.flavors["g1.a100"]!.gpu).toEqual({
        type: "passthrough",
        alias: "a100",
        count: 1,
      });
      expect(spec.flavors["g1.vgpu"]!.gpu).toEqual({ type: "vgpu", count: 1 });
      expect(spec.sites["jeju-cdc"]!.availabilityZones[0]!.gpuHosts).toEqual([
        "cdc-gpu-a01",
        "cdc-gpu-a02",
      ]);
    });

    it("WHEN a passthrough flavor has no alias THEN the problem names the field", () => {
      const { text, problems } = broken(
        "gpu: { type: passthrough, alias: a100, count: 1 }",
        "gpu: { type: passthrough, count: 1 }",
      );
      expectProblem(problems, {
        line: lineOf(text, "gpu: { type: passthrough, count: 1 }"),
        path: "flavors.g1.a100.gpu.alias",
        message: /alias/,
      });
    });

    it("WHEN the GPU type is unknown THEN the problem is at the type", () => {
      const { problems } = broken("gpu: { type: vgpu, count: 1 }", "gpu: { type: mig, count: 1 }");
      expectProblem(problems, { path: "flavors.g1.vgpu.gpu.type", message: /./ });
    });

    it("WHEN the region's quotaDefaults grant GPUs THEN the field is refused: GPU quota is per agency", () => {
      const { problems } = broken("  volumes: 40\n", "  volumes: 40\n  gpus: 4\n");
      expectProblem(problems, { path: "quotaDefaults.gpus", message: /unknown field "gpus"/ });
    });

    it("WHEN a GPU host is also a general host THEN the problem is at the GPU host", () => {
      const { text, problems } = checked(
        "gpuHosts: [cdc-gpu-b01, cdc-gpu-b02]",
        "gpuHosts: [cdc-gpu-b01, cdc-cmp-b02]",
      );
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        line: lineOf(text, "gpuHosts: [cdc-gpu-b01, cdc-cmp-b02]"),
        path: "sites.jeju-cdc.availabilityZones[1].gpuHosts[1]",
        message: /compute host "cdc-cmp-b02" is listed twice in availability zone cdc-az2/,
        hint: /hosts \(general\) or in gpuHosts \(GPU\)/,
      });
    });

    it("WHEN a zone of a region with GPUs lists no hosts THEN it is allowed: its aggregates are the operator's", () => {
      const { problems } = checked(
        "        hosts: [drc-cmp-201, drc-cmp-202, drc-cmp-203]\n        capacity:\n",
        "        capacity:\n          hostCount: 3\n",
      );
      expect(problems).toEqual([]);
    });

    it("WHEN the region has no GPUs THEN a zone without hosts is still managed outside tamna", () => {
      // No GPU hosts, no GPU flavors, and no prices for them.
      const noGpus = JEJU_REGION.replace(/ {8}gpuHosts: .*\n/g, "")
        .replace(/ {10}g1\.vgpu: \d+\n/g, "")
        .replace(/ {2}g1\.a100:[\s\S]*?gpu: \{ type: vgpu, count: 1 \}\n/, "");
      const text = replaceOnce(
        noGpus,
        "        hosts: [drc-cmp-201, drc-cmp-202, drc-cmp-203]\n        capacity:\n",
        "        capacity:\n          hostCount: 3\n",
      );
      expect(checkRegion(parseRegion(text))).toEqual([]);
    });
  });
});
