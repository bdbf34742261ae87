/**
 * `tamna validate --json-dir DIR`: Terraform JSON that tamna did not write, validated against
 * the provider schema and the policy rules that read the stack alone. As Terraform does, a
 * directory is one configuration: every `*.tf.json` in it together. DIR itself is one when it
 * holds any; so is each `DIR/stacks/<name>/` (cdktf's output layout, one stack per directory).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../errors";
import { policyFindings, TAMNA_RULES, type PolicyRule, type RegionModel } from "../policy";
import type { StackInfo } from "../policy/stack-view";
import type { Finding } from "../finding";
import { displayPath, errorCode, kindOf, readJsonFile, type JsonFile } from "./json-files";
import { JsonLines } from "./json-lines";
import type { SkippedLayer } from "./report";
import { validateStackSchema } from "./schema";

/** One Terraform configuration: a directory's `*.tf.json` files, merged as Terraform reads them. */
export interface JsonConfiguration {
  /** The stack name findings carry: the directory's name. */
  readonly name: string;
  /** In file-name order, as Terraform loads them. */
  readonly files: readonly JsonFile[];
  readonly json: Readonly<Record<string, unknown>>;
}

export const JSON_SUFFIX = ".tf.json";

/**
 * The policy rules that read only the synthesized stack: no region plan, no declared zones or
 * flows, not even the stack's layer, agency or site. Every other rule of the pack needs a
 * region and is skipped on `--json-dir` (a test checks both halves of this list).
 */
export const STACK_ONLY_RULES: readonly string[] = [
  "TAMNA-DATA-001",
  "TAMNA-SEC-001",
  "TAMNA-SEC-002",
  "TAMNA-TAG-002",
];

/** The configurations under `dir`, read and parsed; a TamnaError (exit 2) for bad input. */
export function loadJsonDir(dir: string): JsonConfiguration[] {
  const shown = displayPath(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    throw new TamnaError({
      location: { file: shown },
      message:
        errorCode(error) === "ENOENT"
          ? "no such directory"
          : `cannot read the directory: ${errorCode(error)}`,
      hint: "pass the directory that holds the *.tf.json files, or a cdktf output directory",
    });
  }
  if (!stat.isDirectory()) {
    throw new TamnaError({
      location: { file: shown },
      message: `--json-dir needs a directory; this is ${kindOf(stat)}`,
      hint: "pass the directory that holds the file",
    });
  }
  const directories: { name: string; dir: string }[] = [];
  if (jsonFileNames(dir).length > 0)
    directories.push({ name: path.basename(path.resolve(dir)), dir });
  const stacks = path.join(dir, "stacks");
  if (isDirectory(stacks)) {
    for (const name of sortedNames(stacks)) {
      const stackDir = path.join(stacks, name);
      if (isDirectory(stackDir) && jsonFileNames(stackDir).length > 0) {
        directories.push({ name, dir: stackDir });
      }
    }
  }
  if (directories.length === 0) {
    throw new TamnaError({
      location: { file: shown },
      message: `no *${JSON_SUFFIX} file in the directory, nor in stacks/*/ below it`,
      hint: "pass a directory of Terraform JSON files (*.tf.json), or a cdktf output directory (stacks/<stack>/cdk.tf.json)",
    });
  }
  const names = new Set<string>();
  return directories.map(({ name, dir: configurationDir }) => {
    // The directory itself and a stack may share a name; findings must tell them apart.
    const unique = names.has(name) ? `${name} (${displayPath(configurationDir)})` : name;
    names.add(unique);
    const files = jsonFileNames(configurationDir).map((file) =>
      readJsonFile(path.join(configurationDir, file)),
    );
    return { name: unique, files, json: mergeFiles(files) };
  });
}

/** The `*.tf.json` names in a directory, sorted (Terraform's order); folders are skipped. */
function jsonFileNames(dir: string): string[] {
  return sortedNames(dir, (entry) => !entry.isDirectory()).filter(
    (name) => name.endsWith(JSON_SUFFIX) && name.length > JSON_SUFFIX.length,
  );
}

function sortedNames(dir: string, keep: (entry: fs.Dirent) => boolean = () => true): string[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter(keep)
      .map((entry) => entry.name);
  } catch (error) {
    throw new TamnaError({
      location: { file: displayPath(dir) },
      message: `cannot list the directory: ${errorCode(error)}`,
    });
  }
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Blocks whose entries are keyed by one label (`variable "x"`) or two (`resource "t" "n"`). */
const LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  check: 1,
};

/**
 * The files of one directory as one configuration. A file alone is kept as it is. Across files,
 * labelled blocks are merged by label; a label declared in two files keeps both bodies (HCL's
 * JSON syntax allows a list of bodies), so each is still checked. Unlabelled blocks (terraform,
 * locals, moved, import, removed) become the list of every file's bodies.
 */
export function mergeFiles(files: readonly JsonFile[]): Record<string, unknown> {
  if (files.length === 1) return { ...files[0]!.json };
  const merged: Record<string, unknown> = {};
  for (const { json } of files) {
    for (const [key, value] of Object.entries(json)) {
      if (key === "//") continue;
      const labels = LABELS[key];
      merged[key] =
        labels === undefined
          ? [...bodyList(merged[key]), ...bodyList(value)]
          : mergeLabelled(merged[key], value, labels);
    }
  }
  return merged;
}

function mergeLabelled(into: unknown, value: unknown, depth: number): unknown {
  if (!isPlainObject(value)) return into ?? value;
  const target: Record<string, unknown> = isPlainObject(into) ? { ...into } : {};
  for (const [label, inner] of Object.entries(value)) {
    if (!Object.hasOwn(target, label)) target[label] = inner;
    else if (depth > 1) target[label] = mergeLabelled(target[label], inner, depth - 1);
    else target[label] = [...bodyList(target[label]), ...bodyList(inner)];
  }
  return target;
}

function bodyList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** What the layers found in the configurations, and what they could not check. */
export interface JsonDirResult {
  readonly findings: Finding[];
  readonly skipped: SkippedLayer[];
}

/** The policy layer (its stack-only rules) and the schema layer over the configurations. */
export function validateJsonConfigurations(
  configurations: readonly JsonConfiguration[],
): JsonDirResult {
  const findings: Finding[] = [
    ...policyFindings(
      configurations.map(({ name, json }) => ({ info: configurationInfo(name), json })),
      NO_REGION,
      { rules: stackOnlyPack() },
    ),
    ...configurations.flatMap(({ name, json }) => validateStackSchema(name, json)),
  ];
  const skippedRules = TAMNA_RULES.map((rule) => rule.id).filter(
    (id) => !STACK_ONLY_RULES.includes(id),
  );
  const skipped: SkippedLayer[] = [
    { layer: "spec", reason: "--json-dir: there is no region input" },
    { layer: "construct", reason: "--json-dir: there are no constructs" },
    ...(skippedRules.length > 0
      ? [
          {
            layer: "policy" as const,
            reason: `rules that need the region plan did not run: ${skippedRules.join(", ")}`,
          },
        ]
      : []),
    {
      layer: "terraform",
      reason: "--json-dir: not run; run `terraform validate` in the configuration's directory",
    },
  ];
  return { findings: locateFindings(findings, configurations), skipped };
}

/**
 * The whole pack, with the rules that need a region made silent rather than left out: a
 * suppression of one of them (in a resource's `//` block) is still a suppression of a known rule.
 */
function stackOnlyPack(): PolicyRule[] {
  return TAMNA_RULES.map((rule) =>
    STACK_ONLY_RULES.includes(rule.id) ? rule : { ...rule, check: () => [] },
  );
}

/** Stack-only rules never read the region; reading it anyway is a bug, reported as one. */
const NO_REGION: RegionModel = new Proxy({} as RegionModel, {
  get(_, property) {
    throw new Error(`a stack-only policy rule read region.${String(property)}`);
  },
});

/** A configuration is no stack of a region plan: it has a name, and no layer, agency or site. */
function configurationInfo(name: string): StackInfo {
  const unknown = (what: string) => () => {
    throw new Error(`a stack-only policy rule read the stack's ${what}`);
  };
  return Object.defineProperties({ name } as StackInfo, {
    layer: { get: unknown("layer"), enumerable: false },
    site: { get: unknown("site"), enumerable: false },
    agency: { get: unknown("agency"), enumerable: false },
  });
}

/**
 * Findings placed in the files: each finding with an address gets the file that declares it,
 * and the line of the attribute (or of the deepest part of it that is written there).
 */
export function locateFindings(
  findings: readonly Finding[],
  configurations: readonly JsonConfiguration[],
): Finding[] {
  const lines = new Map(
    configurations.map((configuration) => [
      configuration.name,
      configuration.files.map((file) => ({ file: file.file, lines: new JsonLines(file.text) })),
    ]),
  );
  return findings.map((finding) => {
    const files = finding.stack === undefined ? undefined : lines.get(finding.stack);
    if (!files || files.length === 0) return finding;
    const declaring = finding.address
      ? files.find((file) => file.lines.declares(finding.address!))
      : undefined;
    const file = declaring ?? (files.length === 1 ? files[0] : undefined);
    if (!file) return finding;
    const line = finding.address
      ? file.lines.lineOf(finding.address, finding.attribute)
      : undefined;
    return {
      ...finding,
      location: {
        ...finding.location,
        file: file.file,
        ...(line !== undefined ? { line } : {}),
      },
    };
  });
}
