import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../lib/errors";
import type { RegionPlan, StackPlan } from "../lib/plan/region-plan";
import {
  affectedStacks,
  type AffectedStacks,
  type ChangeCause,
  type RegionFiles,
} from "../lib/plan/stack-inputs";
import { AGENCY_DIR, REGION_FILE, type RegionInput } from "../lib/spec/load";
import { PLACEMENT_DIR } from "../lib/spec/placement-lock";

/**
 * The stacks whose inputs changed since the git ref `ref`: committed, staged, unstaged and
 * untracked changes of the repository that holds the region directory.
 */
export function changedSince(
  ref: string,
  regionDir: string,
  input: RegionInput,
  plan: RegionPlan,
): AffectedStacks {
  const root = repositoryRoot(regionDir);
  assertCommit(root, ref);
  const changed = [
    ...git(root, ["diff", "--name-only", "--no-renames", "-z", ref, "--"]),
    ...git(root, ["ls-files", "--others", "--exclude-standard", "-z"]),
  ];
  return affectedStacks(plan.stacks, changed, regionFiles(root, regionDir, input));
}

/** One line per cause, saying which stacks it makes synthesize again and why. */
export function describeCauses(
  causes: readonly ChangeCause[],
  stacks: readonly StackPlan[],
): string[] {
  return causes.map((cause) => {
    switch (cause.kind) {
      case "library":
        return `${cause.file} (library code): every stack`;
      case "region":
        return `${cause.file} (the region file): every stack`;
      case "removed-agency":
        return `${cause.file} (agency file removed): its stacks leave the output`;
      case "agency": {
        const names = stacks
          .filter((stack) => "agency" in stack && stack.agency === cause.agency)
          .map((stack) => stack.name);
        return `${cause.file} (agency ${cause.agency}): ${names.join(", ")}`;
      }
    }
  });
}

function regionFiles(root: string, regionDir: string, input: RegionInput): RegionFiles {
  const relative = (file: string) =>
    path.relative(root, fs.realpathSync(file)).split(path.sep).join("/");
  const library = path.relative(root, packageRoot()).split(path.sep).join("/");
  return {
    region: relative(path.join(regionDir, REGION_FILE)),
    agencyDir: path.posix.join(relative(regionDir), AGENCY_DIR),
    placementDir: path.posix.join(relative(regionDir), PLACEMENT_DIR),
    agencies: new Map(input.agencies.map((a) => [relative(a.source.file), a.spec.slug])),
    library: library === ".." || library.startsWith("../") ? undefined : library,
  };
}

/** The tamna package's folder: the nearest one above this file that holds a package.json. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return fs.realpathSync(dir);
}

function repositoryRoot(regionDir: string): string {
  const result = run(regionDir, ["rev-parse", "--show-toplevel"]);
  if (result.status !== 0) {
    throw new TamnaError({
      location: { file: regionDir },
      message: "--changed-since needs the region directory to be in a git repository",
      received: result.stderr.trim(),
      hint: "run from a git checkout of the region, or synthesize without --changed-since",
    });
  }
  return result.stdout.trim();
}

function assertCommit(root: string, ref: string): void {
  if (run(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).status === 0) return;
  throw new TamnaError({
    location: {},
    message: `--changed-since ${ref}: no such commit in the repository at ${root}`,
    received: ref,
    allowed: "a branch, tag or commit, such as origin/main or HEAD~1",
    hint: "in CI, fetch the base branch first (git fetch origin main, or a deeper clone)",
  });
}

/** Paths git prints NUL-separated (-z), so that no name is quoted or escaped. */
function git(root: string, args: readonly string[]): string[] {
  const result = run(root, args);
  if (result.status !== 0) {
    throw new Error(`git ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout.split("\0").filter((line) => line !== "");
}

function run(cwd: string, args: readonly string[]) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    throw new TamnaError({
      location: {},
      message: `--changed-since needs git, which could not be run: ${result.error.message}`,
      hint: "install git, or synthesize without --changed-since",
    });
  }
  return result;
}
