/**
 * `tamna synth --changed-since REF`: in a git repository holding a copy of the example region,
 * only the stacks whose inputs changed are synthesized again, into the previous output.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  expectExit,
  expectIdenticalTrees,
  expectNoStackTrace,
  readTree,
  runTamna,
  stackDirs,
  stagingLeftovers,
  Workspaces,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "test",
      GIT_AUTHOR_EMAIL: "test@example.invalid",
      GIT_COMMITTER_NAME: "test",
      GIT_COMMITTER_EMAIL: "test@example.invalid",
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** A repository with the example region committed and its full output synthesized, made once. */
let template: string;
let repo: string;
let out: string;
let before: Map<string, Buffer | null>;

beforeAll(async () => {
  template = workspaces.withRegion("changed-template");
  fs.writeFileSync(path.join(template, ".gitignore"), "cdktf.out/\nfull/\n");
  fs.writeFileSync(path.join(template, "README.md"), "# the Jeju region\n");
  git(template, "init", "-q");
  git(template, "add", "-A");
  git(template, "commit", "-q", "-m", "the example region");
  expectExit(await runTamna(template, ["synth", "--region", "jeju", "-q"]), 0);
  before = readTree(path.join(template, "cdktf.out"));
});

/** Each test gets a copy of the template, so that they do not see each other's changes. */
beforeEach(() => {
  repo = workspaces.make("changed");
  fs.cpSync(template, repo, { recursive: true });
  out = path.join(repo, "cdktf.out");
});

/** The output a full synth of the region as it is now gives. */
async function fullSynth(): Promise<Map<string, Buffer | null>> {
  fs.rmSync(path.join(repo, "full"), { recursive: true, force: true });
  expectExit(await runTamna(repo, ["synth", "--region", "jeju", "-q", "--out", "full"]), 0);
  return readTree(path.join(repo, "full"));
}

/** Files of the output whose bytes differ from `before`, or that appeared or went. */
function changedFiles(after: Map<string, Buffer | null>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => {
      const [a, b] = [before.get(name), after.get(name)];
      return a === undefined || b === undefined || (a !== null && b !== null && !a.equals(b));
    })
    .sort();
}

function editAgency(agency: string, edit: (text: string) => string): void {
  const file = path.join(repo, "jeju", "agencies", `${agency}.yaml`);
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
}

const renameAgencyDisplay = (text: string) => text.replace(/^name: (.*)$/m, "name: $1 (개편)");

describe("tamna synth --changed-since", () => {
  describe("GIVEN one agency file edited and not committed", () => {
    it("THEN only that agency's 4 stacks are synthesized, and the output equals a full synth", async () => {
      editAgency("jeju-city", renameAgencyDisplay);
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/synthesizing 4 of 28 stacks/);
      expect(result.stderr).toMatch(
        /jeju\/agencies\/jeju-city\.yaml \(agency jeju-city\): tenancy-jeju-city-jeju-cdc, jeju-city-jeju-cdc, tenancy-jeju-city-mainland-drc, jeju-city-mainland-drc/,
      );
      expect(result.stderr).toMatch(/kept 24 unchanged, removed 0/);
      const after = readTree(out);
      expectIdenticalTrees(after, await fullSynth());
      // The display name is in the project description: the tenancy and agency stacks change.
      for (const file of changedFiles(after)) expect(file).toMatch(/jeju-city/);
      expect(changedFiles(after).length).toBeGreaterThan(0);
      expect(stagingLeftovers(out)).toEqual([]);
    });

    it("THEN the other stacks' files are kept, not rewritten", async () => {
      const file = path.join(out, "stacks", "jeju-fire-jeju-cdc", "cdk.tf.json");
      const inode = fs.statSync(file).ino;
      editAgency("jeju-city", renameAgencyDisplay);
      expectExit(
        await runTamna(repo, ["synth", "--region", "jeju", "-q", "--changed-since", "HEAD"]),
        0,
      );
      expect(fs.statSync(file).ino).toBe(inode);
    });
  });

  describe("GIVEN an agency file changed in a commit since the ref", () => {
    it("THEN committed changes count as well", async () => {
      editAgency("seogwipo-city", renameAgencyDisplay);
      git(repo, "commit", "-q", "-am", "rename");
      const result = await runTamna(repo, [
        "synth",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD~1",
      ]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/synthesizing 4 of 28 stacks/);
      expect(result.stderr).toMatch(/agency seogwipo-city/);
      expectIdenticalTrees(readTree(out), await fullSynth());
    });
  });

  describe("GIVEN a staged change", () => {
    it("THEN it counts", async () => {
      editAgency("jeju-tourism", renameAgencyDisplay);
      git(repo, "add", "-A");
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/synthesizing 2 of 28 stacks/);
    });
  });

  describe("GIVEN a new, untracked agency file", () => {
    it("THEN its stacks are added and nothing else is synthesized", async () => {
      const agencies = path.join(repo, "jeju", "agencies");
      const text = fs
        .readFileSync(path.join(agencies, "jeju-fire.yaml"), "utf8")
        .replace(/^slug: .*$/m, "slug: jeju-ocean")
        .replace(/index: \d+/, "index: 40");
      fs.writeFileSync(path.join(agencies, "jeju-ocean.yaml"), text);
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/synthesizing 4 of 32 stacks/);
      expect(stackDirs(out)).toContain("jeju-ocean-mainland-drc");
      expectIdenticalTrees(readTree(out), await fullSynth());
    });
  });

  describe("GIVEN a deleted agency file", () => {
    it("THEN its stacks leave the output and the manifest, and nothing is synthesized", async () => {
      fs.rmSync(path.join(repo, "jeju", "agencies", "jeju-fire.yaml"));
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/jeju-fire\.yaml \(agency file removed\)/);
      expect(result.stderr).toMatch(/removed: .*tenancy-jeju-fire-jeju-cdc/);
      expect(result.stderr).toMatch(/synthesizing 0 of 24 stacks/);
      expect(stackDirs(out).filter((name) => name.includes("jeju-fire"))).toEqual([]);
      expectIdenticalTrees(readTree(out), await fullSynth());
    });
  });

  describe("GIVEN a change to the region file", () => {
    it("THEN every stack is synthesized", async () => {
      const file = path.join(repo, "jeju", "region.yaml");
      fs.writeFileSync(
        file,
        fs.readFileSync(file, "utf8").replace(/^displayName: (.*)$/m, "displayName: $1 (2)"),
      );
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/region\.yaml \(the region file\): every stack/);
      expect(result.stderr).toMatch(/synthesizing 28 of 28 stacks/);
      expectIdenticalTrees(readTree(out), await fullSynth());
    });
  });

  describe("GIVEN only a change to documentation", () => {
    it("THEN nothing is synthesized and the output is left as it was", async () => {
      fs.appendFileSync(path.join(repo, "README.md"), "more\n");
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/none that affect a stack/);
      expect(result.stderr).toMatch(/no stack is affected; cdktf\.out is left as it was/);
      expectIdenticalTrees(readTree(out), before);
    });
  });

  describe("GIVEN no previous output", () => {
    it("THEN every stack is synthesized", async () => {
      fs.rmSync(out, { recursive: true });
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/no previous output in cdktf\.out; synthesizing every stack/);
      expectIdenticalTrees(readTree(out), before);
    });
  });

  describe("GIVEN a previous output that lacks stacks (a narrower synth)", () => {
    it("THEN the missing stacks are synthesized too", async () => {
      expectExit(
        await runTamna(repo, ["synth", "--region", "jeju", "-q", "--agency", "jeju-city"]),
        0,
      );
      const result = await runTamna(repo, ["synth", "--region", "jeju", "--changed-since", "HEAD"]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/not in the previous output: platform-jeju-cdc/);
      expect(result.stderr).toMatch(/synthesizing 24 of 28 stacks/);
      expectIdenticalTrees(readTree(out), before);
    });
  });

  describe("GIVEN a ref that names no commit", () => {
    it("THEN it exits 2, says so, and leaves the output as it was", async () => {
      editAgency("jeju-city", renameAgencyDisplay);
      const result = await runTamna(repo, [
        "synth",
        "--region",
        "jeju",
        "--changed-since",
        "no-such",
      ]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--changed-since no-such: no such commit/);
      expectNoStackTrace(result.stderr);
      expectIdenticalTrees(readTree(out), before);
    });
  });

  describe("GIVEN --agency as well", () => {
    it("THEN it is bad usage: exit 2", async () => {
      const result = await runTamna(repo, [
        "synth",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD",
        "--agency",
        "jeju-city",
      ]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/cannot be combined with --agency or --stack/);
    });
  });

  describe("GIVEN a region that is not in a git repository", () => {
    it("THEN it exits 2 and says why", async () => {
      const plain = workspaces.withRegion("changed-nogit");
      expectExit(await runTamna(plain, ["synth", "--region", "jeju", "-q"]), 0);
      const result = await runTamna(plain, [
        "synth",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD",
      ]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/needs the region directory to be in a git repository/);
      expectNoStackTrace(result.stderr);
    });
  });

  describe("GIVEN --jobs 2 and a change to two agencies", () => {
    it("THEN the output equals a full synth", async () => {
      editAgency("jeju-city", renameAgencyDisplay);
      editAgency("jeju-province", renameAgencyDisplay);
      const result = await runTamna(repo, [
        "synth",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD",
        "--jobs",
        "2",
      ]);
      expectExit(result, 0);
      expect(result.stderr).toMatch(/synthesizing 8 of 28 stacks in 2 worker threads/);
      expectIdenticalTrees(readTree(out), await fullSynth());
    });
  });
});
