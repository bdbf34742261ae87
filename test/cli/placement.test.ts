/**
 * Stable placement as a user meets it, through the real CLI: synth writes each agency's
 * placement lock, and with the lock committed, adding availability zones and scaling a workload
 * past the zone count replace and destroy nothing (`tamna diff` of the two outputs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  editYaml,
  type CliResult,
  expectExit,
  expectNoStackTrace,
  EXAMPLE_REGION,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";
import { replaceOnce, VALID_AGENCY } from "../lib/spec/helpers";

const spaces = new Workspaces();
afterAll(() => spaces.removeAll());

/** The example's region file with one test-owned agency whose `was` runs three instances. */
function regionWithOwnAgency(): string {
  const dir = spaces.make("placement");
  fs.mkdirSync(path.join(dir, "region", "agencies"), { recursive: true });
  fs.copyFileSync(
    path.join(EXAMPLE_REGION, "region.yaml"),
    path.join(dir, "region", "region.yaml"),
  );
  const agency = replaceOnce(
    VALID_AGENCY,
    "{ name: was, zone: app,",
    "{ name: was, zone: app, count: 3,",
  );
  fs.writeFileSync(path.join(dir, "region", "agencies", "test-agency.yaml"), agency);
  return dir;
}

const LOCK = path.join("region", "placement", "test-agency.lock.yaml");

interface DiffJson {
  summary: Record<string, number>;
  dangers: unknown[];
  stacks: { resources: { address: string; action: string }[] }[];
}

async function diffJson(cwd: string, base: string, head: string): Promise<DiffJson> {
  const result = await runTamna(cwd, ["diff", base, head, "--format", "json"]);
  expectExit(result, 0);
  return JSON.parse(result.stdout) as DiffJson;
}

const actionsOf = (diff: DiffJson, action: string) =>
  diff.stacks.flatMap((s) => s.resources.filter((r) => r.action === action).map((r) => r.address));

describe("placement locks through tamna synth", () => {
  let dir: string;
  let firstRun: CliResult;

  beforeAll(async () => {
    dir = regionWithOwnAgency();
    firstRun = await runTamna(dir, ["synth", "--region", "region", "--out", "base.out"]);
  });

  it("GIVEN no lock WHEN synthesized THEN the lock is written and the run says to commit it", () => {
    expectExit(firstRun, 0);
    expect(firstRun.stderr).toMatch(
      /placement locks written \(commit them.*test-agency\.lock\.yaml/,
    );
    const lock = parse(fs.readFileSync(path.join(dir, LOCK), "utf8"));
    expect(lock.agency).toBe("test-agency");
    expect(Object.keys(lock.sites["jeju-cdc"]["first/was"].instances)).toEqual(["01", "02", "03"]);
  });

  it("GIVEN the lock WHEN synthesized again THEN nothing is written and the output is the same", async () => {
    const before = fs.readFileSync(path.join(dir, LOCK));
    const again = await runTamna(dir, ["synth", "--region", "region", "--out", "again.out"]);
    expectExit(again, 0);
    expect(again.stderr).not.toMatch(/placement locks written/);
    expect(fs.readFileSync(path.join(dir, LOCK)).equals(before)).toBe(true);
    expect((await diffJson(dir, "base.out", "again.out")).summary).toMatchObject({
      create: 0,
      replace: 0,
      destroy: 0,
    });
  });

  describe("WHEN a zone is added to every site and was scales from 3 to 4, past the zone count", () => {
    let diff: DiffJson;
    let lock: {
      sites: Record<
        string,
        Record<string, { serverGroupPolicy: string; instances: Record<string, string> }>
      >;
    };

    beforeAll(async () => {
      editYaml(path.join(dir, "region", "region.yaml"), (doc) => {
        const sites = doc.get("sites") as { items: { key: { value: string } }[] };
        for (const site of sites.items) {
          doc.addIn(["sites", site.key.value, "availabilityZones"], {
            name: `${site.key.value}-az9`,
            description: "a new fire compartment",
          });
        }
      });
      const file = path.join(dir, "region", "agencies", "test-agency.yaml");
      fs.writeFileSync(file, replaceOnce(fs.readFileSync(file, "utf8"), "count: 3", "count: 4"));
      const run = await runTamna(dir, ["synth", "--region", "region", "--out", "head.out"]);
      expectExit(run, 0);
      diff = await diffJson(dir, "base.out", "head.out");
      lock = parse(fs.readFileSync(path.join(dir, LOCK), "utf8"));
    });

    it("THEN nothing is replaced or destroyed and there is no danger", () => {
      expect(actionsOf(diff, "replace")).toEqual([]);
      expect(actionsOf(diff, "destroy")).toEqual([]);
      expect(diff.dangers).toEqual([]);
    });

    it("THEN the fourth instance is created, in the new zone, and the server group stays strict", () => {
      expect(actionsOf(diff, "create")).toContainEqual(
        expect.stringMatching(/^openstack_compute_instance_v2\..*first_was_Instance-04/),
      );
      const was = lock.sites["jeju-cdc"]!["first/was"]!;
      expect(was.instances["04"]).toBe("jeju-cdc-az9");
      expect(was.serverGroupPolicy).toBe("anti-affinity");
    });
  });

  it("GIVEN --locked and a region without its lock WHEN synthesized THEN exit 2, nothing written", async () => {
    const fresh = regionWithOwnAgency();
    const run = await runTamna(fresh, [
      "synth",
      "--region",
      "region",
      "--out",
      "x.out",
      "--locked",
    ]);
    expectExit(run, 2);
    expectNoStackTrace(run.stderr);
    expect(run.stderr).toMatch(/test-agency\.lock\.yaml: placement lock is missing or out of date/);
    expect(fs.existsSync(path.join(fresh, LOCK))).toBe(false);
    expect(fs.existsSync(path.join(fresh, "x.out"))).toBe(false);
  });

  it("GIVEN a lock that is not a lock WHEN synthesized THEN exit 2 names the file and field", async () => {
    const broken = regionWithOwnAgency();
    fs.mkdirSync(path.join(broken, "region", "placement"));
    fs.writeFileSync(
      path.join(broken, LOCK),
      "version: 1\nagency: test-agency\nsites:\n  jeju-cdc:\n    first/was:\n      serverGroupPolicy: sometimes\n      instances: {}\n",
    );
    const run = await runTamna(broken, ["synth", "--region", "region", "--out", "x.out"]);
    expectExit(run, 2);
    expectNoStackTrace(run.stderr);
    expect(run.stderr).toMatch(
      /placement\/test-agency\.lock\.yaml:6:\d+ sites\.jeju-cdc\.first\/was\.serverGroupPolicy/,
    );
    expect(fs.existsSync(path.join(broken, "x.out"))).toBe(false);
  });
});
