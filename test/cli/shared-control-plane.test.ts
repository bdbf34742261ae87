/**
 * The CLI on a copy of examples/shared-control-plane (one cloud, two regions, shared Designate),
 * as a user runs it: synth, failover, diff, graph, list and matrix. Needs a build (`npm test`
 * builds first).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectExit, REPO_ROOT, runTamna, Workspaces } from "../helpers/tamna-cli";

const EXAMPLE = path.join(REPO_ROOT, "examples", "shared-control-plane");
const RECORD = "openstack_dns_recordset_v2.Systems_Dns_Record-saeol";

describe("tamna on a region whose sites share a control plane", () => {
  const workspaces = new Workspaces();
  afterAll(() => workspaces.removeAll());

  it("GIVEN a failover of a system WHEN diffed THEN its record leaves the primary's stack for the DR site's, and nothing else moves", async () => {
    const dir = workspaces.make("shared");
    fs.cpSync(EXAMPLE, path.join(dir, "r"), { recursive: true });
    expectExit(await runTamna(dir, ["synth", "--region", "r", "--out", "base"]), 0);
    expectExit(
      await runTamna(dir, [
        "failover",
        "--region",
        "r",
        "--agency",
        "seogwipo-city",
        "--system",
        "saeol",
        "--to",
        "mainland-drc",
      ]),
      0,
    );
    expectExit(await runTamna(dir, ["synth", "--region", "r", "--out", "head"]), 0);
    const diff = await runTamna(dir, ["diff", "base", "head"]);
    expectExit(diff, 0);
    const sections = diff.stdout.split(/^== /m);
    const cdc = sections.find((s) => s.startsWith("seogwipo-city-jeju-cdc "))!;
    const drc = sections.find((s) => s.startsWith("seogwipo-city-mainland-drc "))!;
    expect(cdc).toMatch(new RegExp(`^\\s+-\\s+${RECORD}`, "m"));
    expect(drc).toMatch(new RegExp(`^\\s+\\+\\s+${RECORD}`, "m"));
    expect(diff.stdout).not.toMatch(/openstack_dns_zone_v2/);
    expect(diff.stdout).toMatch(/^2 stacks differ/m);

    const graph = await runTamna(dir, ["graph", "--region", "r", "--agency", "seogwipo-city"]);
    expectExit(graph, 0);
    expect(graph.stdout).toMatch(/mainland-drc/);
  });

  it("GIVEN the shared layout WHEN listed and put in a matrix THEN the DR site's tenancy and agency stacks come after the primary's", async () => {
    const list = await runTamna(REPO_ROOT, ["list", "--region", EXAMPLE, "--json"]);
    expectExit(list, 0);
    const matrix = await runTamna(REPO_ROOT, ["matrix", "--region", EXAMPLE]);
    expectExit(matrix, 0);
    const jobs = (
      JSON.parse(matrix.stdout) as {
        include: { job: string; order: number; names: string; dependsOn: string[] }[];
      }
    ).include;
    const jobOf = (stack: string) => jobs.find((job) => job.names.split(" ").includes(stack))!;
    for (const agency of ["jeju-fire", "seogwipo-city"]) {
      const primary = jobOf(`tenancy-${agency}-jeju-cdc`);
      const dr = jobOf(`tenancy-${agency}-mainland-drc`);
      expect(dr.order).toBeGreaterThan(primary.order);
      expect(dr.dependsOn).toContain(primary.job);
      expect(jobOf(`${agency}-mainland-drc`).dependsOn).toContain(jobOf(`${agency}-jeju-cdc`).job);
    }
  });
});
