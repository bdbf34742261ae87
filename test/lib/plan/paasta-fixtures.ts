import * as fs from "node:fs";
import * as path from "node:path";
import { parseSpec, type RegionInput, type Sourced } from "../../../lib/spec/load";
import type { AgencySpec } from "../../../lib/spec/agency";
import { RegionSpec } from "../../../lib/spec/region";
import { EXAMPLE_REGION_DIR } from "../../helpers/example-region";

/**
 * The fixture region with its `platforms:` section replaced, for the PaaS-TA tests: the
 * foundation's fields are written as YAML lines under `platforms.paasta`, so problems have lines.
 */

const REGION_TEXT = fs.readFileSync(path.join(EXAMPLE_REGION_DIR, "region.yaml"), "utf8");

/** The fields of the fixture's own foundation, one YAML line each (under `paasta:`). */
export const FIXTURE_FOUNDATION: Readonly<Record<string, string>> = {
  name: "paasta",
  description: "제주 공공 PaaS-TA",
  grade: "2",
  addressBlock: "{ index: 60 }",
  size: "medium",
  exposure: "{ zone: dmz }",
  blobstore: "swift",
  publicKey:
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDocumentationOnlyJejuPaastaBosh00000000 bosh@jeju",
  diskTypes:
    "{ default: { sizeGiB: 10, volumeType: replicated }, large: { sizeGiB: 50, volumeType: replicated } }",
  azs: "{ cdc-az1: z1, cdc-az2: z2, cdc-az3: z3, drc-az1: z1, drc-az2: z2 }",
};

/** Region text with a foundation of the fixture's fields changed by `fields` (undefined drops one). */
export function regionText(fields: Readonly<Record<string, string | undefined>> = {}): string {
  const merged = { ...FIXTURE_FOUNDATION, ...fields };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `    ${key}: ${value}`);
  const start = REGION_TEXT.indexOf("\nplatforms:\n");
  const end = REGION_TEXT.indexOf("\nstate:\n");
  if (start < 0 || end < start) throw new Error("the fixture region has no platforms section");
  return `${REGION_TEXT.slice(0, start)}\nplatforms:\n  paasta:\n${lines.join("\n")}${REGION_TEXT.slice(end)}`;
}

export function paastaRegion(
  fields: Readonly<Record<string, string | undefined>> = {},
): Sourced<RegionSpec> {
  return parseSpec("region.yaml", regionText(fields), RegionSpec);
}

/** A region input with the given foundation fields and agencies. */
export function paastaInput(
  fields: Readonly<Record<string, string | undefined>> = {},
  ...agencies: Sourced<AgencySpec>[]
): RegionInput {
  return { region: paastaRegion(fields), agencies };
}

/** The line of `key:` under platforms.paasta in regionText(fields). */
export function lineOf(text: string, key: string): number {
  const lines = text.split("\n");
  const from = lines.indexOf("platforms:");
  return lines.findIndex((line, index) => index > from && line.startsWith(`    ${key}:`)) + 1;
}
