/**
 * `tamna failover` on a temp copy of the example region: the agency file edit (byte for byte
 * outside the one line), what a failover of jeju-province does to the synthesized stacks, the
 * failback that restores them byte for byte, and the refusals that write nothing.
 *
 * The CLI runs in process through main() (the synthesis is compared in process too); one case
 * runs bin/tamna.js as a real process, which needs a build (`npm test` builds first).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRegion } from "../../lib/plan/region-plan";
import { editActiveSite } from "../../lib/spec/failover-edit";
import { loadRegionDir } from "../../lib/spec/load";
import { buildApp } from "../../stacks/app";
import {
  EXAMPLE_REGION,
  expectExit,
  expectNoStackTrace,
  makeProjectRoot,
  readTree,
  REPO_ROOT,
  runTamna,
  tamnaCommands,
  type CliResult,
  Workspaces,
} from "../helpers/tamna-cli";
import { tamnaInProcess as tamna, type InProcessRun as Run } from "../helpers/tamna-in-process";

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface StackJson {
  readonly resource?: Resources;
  readonly output?: Record<string, { value: unknown }>;
}

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

/** Synthesizes the region in `regionDir` into a fresh directory; returns stack JSON by name. */
function synthesize(regionDir: string): { dir: string; stacks: Map<string, string> } {
  const dir = workspaces.make("synth");
  buildApp(planRegion(loadRegionDir(regionDir)), { outdir: dir }).synth();
  const stacks = new Map<string, string>();
  for (const name of fs.readdirSync(path.join(dir, "stacks")).sort()) {
    stacks.set(name, fs.readFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), "utf8"));
  }
  return { dir, stacks };
}

/** Every resource of a stack by Terraform address `type.name`. */
function resources(json: string): Map<string, { type: string; body: Record<string, unknown> }> {
  const all = new Map<string, { type: string; body: Record<string, unknown> }>();
  const parsed = JSON.parse(json) as StackJson;
  for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) all.set(`${type}.${name}`, { type, body });
  }
  return all;
}

function ofType(json: string, type: string): Record<string, unknown>[] {
  return [...resources(json).values()].filter((r) => r.type === type).map((r) => r.body);
}

const FORCE_NEW = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, "vendor", "openstack", "force-new.json"), "utf8"),
) as Record<string, string[]>;

/** The value at a dotted attribute path; blocks (lists of objects) map over their elements. */
function valueAt(value: unknown, attribute: string): unknown {
  return attribute.split(".").reduce<unknown>((current, key) => {
    if (Array.isArray(current))
      return current.map((item) => (item as Record<string, unknown>)?.[key]);
    return (current as Record<string, unknown> | undefined)?.[key];
  }, value);
}

/**
 * What applying `after` over `before` destroys: addresses that disappear, and addresses whose
 * force-new attributes change, directly or by referring to a replaced resource.
 */
function destroyedOrReplaced(before: string, after: string) {
  const old = resources(before);
  const next = resources(after);
  const destroyed = [...old.keys()].filter((address) => !next.has(address));
  const replaced = new Set<string>();
  for (const [address, { type, body }] of old) {
    const other = next.get(address);
    if (!other) continue;
    for (const attribute of FORCE_NEW[type] ?? []) {
      if (!isDeepStrictEqual(valueAt(body, attribute), valueAt(other.body, attribute))) {
        replaced.add(address);
      }
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [address, { type, body }] of next) {
      if (replaced.has(address) || !old.has(address)) continue;
      const text = JSON.stringify((FORCE_NEW[type] ?? []).map((a) => valueAt(body, a)));
      if ([...replaced].some((r) => text.includes(`\${${r}.`))) {
        replaced.add(address);
        grew = true;
      }
    }
  }
  return { destroyed, replaced: [...replaced] };
}

const instanceNames = (json: string) =>
  ofType(json, "openstack_compute_instance_v2")
    .map((i) => String(i.name))
    .sort();
const recordNames = (json: string) =>
  ofType(json, "openstack_dns_recordset_v2")
    .map((r) => String(r.name))
    .sort();
const loadBalancerNames = (json: string) =>
  ofType(json, "openstack_lb_loadbalancer_v2")
    .map((r) => String(r.name))
    .sort();

describe("tamna failover", () => {
  describe("GIVEN a copy of the example region WHEN jeju-province fails over to mainland-drc and back", () => {
    let ws: string;
    let region: string;
    let file: string;
    let original: string;
    let before: Map<string, string>;
    let beforeDir: string;
    let over: Run;
    let edited: string;
    let after: Map<string, string>;
    let back: Run;

    beforeAll(async () => {
      ws = workspaces.withRegion("failover");
      region = path.join(ws, "jeju");
      file = path.join(region, "agencies", "jeju-province.yaml");
      original = fs.readFileSync(file, "utf8");
      ({ stacks: before, dir: beforeDir } = synthesize(region));
      over = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-province",
        "--to",
        "mainland-drc",
      );
      edited = fs.readFileSync(file, "utf8");
      after = synthesize(region).stacks;
      back = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-province",
        "--to",
        "jeju-cdc",
      );
    });

    it("THEN the failover exits 0 and says what moved and what comes next", () => {
      expect(over.code, over.stderr).toBe(0);
      expect(over.stdout).toMatch(/jeju-province\.yaml:27: activeSite: mainland-drc \(added\)/);
      expect(over.stdout).toMatch(/moves \(3\):/);
      expect(over.stdout).toMatch(
        /saeol \(warm-standby\) jeju-cdc -> mainland-drc: DNS records move .*; the standby scales up to the full size/,
      );
      expect(over.stdout).toMatch(
        /hr-payroll \(pilot-light\) .*its instances and load balancers are created/,
      );
      expect(over.stdout).toMatch(/1\. tamna synth --region .* --agency jeju-province/);
      expect(over.stdout).toMatch(/2\. tamna diff /);
      expect(over.stdout).toMatch(/saeol, cinder-failover: promote the mirrored images/);
      expect(over.stdout).toMatch(/saeol, container-sync-key: export TF_VAR_container_sync_key/);
    });

    it("THEN the agency file gains one line, activeSite at the agency level, and every other byte stays", () => {
      const lines = edited.split("\n");
      expect(lines[26]).toBe("activeSite: mainland-drc");
      expect([...lines.slice(0, 26), ...lines.slice(27)].join("\n")).toBe(original);
      expect(edited).toMatch(/^# yaml-language-server: \$schema=\S+\/agency\.schema\.json\n/);
      expect(fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith("."))).toEqual([]);
    });

    it("THEN only the two jeju-province agency stacks change; the tenancy stacks do not", () => {
      const changed = [...before.keys()].filter((name) => before.get(name) !== after.get(name));
      expect(changed).toEqual(["jeju-province-jeju-cdc", "jeju-province-mainland-drc"]);
      expect([...after.keys()]).toEqual([...before.keys()]);
    });

    it("THEN the DNS record sets move from the jeju-cdc stack to the mainland-drc stack", () => {
      const names = recordNames(before.get("jeju-province-jeju-cdc")!);
      expect(names).toHaveLength(4);
      expect(recordNames(before.get("jeju-province-mainland-drc")!)).toEqual([]);
      expect(recordNames(after.get("jeju-province-jeju-cdc")!)).toEqual([]);
      expect(recordNames(after.get("jeju-province-mainland-drc")!)).toEqual(names);
    });

    it("THEN the standby at mainland-drc scales up: warm standbys to full size, pilot light gets instances and a load balancer", () => {
      const drBefore = before.get("jeju-province-mainland-drc")!;
      const drAfter = after.get("jeju-province-mainland-drc")!;
      const prefix = (names: string[], system: string) =>
        names.filter((n) => n.startsWith(`jeju-province-${system}-`));
      expect(prefix(instanceNames(drBefore), "saeol")).toHaveLength(3);
      expect(prefix(instanceNames(drAfter), "saeol")).toHaveLength(6);
      expect(prefix(instanceNames(drBefore), "civil-portal")).toHaveLength(2);
      expect(prefix(instanceNames(drAfter), "civil-portal")).toHaveLength(4);
      expect(prefix(instanceNames(drBefore), "hr-payroll")).toEqual([]);
      expect(prefix(instanceNames(drAfter), "hr-payroll")).toEqual([
        "jeju-province-hr-payroll-db-01",
        "jeju-province-hr-payroll-was-01",
        "jeju-province-hr-payroll-was-02",
      ]);
      expect(loadBalancerNames(drAfter)).toEqual(
        [...loadBalancerNames(drBefore), "jeju-province-hr-payroll-was"].sort(),
      );
      // At full size the DR site runs what the home site runs.
      expect(instanceNames(drAfter)).toHaveLength(
        instanceNames(before.get("jeju-province-jeju-cdc")!).length,
      );
    });

    it("THEN nothing at mainland-drc is destroyed or replaced", () => {
      const drBefore = before.get("jeju-province-mainland-drc")!;
      const drAfter = after.get("jeju-province-mainland-drc")!;
      expect(destroyedOrReplaced(drBefore, drAfter)).toEqual({ destroyed: [], replaced: [] });
      expect(resources(drAfter).size).toBeGreaterThan(resources(drBefore).size);
    });

    it("THEN at jeju-cdc the instances, their metadata and volumes are unchanged; only the record sets go", () => {
      const home = before.get("jeju-province-jeju-cdc")!;
      const homeAfter = after.get("jeju-province-jeju-cdc")!;
      for (const type of ["openstack_compute_instance_v2", "openstack_blockstorage_volume_v3"]) {
        expect(ofType(homeAfter, type), type).toEqual(ofType(home, type));
      }
      const { destroyed, replaced } = destroyedOrReplaced(home, homeAfter);
      expect(replaced).toEqual([]);
      expect(destroyed.every((address) => address.startsWith("openstack_dns_recordset_v2."))).toBe(
        true,
      );
      expect(destroyed).toHaveLength(4);
    });

    it("THEN the stacks record the new active site for reviewers' tools", () => {
      const output = (json: string) =>
        (JSON.parse(json) as StackJson).output?.tamna_systems?.value as Record<
          string,
          { activeSite: string }
        >;
      expect(output(after.get("jeju-province-mainland-drc")!).saeol!.activeSite).toBe(
        "mainland-drc",
      );
      expect(output(before.get("jeju-province-mainland-drc")!).saeol!.activeSite).toBe("jeju-cdc");
    });

    it("THEN failing back removes the line and the synthesized output is byte-identical to before", () => {
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toMatch(/removed activeSite \(the default applies again\)/);
      expect(back.stdout).toMatch(/saeol \(warm-standby\) mainland-drc -> jeju-cdc/);
      expect(back.stdout).toMatch(
        /saeol, failback-resync: before the failback to jeju-cdc is applied/,
      );
      expect(fs.readFileSync(file, "utf8")).toBe(original);
      const { dir } = synthesize(region);
      const again = readTree(dir);
      const first = readTree(beforeDir);
      expect([...again.keys()]).toEqual([...first.keys()]);
      for (const [name, bytes] of first) {
        if (bytes) expect(again.get(name)?.equals(bytes), name).toBe(true);
      }
    });
  });

  describe("GIVEN jeju-city, whose parking system is backup-only", () => {
    let region: string;
    beforeAll(() => {
      region = path.join(workspaces.withRegion("failover-city"), "jeju");
    });

    it("WHEN the agency fails over THEN local-tax moves and parking stays, listed with the reason", async () => {
      const run = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-city",
        "--to",
        "mainland-drc",
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        /moves \(1\):\n {2}local-tax \(warm-standby\) jeju-cdc -> mainland-drc/,
      );
      expect(run.stdout).toMatch(
        /stays \(1\):\n {2}parking \(backup-only\) at jeju-cdc: backup-only: no live copy at mainland-drc; restore it from backups/,
      );
    });

    it("WHEN parking alone is failed over THEN it exits 2 with a located message and hint, and writes nothing", async () => {
      const file = path.join(region, "agencies", "jeju-city.yaml");
      const text = fs.readFileSync(file, "utf8");
      const run = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-city",
        "--system",
        "parking",
        "--to",
        "mainland-drc",
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/nothing was written/);
      expect(run.stderr).toMatch(
        /jeju-city\.yaml:\d+:\d+ systems\[1\]: system "parking" has no live copy at mainland-drc: with backup-only it runs only at jeju-cdc/,
      );
      expect(run.stderr).toMatch(/Fix: restore it from the backups kept at mainland-drc/);
      expect(fs.readFileSync(file, "utf8")).toBe(text);
    });
  });

  describe("GIVEN requests that cannot be carried out", () => {
    let region: string;
    let snapshot: Map<string, Buffer | null>;
    beforeAll(() => {
      region = path.join(workspaces.withRegion("failover-refused"), "jeju");
      snapshot = readTree(region);
    });

    const refusals: readonly [string, string[], RegExp][] = [
      [
        "a system to the site it already runs at",
        ["--agency", "jeju-province", "--system", "saeol", "--to", "jeju-cdc"],
        /system "saeol" is already served from jeju-cdc.*Fix: to fail it over, use --to mainland-drc/,
      ],
      [
        "an agency to the site every system already runs at",
        ["--agency", "jeju-province", "--to", "jeju-cdc"],
        /nothing to switch: no system of jeju-province can move to jeju-cdc/,
      ],
      [
        "an agency to a site where it has no tenant",
        ["--agency", "jeju-tourism", "--to", "mainland-drc"],
        /--to mainland-drc: agency jeju-tourism has no tenant at that site; received mainland-drc; allowed: jeju-cdc/,
      ],
      [
        "a system without DR",
        ["--agency", "jeju-tourism", "--system", "visit-jeju", "--to", "jeju-cdc"],
        /system "visit-jeju" is already served from jeju-cdc/,
      ],
      [
        "an unknown agency",
        ["--agency", "jeju-provnce", "--to", "mainland-drc"],
        /--agency jeju-provnce: no such agency in the region.*did you mean "jeju-province"\?/,
      ],
      [
        "an unknown system",
        ["--agency", "jeju-province", "--system", "seaol", "--to", "mainland-drc"],
        /--system seaol: agency jeju-province has no such system.*did you mean "saeol"\?/,
      ],
    ];
    for (const [what, args, message] of refusals) {
      it(`WHEN asked to switch ${what} THEN it exits 2 with the problem and writes nothing`, async () => {
        const run = await tamna("failover", "--region", region, ...args);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(message);
        expect(readTree(region)).toEqual(snapshot);
      });
    }

    it("WHEN --to is missing THEN it is bad usage (exit 2)", async () => {
      const run = await tamna("failover", "--region", region, "--agency", "jeju-province");
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/required option '--to <site>' not specified/);
    });

    it("WHEN run as a real process on a refused switch THEN it exits 2 without a stack trace", async () => {
      const result = await runTamna(path.dirname(region), [
        "failover",
        "--region",
        "jeju",
        "--agency",
        "jeju-city",
        "--system",
        "parking",
        "--to",
        "mainland-drc",
      ]);
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stderr).toMatch(/has no live copy at mainland-drc/);
      expect(readTree(region)).toEqual(snapshot);
    });
  });

  describe("GIVEN one system switched on its own", () => {
    it("WHEN hr-payroll fails over and back THEN its own activeSite is added before its workloads, then removed", async () => {
      const region = path.join(workspaces.withRegion("failover-system"), "jeju");
      const file = path.join(region, "agencies", "jeju-province.yaml");
      const original = fs.readFileSync(file, "utf8");
      const over = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-province",
        "--system",
        "hr-payroll",
        "--to",
        "mainland-drc",
      );
      expect(over.code, over.stderr).toBe(0);
      expect(over.stdout).toMatch(/systems\[2\]\.activeSite: mainland-drc \(added\)/);
      expect(over.stdout).toMatch(/moves \(1\):\n {2}hr-payroll/);
      const text = fs.readFileSync(file, "utf8");
      expect(text).toMatch(
        / {4}rpo: 1h\n {4}activeSite: mainland-drc\n {4}workloads:\n {6}- name: was\n/,
      );
      const back = await tamna(
        "failover",
        "--region",
        region,
        "--agency",
        "jeju-province",
        "--system",
        "hr-payroll",
        "--to",
        "jeju-cdc",
      );
      expect(back.code, back.stderr).toBe(0);
      expect(fs.readFileSync(file, "utf8")).toBe(original);
    });
  });
});

describe("tamna failover's next steps, run as printed from a project root", () => {
  let root: string;
  let over: CliResult;
  let steps: string[][];
  let runs: CliResult[];
  beforeAll(async () => {
    root = workspaces.make("failover-steps");
    makeProjectRoot(root);
    // No --region: the region comes from tamna.json, as a user runs it from a clone's root.
    over = await runTamna(root, ["failover", "--agency", "jeju-province", "--to", "mainland-drc"]);
    steps = tamnaCommands(over.stdout);
    runs = [];
    for (const step of steps) runs.push(await runTamna(root, step));
  });

  it("THEN the failover exits 0 and prints two commands: a selective synth, then a diff against HEAD", () => {
    expectExit(over, 0);
    expect(steps).toEqual([
      ["synth", "--agency", "jeju-province"],
      ["diff", "--base", "HEAD", "cdktf.out"],
    ]);
  });

  it("THEN each printed command exits 0", () => {
    for (const run of runs) expectExit(run, 0);
  });

  it("THEN the diff shows only jeju-province's agency stacks changed, and destroys no stack", () => {
    const diff = runs[1]!.stdout;
    const headings = [...diff.matchAll(/^== (\S+) \((\w+)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual([
      "jeju-province-jeju-cdc changed",
      "jeju-province-mainland-drc changed",
    ]);
    expect(diff).not.toMatch(/\(removed\)/);
    expect(diff).toMatch(/^2 stacks differ \(2 changed\): /m);
  });

  it("THEN the stacks the synth did not select are named as not compared", () => {
    const diff = runs[1]!.stdout;
    expect(diff).toMatch(/^Not compared: \d+ stacks that the head output's synth did not select/m);
    expect(diff).toMatch(/^ {2}platform-jeju-cdc$/m);
    expect(diff).toMatch(/^ {2}jeju-city-jeju-cdc$/m);
    expect(diff).not.toMatch(/^ {2}jeju-province-jeju-cdc$/m);
  });
});

describe("editActiveSite", () => {
  const province = fs.readFileSync(
    path.join(EXAMPLE_REGION, "agencies", "jeju-province.yaml"),
    "utf8",
  );
  const medical = fs.readFileSync(
    path.join(EXAMPLE_REGION, "agencies", "jeju-medical-center.yaml"),
    "utf8",
  );

  it("GIVEN a system with containers THEN the key goes above its containers, at the system's indentation", () => {
    const { text, change, line } = editActiveSite("m.yaml", medical, {
      system: "pacs",
      site: "mainland-drc",
    });
    expect(change).toBe("added");
    const lines = text.split("\n");
    expect(lines[line! - 1]).toBe("    activeSite: mainland-drc");
    expect(lines[line!]).toBe("    containers:");
    expect([...lines.slice(0, line! - 1), ...lines.slice(line!)].join("\n")).toBe(medical);
  });

  it("GIVEN the key exists THEN only its value changes, keeping a comment on its line", () => {
    const withComment = province.replace(
      "systems:\n",
      "activeSite: jeju-cdc # switched by hand\nsystems:\n",
    );
    const { text, change } = editActiveSite("p.yaml", withComment, { site: "mainland-drc" });
    expect(change).toBe("changed");
    expect(text).toBe(withComment.replace("activeSite: jeju-cdc #", "activeSite: mainland-drc #"));
  });

  it("GIVEN a comment introducing the anchor key THEN the new key goes above the comment", () => {
    const commented = province.replace("systems:\n", "# The systems of the province.\nsystems:\n");
    const { text } = editActiveSite("p.yaml", commented, { site: "mainland-drc" });
    expect(text).toContain("activeSite: mainland-drc\n# The systems of the province.\nsystems:\n");
  });

  it("GIVEN the value asked for is already there THEN nothing changes", () => {
    const once = editActiveSite("p.yaml", province, { site: "mainland-drc" }).text;
    expect(editActiveSite("p.yaml", once, { site: "mainland-drc" })).toMatchObject({
      text: once,
      change: "unchanged",
    });
    expect(editActiveSite("p.yaml", province, { site: undefined }).change).toBe("unchanged");
  });

  it("GIVEN a system written in flow style THEN it refuses rather than reformat, saying to edit by hand", () => {
    const flow = "slug: a\nsystems:\n  - { name: s, grade: 4 }\n";
    expect(() => editActiveSite("a.yaml", flow, { system: "s", site: "x" })).toThrow(
      /a\.yaml:3 systems\[0\]: cannot set activeSite without reformatting the file: the mapping is written in flow style.*edit activeSite by hand/,
    );
  });

  it("GIVEN a file with CRLF line endings and no final newline THEN the new line keeps them", () => {
    const crlf = "slug: a\r\nname: a";
    expect(editActiveSite("a.yaml", crlf, { site: "x" }).text).toBe(
      "slug: a\r\nname: a\r\nactiveSite: x\r\n",
    );
  });

  it("GIVEN text that is not YAML THEN the error names the file and line", () => {
    expect(() => editActiveSite("bad.yaml", "slug: [a\n", { site: "x" })).toThrow(
      /bad\.yaml:\d+:\d+: invalid YAML/,
    );
  });

  it("GIVEN an unknown system THEN the error names it", () => {
    expect(() => editActiveSite("p.yaml", province, { system: "nope", site: "x" })).toThrow(
      /p\.yaml systems: no system named "nope"/,
    );
  });
});
