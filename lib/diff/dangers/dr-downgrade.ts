/**
 * DR loss: a system's disaster-recovery mode lowered, a system with DR removed, or a standby
 * server destroyed.
 *
 * Agency stacks publish their systems in the Terraform output `tamna_systems`:
 * `{ "<system>": { "grade": 1, "drMode": "hot-standby", "activeSite": "jeju-cdc" } }`.
 * Standby servers carry `metadata.role = "standby"`.
 */
import { SYSTEMS_OUTPUT } from "../../names";
import { DR_MODES } from "../../spec/dr";
import type { Danger } from "../model";
import { isRecord, type TerraformJson } from "../terraform-json";
import { baseBlockOf, changesWith, type DangerRule } from "./context";

const rank = (mode: string) => DR_MODES.indexOf(mode as (typeof DR_MODES)[number]);

export const drDowngrade: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    const stack = comparison.diff.stack;
    const before = drModes(comparison.base);
    const after = drModes(comparison.head);
    for (const [system, mode] of before) {
      if (rank(mode) <= 0) continue;
      const now = after.get(system);
      const address = `output.${SYSTEMS_OUTPUT}`;
      if (now === undefined) {
        const why = comparison.head ? "is removed" : "is removed with its stack";
        dangers.push({
          kind: "dr-downgrade",
          stack,
          address,
          message: `system ${system} (DR ${mode}) ${why}: its DR protection goes`,
        });
      } else if (rank(now) >= 0 && rank(now) < rank(mode)) {
        dangers.push({
          kind: "dr-downgrade",
          stack,
          address,
          message: `system ${system}: DR mode lowered from ${mode} to ${now}`,
        });
      }
    }
    for (const change of changesWith(comparison, ["destroy"], "openstack_compute_instance_v2")) {
      const metadata = baseBlockOf(comparison, change)?.body.metadata;
      if (isRecord(metadata) && metadata.role === "standby") {
        dangers.push({
          kind: "dr-downgrade",
          stack,
          address: change.address,
          message: "destroys a standby server: the system loses its warm capacity at this site",
        });
      }
    }
  }
  return dangers;
};

/** System -> DR mode, from the stack's `tamna_systems` output (an object, or its JSON text). */
export function drModes(json: TerraformJson | undefined): Map<string, string> {
  const modes = new Map<string, string>();
  let value = json?.output?.[SYSTEMS_OUTPUT]?.value;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return modes;
    }
  }
  if (!isRecord(value)) return modes;
  for (const [system, entry] of Object.entries(value)) {
    if (isRecord(entry) && typeof entry.drMode === "string") modes.set(system, entry.drMode);
  }
  return modes;
}
