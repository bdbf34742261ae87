/**
 * Real synthesized outputs of the example region for diff tests: synthesized in-process from the
 * example's spec objects (changed as a test needs), and edited as JSON where no spec field
 * produces the change yet (renamed constructs, DR modes, sensitive variables).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import {
  diffOutputs,
  loadSynthOutput,
  type DiffReport,
  type ResourceChange,
  type StackDiff,
} from "../../../lib/diff";
import { planRegion } from "../../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../../lib/spec/load";
import { buildApp } from "../../../stacks/app";
import { EXAMPLE_REGION_DIR } from "../../helpers/example-region";

/* eslint-disable @typescript-eslint/no-explicit-any -- spec objects and Terraform JSON are edited freely */

/** The example region as plain objects, as its YAML files say; a fresh copy on every call. */
export interface RegionObjects {
  region: any;
  agencies: any[];
}

export function exampleObjects(): RegionObjects {
  const read = (file: string) => parse(fs.readFileSync(file, "utf8"));
  const agencyDir = path.join(EXAMPLE_REGION_DIR, "agencies");
  return {
    region: read(path.join(EXAMPLE_REGION_DIR, "region.yaml")),
    agencies: fs
      .readdirSync(agencyDir)
      .filter((name) => name.endsWith(".yaml"))
      .sort()
      .map((name) => read(path.join(agencyDir, name))),
  };
}

/** Temp output directories made by one test file, removed together in afterAll. */
export class Outputs {
  private readonly dirs: string[] = [];

  private make(label: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tamna-diff-${label}-`));
    this.dirs.push(dir);
    return path.join(dir, "out");
  }

  /** Synthesizes the example, after `edit` changed its spec objects, into a fresh directory. */
  synth(label: string, edit: (objects: RegionObjects) => void = () => {}): string {
    const objects = exampleObjects();
    edit(objects);
    const plan = planRegion(regionInputFromObjects(objects.region, objects.agencies));
    const out = this.make(label);
    buildApp(plan, { outdir: out }).synth();
    return out;
  }

  /** A copy of an output, with `edit` applied to the named stacks' JSON. */
  copy(from: string, label: string, edits: Record<string, (json: any) => void> = {}): string {
    const out = this.make(label);
    fs.cpSync(from, out, { recursive: true });
    for (const [stack, edit] of Object.entries(edits)) editStack(out, stack, edit);
    return out;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function stackFile(out: string, stack: string): string {
  return path.join(out, "stacks", stack, "cdk.tf.json");
}

export function readStackJson(out: string, stack: string): any {
  return JSON.parse(fs.readFileSync(stackFile(out, stack), "utf8"));
}

export function editStack(out: string, stack: string, edit: (json: any) => void): void {
  const json = readStackJson(out, stack);
  edit(json);
  fs.writeFileSync(stackFile(out, stack), JSON.stringify(json, null, 2));
}

/** The name of the first resource of `type` whose name contains `fragment`. */
export function resourceName(json: any, type: string, fragment: string): string {
  const name = Object.keys(json.resource?.[type] ?? {}).find((key) => key.includes(fragment));
  if (!name) throw new Error(`no ${type} with ${fragment} in its name`);
  return name;
}

/**
 * Renames resources as renaming a construct does: every key of the stack's resources that
 * starts with `from` starts with `to` instead, and so do the references to them.
 */
export function renameConstruct(json: any, from: string, to: string): void {
  const renames = new Map<string, string>();
  for (const [type, byName] of Object.entries<any>(json.resource)) {
    for (const name of Object.keys(byName)) {
      if (!name.startsWith(from)) continue;
      const renamed = `${to}${name.slice(from.length)}`;
      byName[renamed] = byName[name];
      delete byName[name];
      renames.set(`${type}.${name}`, `${type}.${renamed}`);
    }
  }
  const rewrite = (value: any): any => {
    if (typeof value === "string") {
      let text = value;
      for (const [old, renamed] of renames) text = text.split(`${old}.`).join(`${renamed}.`);
      return renames.get(text) ?? text;
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item)]));
    }
    return value;
  };
  json.resource = rewrite(json.resource);
  json.output = rewrite(json.output);
}

/** Compares two output directories as `tamna diff BASE_DIR HEAD_DIR` does. */
export function diffDirs(base: string, head: string): DiffReport {
  return diffOutputs(loadSynthOutput(base, "BASE_DIR"), loadSynthOutput(head, "HEAD_DIR"));
}

/** Adds (or replaces) a resource in a stack's JSON. */
export function putResource(json: any, type: string, name: string, body: any): void {
  json.resource ??= {};
  json.resource[type] ??= {};
  json.resource[type][name] = body;
}

/** Sets the `tamna_systems` output to `{system: {grade, drMode, activeSite}}`. */
export function setSystems(json: any, systems: Record<string, { grade: number; drMode: string }>) {
  json.output ??= {};
  json.output.tamna_systems = {
    value: Object.fromEntries(
      Object.entries(systems).map(([name, entry]) => [name, { ...entry, activeSite: "jeju-cdc" }]),
    ),
  };
}

/** The stack diff of `stack`; fails the test when the stack did not change. */
export function stackOf(report: DiffReport, stack: string): StackDiff {
  const found = report.stacks.find((s) => s.stack === stack);
  if (!found) throw new Error(`stack ${stack} did not change`);
  return found;
}

/** The change of the resource at `address` in `stack`; fails the test when there is none. */
export function changeOf(report: DiffReport, stack: string, address: string): ResourceChange {
  const found = stackOf(report, stack).resources.find((c) => c.address === address);
  if (!found) throw new Error(`no change of ${address} in ${stack}`);
  return found;
}
