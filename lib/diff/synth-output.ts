/**
 * Reads a synthesized output directory (`tamna synth --out DIR`): `manifest.json` names the
 * stacks and where each `cdk.tf.json` is. Anything else is a user mistake, reported as such.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../errors";
import { readSelection, type SynthSelection } from "./selection";
import { isRecord, type TerraformJson } from "./terraform-json";

export interface SynthOutput {
  /** How the output is named in reports: its directory, or a git revision. */
  readonly label: string;
  /** Stack name -> its Terraform JSON. */
  readonly stacks: ReadonlyMap<string, TerraformJson>;
  /** What the synth selected, when it recorded it; absent: the output holds every stack. */
  readonly selection?: SynthSelection;
}

const HINT = "pass a directory written by `tamna synth --out DIR` (it holds manifest.json)";

/** Loads every stack of the output in `dir`; `role` (e.g. BASE_DIR) names it in errors. */
export function loadSynthOutput(dir: string, role: string, label = dir): SynthOutput {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new TamnaError({
      location: {},
      message: `${role} ${dir}: no such directory`,
      hint: HINT,
    });
  }
  const manifestFile = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    throw problem(dir, `${role} is not a synthesized output, it has no manifest.json`);
  }
  const manifest = readJson(manifestFile, role);
  if (!isRecord(manifest) || !isRecord(manifest.stacks)) {
    throw problem(manifestFile, `${role}: manifest.json has no "stacks" object`);
  }
  const stacks = new Map<string, TerraformJson>();
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const relative =
      isRecord(entry) && typeof entry.synthesizedStackPath === "string"
        ? entry.synthesizedStackPath
        : path.join("stacks", name, "cdk.tf.json");
    const file = path.join(dir, relative);
    if (!fs.existsSync(file)) {
      throw problem(file, `${role}: stack ${name} is in manifest.json but this file is missing`);
    }
    const json = readJson(file, role);
    if (!isTerraformJson(json)) {
      throw problem(file, `${role}: stack ${name} is not Terraform JSON`);
    }
    stacks.set(name, json);
  }
  const selection = readSelection(dir, role);
  return selection === undefined ? { label, stacks } : { label, stacks, selection };
}

function readJson(file: string, role: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw problem(file, `${role}: invalid JSON (${reason})`);
  }
}

/** Resource and data blocks must be objects of objects; the rest is read defensively. */
function isTerraformJson(value: unknown): value is TerraformJson {
  if (!isRecord(value)) return false;
  return (["resource", "data"] as const).every(
    (kind) =>
      value[kind] === undefined ||
      (isRecord(value[kind]) &&
        Object.values(value[kind]).every(
          (byName) => isRecord(byName) && Object.values(byName).every(isRecord),
        )),
  );
}

function problem(file: string, message: string): TamnaError {
  return new TamnaError({ location: { file }, message, hint: HINT });
}
