import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { localStatePath } from "../../lib/constructs/state-backend";
import type { StackPlan } from "../../lib/plan/region-plan";

/**
 * The cache key of a stack: a sha256 of everything its synthesized directory depends on. A stack
 * is built from its StackPlan alone (stacks/app.ts buildStack; test/cli/synth-cache-key.test.ts
 * proves it), by this code, into a directory whose path it records only in a local state path.
 * So the key is: the plan, the toolchain (the code and what it was generated from), and that
 * path. Anything left out of it could serve a stale stack; anything extra only costs a miss.
 */
export function stackKey(plan: StackPlan, toolchain: string, outDir: string): string {
  return createHash("sha256")
    .update("tamna synth cache key, format 1\n")
    .update(`${toolchain}\n`)
    .update(`${outputContext(plan, outDir)}\n`)
    .update(canonicalJson(plan))
    .digest("hex");
}

/**
 * What a stack's output takes from the directory it is written to: the path of its local state
 * file relative to the stack directory (the same for the staging and worker directories, which
 * are siblings of the output directory). Other backends record no path.
 */
function outputContext(plan: StackPlan, outDir: string): string {
  if (plan.backend.type !== "local") return "";
  return `local state ${localStatePath(plan.backend, path.join(outDir, "stacks", plan.name))}`;
}

/**
 * `value` as JSON, keys in their own order (a stack may emit them in that order, so two plans
 * that differ only in key order are different inputs) and `undefined` kept apart from absent.
 * Refuses anything but plain data, whose content JSON could not capture.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
    // The value itself, not what a toJSON() method (a Date's, say) made of it.
    const inner = this[key];
    if (inner === undefined) return { "tamna:undefined": true };
    if (inner === null || typeof inner === "string" || typeof inner === "boolean") return inner;
    if (typeof inner === "number") {
      if (!Number.isFinite(inner)) throw notPlain(key, String(inner));
      return inner;
    }
    if (Array.isArray(inner)) return inner;
    if (typeof inner === "object") {
      const prototype = Object.getPrototypeOf(inner) as unknown;
      if (prototype !== Object.prototype && prototype !== null) {
        throw notPlain(key, (inner as object).constructor?.name ?? "an object");
      }
      return inner;
    }
    throw notPlain(key, typeof inner);
  });
}

function notPlain(key: string, what: string): Error {
  // A bug in the planner, not a user mistake: the plan must be plain data.
  return new Error(`a stack plan holds ${what} at "${key}", which the synth cache cannot key on`);
}

/** Files that determine the code, under the code root (dist/ or the sources). */
const CODE_DIRS = ["cli", "lib", "stacks", ".gen"];
const CODE_FILE = /\.(?:[cm]?js|ts|json)$/;
/** What the generated bindings and the output are made from, under the package root. */
const SOURCE_FILES = [
  "package.json",
  "openstack-bindings.json",
  "scripts/generate-bindings.mjs",
  "vendor/openstack/provider-schema.json",
  "vendor/openstack/force-new.json",
];

/**
 * The identity of the code that synthesizes: a sha256 of the versions of tamna, cdktf and
 * constructs, every code file under `codeRoot` (this CLI's compiled dist/, or the sources under a
 * TypeScript runner; the generated bindings included) and the files the bindings are generated
 * from (the bindings list, the generator, the vendored provider schema), when present.
 */
export function toolchainIdentity(
  codeRoot: string = CODE_ROOT,
  packageRoot: string = PACKAGE_ROOT,
): string {
  const hash = createHash("sha256").update("tamna toolchain, format 1\n");
  for (const name of ["cdktf", "constructs"]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    hash.update(`${name} ${(require(`${name}/package.json`) as { version: string }).version}\n`);
  }
  const hashFile = (label: string, file: string) => {
    const content = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    hash.update(`${label} ${content === undefined ? "absent" : content.length}\n`);
    if (content !== undefined) hash.update(content);
  };
  for (const file of SOURCE_FILES) hashFile(`source ${file}`, path.join(packageRoot, file));
  for (const dir of CODE_DIRS) {
    for (const file of codeFiles(path.join(codeRoot, dir))) {
      hashFile(`code ${dir}/${file}`, path.join(codeRoot, dir, file));
    }
  }
  return hash.digest("hex");
}

let memo: string | undefined;

/** toolchainIdentity() of the running code, computed once per process. */
export function currentToolchain(): string {
  return (memo ??= toolchainIdentity());
}

/** Code files below `dir`, by sorted relative POSIX path. */
function codeFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => CODE_FILE.test(file) && fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** dist/ when running compiled, the repository root under a TypeScript runner. */
const CODE_ROOT = path.resolve(__dirname, "../..");

/** The nearest directory above this file holding tamna's package.json. */
const PACKAGE_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return CODE_ROOT;
  }
})();
