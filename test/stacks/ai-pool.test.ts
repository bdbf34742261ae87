/**
 * The AI computing pool and the data lake, synthesized: jeju-province with its GPU system
 * ai-analytics and its data lake (test/fixtures/ai-pool) over the tests' Jeju region.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isBlocking, policyFindings, stackInfo } from "../../lib/policy";
import { buildDrReport } from "../../lib/report/dr-report";
import { loadRegionDir } from "../../lib/spec/load";
import { buildApp } from "../../stacks/app";
import { aiPoolRegion } from "../helpers/ai-pool-region";
import { EXAMPLE_REGION_DIR } from "../helpers/example-region";
import { expectProblem, problemsOf } from "../lib/spec/helpers";

type Body = Record<string, unknown>;

describe("the AI pool and data lake of jeju-province", () => {
  const { input, plan } = aiPoolRegion();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-ai-pool-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  buildApp(plan, { outdir }).synth();
  const json = (stack: string) =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      resource?: Record<string, Record<string, Body>>;
    };
  const resources = (stack: string, type: string) =>
    Object.values(json(stack).resource?.[type] ?? {});

  it("THEN the province's tenancy is granted each GPU flavor at each site, and other agencies none", () => {
    for (const site of ["jeju-cdc", "mainland-drc"]) {
      const grants = resources(
        `tenancy-jeju-province-${site}`,
        "openstack_compute_flavor_access_v2",
      );
      expect(grants.map((g) => g.flavor_id)).toEqual(["g1.a100", "g1.vgpu"]);
      for (const grant of grants)
        expect(grant.tenant_id).toMatch(/^\$\{openstack_identity_project_v3\.[\w-]+\.id\}$/);
    }
    expect(resources("tenancy-jeju-city-jeju-cdc", "openstack_compute_flavor_access_v2")).toEqual(
      [],
    );
  });

  it("THEN the GPU servers run on g1.a100 in the zones with GPU hosts, one per zone", () => {
    const servers = resources("jeju-province-jeju-cdc", "openstack_compute_instance_v2").filter(
      (s) => s.flavor_name === "g1.a100",
    );
    expect(servers.map((s) => [s.name, s.availability_zone])).toEqual([
      ["jeju-province-ai-analytics-inference-01", "cdc-az1"],
      ["jeju-province-ai-analytics-inference-02", "cdc-az2"],
    ]);
  });

  it("THEN the backup-only AI system runs nothing at the DR site", () => {
    const servers = resources("jeju-province-mainland-drc", "openstack_compute_instance_v2");
    expect(servers.filter((s) => String(s.name).includes("ai-analytics"))).toEqual([]);
  });

  it("THEN the data lake's containers sync to the DR site by its grade, with quota, versioning and expiry", () => {
    const lake = (site: string) =>
      resources(`jeju-province-${site}`, "openstack_objectstorage_container_v1").filter((c) =>
        String(c.name).startsWith("jeju-province-data-lake-"),
      );
    const home = lake("jeju-cdc");
    expect(home.map((c) => c.name)).toEqual([
      "jeju-province-data-lake-curated",
      "jeju-province-data-lake-raw",
    ]);
    const [curated, raw] = home;
    expect(raw).toMatchObject({
      container_sync_key: "${var.container_sync_key}",
      container_sync_to: expect.stringMatching(
        /^\/\/jeju\/mainland-drc\/AUTH_.+\/jeju-province-data-lake-raw$/,
      ),
      metadata: expect.objectContaining({
        "Quota-Bytes": String(2560 * 1024 ** 3),
        "Expire-After": String(365 * 86400),
        dr_mode: "pilot-light",
      }),
      lifecycle: { prevent_destroy: true },
    });
    expect(raw!.versioning).toBeUndefined();
    expect(curated).toMatchObject({ versioning: true });
    expect(curated!.metadata).not.toHaveProperty("Expire-After");
    const dr = lake("mainland-drc");
    expect(dr.map((c) => [c.name, c.container_sync_to])).toEqual([
      ["jeju-province-data-lake-curated", undefined],
      ["jeju-province-data-lake-raw", undefined],
    ]);
  });

  it("THEN the Swift account quota is the province's own, at both sites", () => {
    for (const site of ["jeju-cdc", "mainland-drc"]) {
      const [account] = resources(
        `tenancy-jeju-province-${site}`,
        "openstack_objectstorage_account_v1",
      );
      expect(account!.metadata).toEqual({ "Quota-Bytes": String(6144 * 1024 ** 3) });
    }
  });

  it("THEN the stacks pass the policy pack, TAMNA-GPU-001 included", () => {
    const stacks = plan.stacks.map((stack) => ({ info: stackInfo(stack), json: json(stack.name) }));
    const blocking = policyFindings(stacks, { plan, spec: input.region.spec })
      .filter(isBlocking)
      .map((f) => `${f.ruleId} ${f.stack} ${f.address ?? ""}: ${f.message}`);
    expect(blocking).toEqual([]);
  });

  it("THEN the DR report shows both systems, and the data lake's expiry as a manual step", () => {
    const report = buildDrReport(plan, { agencies: ["jeju-province"] });
    const systems = report.agencies[0]!.systems;
    expect(systems.map((s) => [s.system, s.mode])).toEqual(
      expect.arrayContaining([
        ["ai-analytics", "backup-only"],
        ["data-lake", "pilot-light"],
      ]),
    );
    const lake = systems.find((s) => s.system === "data-lake")!;
    expect(lake.manualSteps.find((s) => s.id === "object-expiry")?.action).toMatch(
      /jeju-province-data-lake-raw \(31536000 s\) send X-Delete-After/,
    );
    expect(report.manualSteps.find((s) => s.id === "object-expiry")?.systems).toEqual([
      "jeju-province/data-lake",
    ]);
  });

  describe("GIVEN the province without its GPU quota", () => {
    it("THEN loading the region fails at the GPU workload's flavor", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-ai-pool-noquota-"));
      try {
        fs.cpSync(EXAMPLE_REGION_DIR, dir, { recursive: true });
        const file = path.join(dir, "agencies", "jeju-province.yaml");
        const text = fs
          .readFileSync(
            path.join(__dirname, "..", "fixtures", "ai-pool", "jeju-province.yaml"),
            "utf8",
          )
          .replace(/^ {2}gpus: 2\n/m, "");
        fs.writeFileSync(file, text);
        expectProblem(
          problemsOf(() => loadRegionDir(dir)),
          {
            path: "systems[3].workloads[0].flavor",
            message: /uses GPU flavor "g1\.a100", but agency "jeju-province" has no GPU quota/,
          },
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
