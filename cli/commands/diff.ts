import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  diffOutputs,
  formatJson,
  formatMarkdown,
  formatText,
  hasChanges,
  loadSynthOutput,
  wantsColor,
  type DiffReport,
  type SynthOutput,
  withCost,
} from "../../lib/diff";
import { packageRoot } from "../../lib/diff/provider-facts";
import { describeReport } from "../../lib/diff/summary";
import { formatProblems, TamnaError } from "../../lib/errors";
import { REGION_FILE } from "../../lib/spec/load";
import { Progress } from "../progress";
import { resolveRegionDir } from "../region-context";
import { parseDate } from "./cost";
import { diffCost, loadSide, type PricedSide } from "./diff-cost";
import { synth } from "./synth";

export const DIFF_FORMATS = ["text", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  /** BASE_DIR HEAD_DIR; with `base`, at most HEAD_DIR. */
  readonly dirs: readonly string[];
  /** A git revision to synthesize as the base, in a temporary worktree. */
  readonly base?: string;
  /** The region directory synthesized with `base`. @default - as every command finds it (resolveRegionDir) */
  readonly region?: string;
  /** @default "text" */
  readonly format?: string;
  /** Exit 2 when there are changes and 1 on any error, like `terraform plan -detailed-exitcode`. */
  readonly detailedExitcode?: boolean;
  /** Write the report to this file instead of stdout. */
  readonly out?: string;
  /** The day both regions are priced on (YYYY-MM-DD), with --base. @default today (UTC) */
  readonly date?: string;
}

/**
 * Exit codes. Without --detailed-exitcode: 0 success, 2 bad input or usage (as every command).
 * With it, as terraform plan: 0 no changes, 2 changes, 1 any error, bad usage included.
 */
export const DIFF_EXIT = { ok: 0, error: 1, changes: 2, badInput: 2 } as const;

/** The exit code of a usage error the option parser found. */
export function usageExitCode(detailedExitcode: boolean): number {
  return detailedExitcode ? DIFF_EXIT.error : DIFF_EXIT.badInput;
}

/**
 * `tamna diff`: compares two synthesized outputs and reports what applying the head would do,
 * dangers first. Returns the exit code; problems are printed to stderr as one line each.
 */
export async function diff(options: DiffOptions, write: (text: string) => void): Promise<number> {
  try {
    const format = parseFormat(options.format);
    const date = parseDate(options.date ?? new Date().toISOString().slice(0, 10));
    const report = await withScratchDirectory((scratch) => compare(options, date, scratch));
    const toFile = options.out !== undefined;
    const text = render(report, format, !toFile && wantsColor(process.stdout.isTTY, process.env));
    if (toFile) {
      writeReport(options.out!, text);
      process.stderr.write(
        `tamna diff: wrote the ${format} report to ${options.out}. ${describeReport(report)}\n`,
      );
    } else {
      write(text);
    }
    return options.detailedExitcode && hasChanges(report) ? DIFF_EXIT.changes : DIFF_EXIT.ok;
  } catch (error) {
    if (!(error instanceof TamnaError)) throw error;
    for (const line of formatProblems(error.problems))
      process.stderr.write(`tamna diff: ${line}\n`);
    return options.detailedExitcode ? DIFF_EXIT.error : DIFF_EXIT.badInput;
  }
}

function parseFormat(format: string | undefined): DiffFormat {
  const value = format ?? "text";
  if ((DIFF_FORMATS as readonly string[]).includes(value)) return value as DiffFormat;
  throw usage(`--format ${value}: no such format`, value, DIFF_FORMATS.join(", "));
}

function render(report: DiffReport, format: DiffFormat, color: boolean): string {
  switch (format) {
    case "text":
      return formatText(report, { color });
    case "markdown":
      return formatMarkdown(report);
    case "json":
      return formatJson(report);
  }
}

async function compare(options: DiffOptions, date: string, scratch: string): Promise<DiffReport> {
  const progress = new Progress(false);
  if (options.base === undefined) {
    if (options.dirs.length !== 2) {
      throw usage(
        `expected BASE_DIR and HEAD_DIR, got ${options.dirs.length} director${options.dirs.length === 1 ? "y" : "ies"}`,
        options.dirs.join(" ") || "nothing",
        "tamna diff BASE_DIR HEAD_DIR, or tamna diff --base GIT_REF [HEAD_DIR]",
      );
    }
    if (options.region !== undefined) {
      throw usage(
        "--region is only used with --base",
        options.region,
        "tamna diff --base GIT_REF --region DIR",
      );
    }
    return diffOutputs(
      loadSynthOutput(options.dirs[0]!, "BASE_DIR"),
      loadSynthOutput(options.dirs[1]!, "HEAD_DIR"),
    );
  }
  if (options.dirs.length > 1) {
    throw usage(
      "with --base, give at most HEAD_DIR",
      options.dirs.join(" "),
      "tamna diff --base GIT_REF [--region DIR] [HEAD_DIR]",
    );
  }
  const regionDir = resolveRegionDir(options.region);
  if (!fs.existsSync(path.join(regionDir, REGION_FILE))) {
    throw new TamnaError({
      location: { file: regionDir },
      message: `no ${REGION_FILE} in ${regionDir}`,
      hint: "pass --region DIR, the directory that holds region.yaml and agencies/",
    });
  }
  // The head first: a broken working tree fails fast, before the slow base build.
  let head: SynthOutput;
  if (options.dirs.length === 1) {
    head = loadSynthOutput(options.dirs[0]!, "HEAD_DIR");
  } else {
    progress.info("tamna diff: synthesizing the working tree");
    const out = path.join(scratch, "head");
    await synth({ region: regionDir, out, quiet: true });
    head = loadSynthOutput(out, "HEAD_DIR", "working tree");
  }
  const baseOut = path.join(scratch, "base");
  let baseSide: PricedSide = { failed: "not read" };
  const label = await synthesizeRevision(
    options.base,
    regionDir,
    baseOut,
    scratch,
    progress,
    (dir) => {
      baseSide = loadSide(dir);
    },
  );
  const report = diffOutputs(loadSynthOutput(baseOut, "--base", label), head);
  return withCost(report, diffCost(baseSide, loadSide(regionDir), date));
}

/**
 * Synthesizes `regionDir` as it is at git revision `ref` into `out`, in a temporary worktree
 * that is removed afterwards, whatever happens. When the revision is a tamna checkout, its own
 * code is built and run (reusing the installed node_modules), so the base is what that revision
 * would really produce; otherwise (a repository of region files only) this tamna synthesizes it.
 * Returns a label such as `HEAD (4d8d250)`.
 */
async function synthesizeRevision(
  ref: string,
  regionDir: string,
  out: string,
  scratch: string,
  progress: Progress,
  /** Told the base region's directory while the worktree exists, to read it. */
  readBase: (dir: string) => void,
): Promise<string> {
  const repo = git(
    ["rev-parse", "--show-toplevel"],
    regionDir,
    `${regionDir} is not in a git repository`,
  ).trim();
  const commit = git(
    ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`],
    repo,
    `--base ${ref}: no such git revision`,
  ).trim();
  const relative = path.relative(fs.realpathSync(repo), fs.realpathSync(regionDir));
  const label = `${ref} (${commit.slice(0, 7)})`;
  const worktree = path.join(scratch, "base-worktree");
  progress.info(`tamna diff: synthesizing ${label} in a temporary git worktree`);
  git(
    ["worktree", "add", "--detach", worktree, commit],
    repo,
    `--base ${ref}: git worktree add failed`,
  );
  try {
    const baseRegion = path.join(worktree, relative);
    if (!fs.existsSync(path.join(baseRegion, REGION_FILE))) {
      throw new TamnaError({
        location: { file: path.join(relative || ".", REGION_FILE) },
        message: `--base ${ref}: the region file does not exist at that revision`,
        hint: "choose a revision where the region exists, or compare directories: tamna diff BASE_DIR HEAD_DIR",
      });
    }
    if (isTamnaCheckout(worktree)) buildAndSynth(worktree, baseRegion, out, label);
    else await synth({ region: baseRegion, out, quiet: true });
    readBase(baseRegion);
  } finally {
    removeWorktree(repo, worktree);
  }
  return label;
}

function isTamnaCheckout(dir: string): boolean {
  const manifest = path.join(dir, "package.json");
  if (!fs.existsSync(manifest) || !fs.existsSync(path.join(dir, "bin", "tamna.js"))) return false;
  try {
    return JSON.parse(fs.readFileSync(manifest, "utf8")).name === "tamna";
  } catch {
    return false;
  }
}

/** What `npm ci` would do in the worktree, minus the install: bindings, build, then synth. */
function buildAndSynth(worktree: string, region: string, out: string, label: string): void {
  fs.symlinkSync(
    path.join(packageRoot(), "node_modules"),
    path.join(worktree, "node_modules"),
    "dir",
  );
  const tsc = path.join("node_modules", "typescript", "bin", "tsc");
  const steps: readonly (readonly string[])[] = [
    ["scripts/generate-bindings.mjs"],
    [tsc, "-p", "tsconfig.build.json"],
    ["bin/tamna.js", "synth", "--region", region, "--out", out, "--quiet"],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { cwd: worktree, encoding: "utf8" });
    if (result.status !== 0) {
      const output = `${result.stderr ?? ""}\n${result.stdout ?? ""}`
        .trim()
        .split("\n")
        .slice(-5)
        .join(" | ");
      throw new TamnaError({
        location: {},
        message: `--base ${label}: \`node ${args.join(" ")}\` failed in the worktree`,
        received: output || `exit ${result.status}`,
        hint: "that revision does not build or synthesize; compare directories instead: tamna diff BASE_DIR HEAD_DIR",
      });
    }
  }
}

/** Removes the worktree and its registration; the node_modules link goes first, never its target. */
function removeWorktree(repo: string, worktree: string): void {
  const link = path.join(worktree, "node_modules");
  if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
  const removed = spawnSync("git", ["worktree", "remove", "--force", worktree], { cwd: repo });
  if (removed.status !== 0) {
    fs.rmSync(worktree, { recursive: true, force: true });
    spawnSync("git", ["worktree", "prune"], { cwd: repo });
  }
}

function git(args: readonly string[], cwd: string, failure: string): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    const reason = result.error?.message ?? (result.stderr || "").trim().split("\n")[0];
    throw new TamnaError({
      location: {},
      message: failure,
      ...(reason ? { received: reason } : {}),
      hint: "run tamna diff --base inside a git checkout, with a revision git knows (a branch, tag or commit)",
    });
  }
  return result.stdout;
}

function writeReport(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) {
    throw usage(
      `--out ${file}: the directory ${path.dirname(file)} does not exist`,
      file,
      "a file in an existing directory",
    );
  }
  fs.writeFileSync(file, text);
}

/** Runs `use` with a scratch directory that is removed afterwards, also when `use` fails. */
async function withScratchDirectory<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-diff-"));
  try {
    return await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function usage(message: string, received: string, allowed: string): TamnaError {
  return new TamnaError({ location: {}, message, received, allowed });
}
