import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workloadUsage } from "../../../../lib/diff/dangers/quota-cut";
import { diffDirs, Outputs, putResource, readStackJson } from "../fixtures";

/* eslint-disable @typescript-eslint/no-explicit-any -- Terraform JSON edited freely */

const outputs = new Outputs();
/** The real output with two known servers and a volume in the agency stack. */
let base: string;
let usage: ReturnType<typeof workloadUsage>;

const AGENCY = "jeju-city-jeju-cdc";
const TENANCY = `tenancy-${AGENCY}`;
const COMPUTE = "openstack_compute_quotaset_v2";
const BLOCK = "openstack_blockstorage_quotaset_v3";

beforeAll(() => {
  // Added as JSON so the test holds whatever workloads the example has: usage only grows.
  base = outputs.copy(outputs.synth("base"), "workloads", {
    [AGENCY]: (json) => {
      for (const name of ["A", "B"]) {
        putResource(json, "openstack_compute_instance_v2", `Test${name}`, {
          name: `test-${name}`,
          flavor_name: "m1.large",
        });
      }
      putResource(json, "openstack_blockstorage_volume_v3", "TestData", { name: "d", size: 500 });
    },
  });
  usage = workloadUsage(readStackJson(base, AGENCY), readStackJson(base, "platform-jeju-cdc"));
});
afterAll(() => outputs.removeAll());

/** Sets fields of the tenancy stack's only quota of `type`. */
const withQuota = (label: string, type: string, fields: Record<string, number>) =>
  outputs.copy(base, label, {
    [TENANCY]: (json: any) => {
      const [name] = Object.keys(json.resource[type]);
      Object.assign(json.resource[type][name!], fields);
    },
  });

const quotaDangers = (head: string) =>
  diffDirs(base, head).dangers.filter((d) => d.kind === "quota-below-usage");

describe("danger: quota cut below usage", () => {
  it("GIVEN the injected workloads THEN usage counts them with their flavor from the platform", () => {
    expect(usage.instances).toBeGreaterThanOrEqual(2);
    expect(usage.cores).toBeGreaterThanOrEqual(2 * 4);
    expect(usage.ram).toBeGreaterThanOrEqual(2 * 8192);
    expect(usage.gigabytes).toBeGreaterThanOrEqual(500);
  });

  describe("Noncompliance 1: instances and cores cut below what the servers use", () => {
    it("THEN each field is flagged with the quota and the usage", () => {
      const head = withQuota("compute", COMPUTE, { instances: 1, cores: 2 });
      expect(quotaDangers(head).map((d) => [d.stack, d.message])).toEqual([
        [
          TENANCY,
          `cores quota cut from 80 to 2, below the ${usage.cores} vCPUs the workloads in ${AGENCY} use`,
        ],
        [
          TENANCY,
          `instances quota cut from 20 to 1, below the ${usage.instances} instances the workloads in ${AGENCY} use`,
        ],
      ]);
    });
  });

  describe("Noncompliance 2: block storage cut below the volumes' size", () => {
    it("THEN gigabytes are flagged", () => {
      const head = withQuota("block", BLOCK, { gigabytes: 100 });
      expect(quotaDangers(head).map((d) => d.message)).toEqual([
        `gigabytes quota cut from 4096 to 100, below the ${usage.gigabytes} GiB the workloads in ${AGENCY} use`,
      ]);
    });
  });

  describe("Compliance", () => {
    it("GIVEN a cut that still covers usage THEN no danger", () => {
      const head = withQuota("exact", COMPUTE, { instances: usage.instances });
      const report = diffDirs(base, head);
      expect(report.stacks.map((s) => s.stack)).toEqual([TENANCY]);
      expect(report.dangers).toEqual([]);
    });

    it("GIVEN a quota raised THEN no danger", () => {
      expect(quotaDangers(withQuota("raised", BLOCK, { volumes: 400 }))).toEqual([]);
    });
  });
});
