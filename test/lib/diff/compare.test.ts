/**
 * diffOutputs on real pairs of synthesized outputs of the example region: spec changes where the
 * spec can express them, JSON edits of real output where it cannot (yet).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KNOWN_AFTER_APPLY, SENSITIVE } from "../../../lib/diff";
import { formatJson } from "../../../lib/diff/format-json";
import { formatText } from "../../../lib/diff/format-text";
import { moveFix } from "../../../lib/diff/move-fix";
import {
  changeOf,
  diffDirs,
  Outputs,
  putResource,
  readStackJson,
  renameConstruct,
  resourceName,
  stackOf,
} from "./fixtures";

const outputs = new Outputs();
let base: string;

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

const CITY = "jeju-city-jeju-cdc";
const SUBNET = "openstack_networking_subnet_v2";
const CONTAINER = "openstack_objectstorage_container_v1";

describe("diffOutputs", () => {
  describe("GIVEN the same region synthesized twice", () => {
    it("THEN nothing changed and nothing is dangerous", () => {
      const report = diffDirs(base, outputs.synth("same"));
      expect(report.stacks).toEqual([]);
      expect(report.dangers).toEqual([]);
      expect(report.topology.nodes).toEqual([]);
    });
  });

  describe("GIVEN an agency added to the spec", () => {
    let report: ReturnType<typeof diffDirs>;
    beforeAll(() => {
      const head = outputs.synth("agency", ({ agencies }) => {
        const copy = structuredClone(agencies.find((a) => a.slug === "jeju-tourism"));
        copy.slug = "jeju-water";
        copy.name = "제주도 상하수도본부";
        copy.addressBlock = { index: 6 };
        delete copy.sites;
        agencies.push(copy);
      });
      report = diffDirs(base, head);
    });

    it("THEN its tenancy and agency stacks at both sites are added, in apply order", () => {
      expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
        ["tenancy-jeju-water-jeju-cdc", "added"],
        ["tenancy-jeju-water-mainland-drc", "added"],
        ["jeju-water-jeju-cdc", "added"],
        ["jeju-water-mainland-drc", "added"],
      ]);
    });

    it("THEN every resource of those stacks is created and nothing else changes", () => {
      for (const stack of report.stacks) {
        expect(stack.resources.length, stack.stack).toBeGreaterThan(0);
        expect(new Set(stack.resources.map((c) => c.action))).toEqual(new Set(["create"]));
      }
      const project = stackOf(report, "tenancy-jeju-water-jeju-cdc").resources.filter(
        (c) => c.type === "openstack_identity_project_v3",
      );
      expect(project).toHaveLength(1);
    });

    it("THEN its data sources are listed apart from its resources", () => {
      const data = stackOf(report, "jeju-water-jeju-cdc").dataSources;
      expect(data.length).toBeGreaterThan(0);
      for (const change of data) expect(change.address).toMatch(/^data\./);
    });
  });

  describe("GIVEN the db zone's subnet shrunk from /24 to /25 in the region file", () => {
    let report: ReturnType<typeof diffDirs>;
    let subnet: string;
    beforeAll(() => {
      const head = outputs.synth("cidr", ({ region }) => {
        region.zones.db.subnet = { prefixLength: 25, slot: 4 };
      });
      report = diffDirs(base, head);
      subnet = `${SUBNET}.${resourceName(readStackJson(base, CITY), SUBNET, "Zones_db_Subnet")}`;
    });

    it("THEN the subnet is replaced, and the cidr is named as the attribute forcing it", () => {
      const change = changeOf(report, CITY, subnet);
      expect(change.action).toBe("replace");
      expect(change.replacedBecause).toEqual(["cidr"]);
      expect(change.changes).toContainEqual({
        path: "cidr",
        before: "10.10.6.0/24",
        after: "10.10.6.0/25",
        forcesReplacement: true,
      });
      expect(change.changes).toContainEqual({
        path: "allocation_pool[0].end",
        before: "10.10.6.254",
        after: "10.10.6.126",
      });
    });

    it("THEN the router interface that refers to the subnet is replaced with it", () => {
      const interfaces = stackOf(report, CITY).resources.filter(
        (c) => c.type === "openstack_networking_router_interface_v2",
      );
      expect(interfaces).toHaveLength(1);
      expect(interfaces[0]!.action).toBe("replace");
      expect(interfaces[0]!.replacedBecause).toEqual(["subnet_id"]);
      expect(interfaces[0]!.changes[0]).toMatchObject({
        path: "subnet_id",
        after: KNOWN_AFTER_APPLY,
        reason: `${subnet} is replaced`,
      });
    });

    it("THEN it happens in every agency at every site, and the platform is untouched", () => {
      const stacks = report.stacks.map((s) => s.stack);
      expect(stacks).toContain("jeju-city-mainland-drc");
      expect(stacks).toContain("jeju-tourism-jeju-cdc");
      expect(stacks.filter((s) => s.startsWith("platform-") || s.startsWith("tenancy-"))).toEqual(
        [],
      );
    });
  });

  describe("GIVEN a construct renamed (every resource under Network gets a new address)", () => {
    // No spec field renames constructs: the rename is made on the real output's JSON, keys and
    // references alike, as cdktf would write it.
    let report: ReturnType<typeof diffDirs>;
    let renamed: number;
    beforeAll(() => {
      const head = outputs.copy(base, "rename", {
        [CITY]: (json) => renameConstruct(json, "Network_", "Net_"),
      });
      renamed = Object.values<Record<string, unknown>>(readStackJson(head, CITY).resource)
        .flatMap((byName) => Object.keys(byName))
        .filter((name) => name.startsWith("Net_")).length;
      report = diffDirs(base, head);
    });

    it("THEN every renamed resource is reported as moved, nothing destroyed or created", () => {
      const resources = stackOf(report, CITY).resources;
      expect(renamed).toBeGreaterThan(20);
      expect(resources).toHaveLength(renamed);
      for (const change of resources) {
        expect(change.action).toBe("move");
        expect(change.movedFrom).toBe(change.address.replace(".Net_", ".Network_"));
      }
      expect(report.dangers).toEqual([]);
    });

    it("THEN each move comes with a moved block and the cdktf call that keeps it", () => {
      const subnet = `${SUBNET}.${resourceName(readStackJson(base, CITY), SUBNET, "Zones_db_Subnet")}`;
      const change = changeOf(report, CITY, subnet.replace(".Network_", ".Net_"));
      const fix = moveFix(change)!;
      expect(fix.terraform).toBe(`moved {\n  from = ${subnet}\n  to   = ${change.address}\n}`);
      expect(fix.cdktf).toContain(`resource.moveFromId("${subnet}")`);
      expect(fix.cdktf).toContain(`on the construct ${CITY}/Network/Zones/db/Subnet`);
      expect(fix.cdktf).toContain(`overrideLogicalId("${subnet.split(".")[1]}")`);
    });

    it("THEN the head declaring the moves in moved blocks needs no fix", () => {
      const head = outputs.copy(base, "declared", {
        [CITY]: (json) => {
          renameConstruct(json, "Network_", "Net_");
          const moved: { from: string; to: string }[] = [];
          for (const [type, byName] of Object.entries<Record<string, unknown>>(json.resource)) {
            for (const name of Object.keys(byName).filter((n) => n.startsWith("Net_"))) {
              moved.push({ from: `${type}.Network_${name.slice(4)}`, to: `${type}.${name}` });
            }
          }
          json.moved = moved;
        },
      });
      const resources = stackOf(diffDirs(base, head), CITY).resources;
      expect(resources.every((c) => c.action === "move" && c.moveDeclared === true)).toBe(true);
      expect(resources.map(moveFix).filter(Boolean)).toEqual([]);
    });
  });

  describe("GIVEN secrets in the output", () => {
    // Container sync keys and sensitive variables are not in the output yet: added as JSON.
    let report: ReturnType<typeof diffDirs>;
    beforeAll(() => {
      const container = (key: string) => ({
        name: "jeju-city-archive",
        container_sync_key: key,
        metadata: { owner: "jeju-city" },
      });
      const secretsBase = outputs.copy(base, "secrets-base", {
        [CITY]: (json) => {
          json.variable = { sync_key: { type: "string", sensitive: true } };
          putResource(json, CONTAINER, "Archive", container("old-literal-key"));
        },
      });
      const secretsHead = outputs.copy(secretsBase, "secrets-head", {
        [CITY]: (json) => {
          putResource(json, CONTAINER, "Archive", container("new-literal-key"));
          const network = resourceName(json, "openstack_networking_network_v2", "Zones_db");
          json.resource.openstack_networking_network_v2[network].description = "${var.sync_key}";
          json.output.sync = { value: "${var.sync_key}", sensitive: true };
        },
      });
      report = diffDirs(secretsBase, secretsHead);
    });

    it("THEN container_sync_key shows as (sensitive) on both sides, the change itself visible", () => {
      const change = changeOf(report, CITY, `${CONTAINER}.Archive`);
      expect(change.action).toBe("update");
      expect(change.changes).toEqual([
        { path: "container_sync_key", before: SENSITIVE, after: SENSITIVE, sensitive: true },
      ]);
    });

    it("THEN a value reading a sensitive variable is masked, and so is a sensitive output", () => {
      const network = stackOf(report, CITY).resources.find(
        (c) => c.type === "openstack_networking_network_v2",
      )!;
      expect(network.changes).toEqual([{ path: "description", after: SENSITIVE, sensitive: true }]);
      const output = stackOf(report, CITY).outputs.find((o) => o.name === "sync")!;
      expect(output.changes).toEqual([{ path: "value", after: SENSITIVE, sensitive: true }]);
    });

    it("THEN no format prints the secret", () => {
      for (const text of [formatText(report), formatJson(report)]) {
        expect(text).not.toContain("literal-key");
        expect(text).not.toContain("var.sync_key");
        expect(text).toContain(SENSITIVE);
      }
    });
  });
});
