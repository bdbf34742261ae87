/**
 * Helpers for end-to-end tests of the tamna CLI: run bin/tamna.js as a real process in a temp
 * workspace that holds a copy of the example region, and read what it wrote.
 *
 * The CLI runs from dist/: `npm test` builds first; when running vitest alone, run
 * `npm run -s build` before.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "vitest";
import { parseDocument } from "yaml";

/** How long one CLI process may run in a test: generous, for loaded 2-core CI machines. */
export const CLI_TIMEOUT_MS = 240_000;

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const TAMNA_BIN = path.join(REPO_ROOT, "bin", "tamna.js");
export const EXAMPLE_REGION = path.join(REPO_ROOT, "test", "fixtures", "jeju");

/** The example region: its sites, and each agency's sites (jeju-tourism has no DR tenant). */
export const EXAMPLE_SITES = ["jeju-cdc", "mainland-drc"] as const;
export const EXAMPLE_AGENCIES: Readonly<Record<string, readonly string[]>> = {
  "jeju-city": EXAMPLE_SITES,
  "jeju-fire": EXAMPLE_SITES,
  "jeju-medical-center": EXAMPLE_SITES,
  "jeju-province": EXAMPLE_SITES,
  "jeju-tourism": ["jeju-cdc"],
  "seogwipo-city": EXAMPLE_SITES,
};

/** The example's PaaS-TA foundation (region.yaml platforms.paasta) and its sites. */
export const EXAMPLE_FOUNDATION = { name: "paasta", sites: EXAMPLE_SITES } as const;

/** Every stack name the example region must produce, sorted. */
export function exampleStackNames(): string[] {
  const names = EXAMPLE_SITES.map((site) => `platform-${site}`);
  for (const site of EXAMPLE_FOUNDATION.sites) {
    names.push(`tenancy-${EXAMPLE_FOUNDATION.name}-${site}`, `${EXAMPLE_FOUNDATION.name}-${site}`);
  }
  for (const [agency, sites] of Object.entries(EXAMPLE_AGENCIES)) {
    for (const site of sites) names.push(`tenancy-${agency}-${site}`, `${agency}-${site}`);
  }
  return names.sort();
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node bin/tamna.js ...args` in `cwd`, as a user would, and waits for it; a run that
 * outlives `timeoutMs` is killed and fails the test. Asynchronous on purpose: a test worker
 * blocked in a synchronous spawn for long on a loaded machine misses vitest's own RPC deadline
 * ("Timeout calling onTaskUpdate") and fails the run although every test passed.
 */
export function runTamna(
  cwd: string,
  args: readonly string[],
  timeoutMs = CLI_TIMEOUT_MS,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  const env = { ...process.env, ...extraEnv };
  // The default --out comes from CDKTF_OUTDIR when set; tests want the documented default.
  delete env.CDKTF_OUTDIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TAMNA_BIN, ...args], { cwd, env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tamna ${args.join(" ")} ran past ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

/** Asserts the exit code, showing the output of the run when it is wrong. */
export function expectExit(result: CliResult, code: number): void {
  expect(result.status, `exit code; stderr:\n${result.stderr}\nstdout:\n${result.stdout}`).toBe(
    code,
  );
}

/** Asserts that stderr is a user-facing message, not a crash. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\b\w*Error:/);
  expect(stderr).not.toMatch(/internal error/i);
}

/** Temp directories made by a test file, removed together in afterAll. */
export class Workspaces {
  private readonly dirs: string[] = [];

  /** A fresh empty directory. */
  make(label = "ws"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tamna-cli-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** A fresh directory holding a copy of the example region as `<dir>/<name>`. */
  withRegion(label = "ws", name = "jeju"): string {
    const dir = this.make(label);
    copyExampleRegion(path.join(dir, name));
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function copyExampleRegion(target: string): void {
  fs.cpSync(EXAMPLE_REGION, target, { recursive: true });
}

/**
 * Makes `root` look like a fresh clone's root to the CLI: the repository's tamna.json, the test
 * fixture region where tamna.json says the region is (in place of the example), all committed
 * in a new git repository so that `--base HEAD` works. Returns the region's path in `root`.
 */
export function makeProjectRoot(root: string): string {
  fs.copyFileSync(path.join(REPO_ROOT, "tamna.json"), path.join(root, "tamna.json"));
  const { region } = JSON.parse(fs.readFileSync(path.join(root, "tamna.json"), "utf8")) as {
    region: string;
  };
  const regionDir = path.join(root, region);
  copyExampleRegion(regionDir);
  fs.writeFileSync(path.join(root, ".gitignore"), "cdktf.out/\n");
  const git = (...args: string[]) => {
    const result = spawnSync("git", args, {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "tamna test",
        GIT_AUTHOR_EMAIL: "test@example.invalid",
        GIT_COMMITTER_NAME: "tamna test",
        GIT_COMMITTER_EMAIL: "test@example.invalid",
      },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  git("init", "--quiet");
  git("add", "--all");
  git("commit", "--quiet", "--no-gpg-sign", "-m", "fixture region");
  return regionDir;
}

/**
 * The `tamna ...` commands in `text`, one per line as printed or documented (a list number such
 * as `1. ` before it and a `# comment` after it are dropped), as argument lists without `tamna`.
 * A line such as `tamna failover: ...` is a message, not a command.
 */
export function tamnaCommands(text: string): string[][] {
  return text
    .split("\n")
    .map((line) => /^\s*(?:\d+\.\s+)?(?:\$\s+)?tamna\s+(?!\S*:)([^#]*)/.exec(line)?.[1]?.trim())
    .filter((command): command is string => command !== undefined && command !== "")
    .map((command) => command.split(/\s+/));
}

/**
 * Every file and directory under `root`, by relative POSIX path; directories map to null.
 * Sorted, so two trees compare with toEqual on the keys.
 */
export function readTree(root: string): Map<string, Buffer | null> {
  const tree = new Map<string, Buffer | null>();
  const walk = (dir: string, prefix: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        tree.set(`${relative}/`, null);
        walk(full, relative);
      } else {
        tree.set(relative, fs.readFileSync(full));
      }
    }
  };
  walk(root, "");
  return tree;
}

/** Asserts two trees have the same entries and byte-identical files. */
export function expectIdenticalTrees(
  actual: Map<string, Buffer | null>,
  expected: Map<string, Buffer | null>,
): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, bytes] of expected) {
    if (bytes === null) continue;
    const other = actual.get(name);
    expect(other instanceof Buffer && other.equals(bytes), `${name} differs`).toBe(true);
  }
}

/** The stack directories under `<out>/stacks`, sorted. */
export function stackDirs(out: string): string[] {
  return fs
    .readdirSync(path.join(out, "stacks"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The synthesized Terraform JSON of one stack. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readStack(out: string, stack: string): any {
  return JSON.parse(fs.readFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), "utf8"));
}

/** Entries beside `dir` that look like staging directories of a replaced `dir`. */
export function stagingLeftovers(dir: string): string[] {
  const prefix = `.${path.basename(dir)}.`;
  return fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith(prefix));
}

/** Rewrites a YAML file through the yaml document API, keeping the rest of it. */
export function editYaml(file: string, edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(fs.readFileSync(file, "utf8"));
  edit(doc);
  fs.writeFileSync(file, doc.toString());
}

/** 1-based number of the first line of `text` matching `pattern`. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.split("\n").findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
