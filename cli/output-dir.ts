import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TamnaError } from "../lib/errors";
import type { StackManifestEntry } from "../stacks/app";

/**
 * Refuses an output directory that must not be replaced whole: one that holds the working
 * directory or one of `keep` (the region directory), a file, or a non-empty directory that is
 * not a previous synth output (it has no manifest.json). Without this, `--out .` or
 * `--out <region dir>` would delete the user's files.
 */
export function assertReplaceableOutput(target: string, keep: readonly string[] = []): void {
  const resolved = path.resolve(target);
  const refuse = (message: string, hint: string) =>
    new TamnaError({
      location: {},
      message: `--out ${target}: ${message}`,
      received: target,
      hint,
    });
  for (const dir of [process.cwd(), ...keep]) {
    const relative = path.relative(resolved, path.resolve(dir));
    const inside =
      relative === "" ||
      (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
    if (inside) {
      throw refuse(
        `it holds ${dir === process.cwd() ? "the working directory" : dir}, and synth replaces the output directory whole`,
        "choose a directory of its own, such as cdktf.out",
      );
    }
  }
  if (!fs.existsSync(resolved)) return;
  if (!fs.statSync(resolved).isDirectory()) {
    throw refuse("it is not a directory", "choose a new directory, or remove the file");
  }
  const entries = fs.readdirSync(resolved);
  if (entries.length > 0 && !entries.includes("manifest.json")) {
    throw refuse(
      "it is not empty and holds no manifest.json, so it is not a previous synth output; synth replaces the output directory whole",
      "choose a new or empty directory, or remove this one yourself",
    );
  }
}

/**
 * Fills a fresh directory and only then puts it in place of `target`, so that a failed run
 * leaves the previous output untouched and a reader never sees a half-written one.
 */
export async function replaceDirectory<T>(
  target: string,
  fill: (dir: string) => T | Promise<T>,
): Promise<T> {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  let result: T;
  try {
    result = await fill(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const retired = `${staging.replace(/\.new-/, ".old-")}`;
  const hadTarget = fs.existsSync(target);
  try {
    if (hadTarget) fs.renameSync(target, retired);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (hadTarget) fs.renameSync(retired, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadTarget) fs.rmSync(retired, { recursive: true, force: true });
  return result;
}

/** Runs `use` with a scratch directory that is removed afterwards. */
export function withScratchDirectory<T>(use: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-"));
  try {
    return use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The manifest.json entries of a previous synth output in `dir`, by stack name, for the stacks
 * whose directory is still there; undefined when `dir` holds no previous output.
 */
export function readPreviousOutput(dir: string): Record<string, StackManifestEntry> | undefined {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stacks?: Record<string, StackManifestEntry>;
  };
  return Object.fromEntries(
    Object.entries(manifest.stacks ?? {}).filter(([, entry]) =>
      fs.existsSync(path.join(dir, entry.workingDirectory)),
    ),
  );
}

/**
 * Puts the stack directories `names` of the output `from` into the output `to`, with whatever
 * else they hold (such as Terraform's .terraform/ after an init). Files are hard-linked where the
 * file system allows: synth never rewrites a file in place, it replaces directories whole, so
 * keeping thousands of unchanged stacks costs next to nothing.
 */
export function keepStacks(from: string, to: string, names: readonly string[]): void {
  for (const name of names)
    linkTree(path.join(from, "stacks", name), path.join(to, "stacks", name));
}

function linkTree(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) linkTree(from, to);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else {
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
  }
}
