/**
 * What a synth selected, written beside its manifest.json: `tamna synth --agency A` or `--stack S`
 * leaves only some of the region's stacks in the output, and a diff must not read the others'
 * absence as their removal. The file names every stack the region had when the output was
 * written; a stack of the region that the manifest does not hold was not selected.
 *
 * ```
 * { "version": 1,
 *   "selection": { "agencies": string[], "stacks": string[] },   // the flags; both empty: all
 *   "regionStacks": string[] }                                    // every stack of the region
 * ```
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../errors";
import { isRecord } from "./terraform-json";

export const SELECTION_FILE = "tamna-selection.json";
const VERSION = 1;

export interface SynthSelection {
  /** The --agency and --stack values; both empty when every stack was synthesized. */
  readonly agencies: readonly string[];
  readonly stacks: readonly string[];
  /** Every stack of the region when the output was written, selected or not. */
  readonly regionStacks: readonly string[];
}

/** Writes the selection into the output directory `dir`. */
export function writeSelection(dir: string, selection: SynthSelection): void {
  const document = {
    version: VERSION,
    selection: { agencies: [...selection.agencies], stacks: [...selection.stacks] },
    regionStacks: [...selection.regionStacks],
  };
  fs.writeFileSync(path.join(dir, SELECTION_FILE), `${JSON.stringify(document, null, 2)}\n`);
}

/**
 * The selection recorded in the output directory `dir`; undefined for an output written before
 * selections were recorded (or by cdktf alone), which is read as holding every stack.
 */
export function readSelection(dir: string, role: string): SynthSelection | undefined {
  const file = path.join(dir, SELECTION_FILE);
  if (!fs.existsSync(file)) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(file, role, `invalid JSON (${reason})`);
  }
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === "string");
  if (
    !isRecord(document) ||
    document.version !== VERSION ||
    !isRecord(document.selection) ||
    !strings(document.selection.agencies) ||
    !strings(document.selection.stacks) ||
    !strings(document.regionStacks)
  ) {
    throw invalid(
      file,
      role,
      `not a version ${VERSION} selection (version, selection.agencies, selection.stacks, regionStacks)`,
    );
  }
  return {
    agencies: document.selection.agencies,
    stacks: document.selection.stacks,
    regionStacks: document.regionStacks,
  };
}

function invalid(file: string, role: string, what: string): TamnaError {
  return new TamnaError({
    location: { file },
    message: `${role}: ${SELECTION_FILE} is ${what}`,
    hint: "synthesize the output again with tamna synth, or delete the file to compare every stack",
  });
}
