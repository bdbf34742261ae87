import * as fs from "node:fs";
import { planRegion, type RegionPlan } from "../../../lib/plan/region-plan";
import {
  editActiveSite,
  inputWithAgencyText,
  type ActiveSiteEdit,
} from "../../../lib/spec/failover-edit";
import { exampleRegion } from "../../helpers/example-region";

/** The example region's plan after activeSite edits of one agency file, in memory, in order. */
export function planWithActiveSite(agency: string, ...edits: ActiveSiteEdit[]): RegionPlan {
  const { input } = exampleRegion();
  const sourced = input.agencies.find((each) => each.spec.slug === agency);
  if (!sourced) throw new Error(`no agency ${agency} in the example`);
  const file = sourced.source.file;
  const text = edits.reduce(
    (current, edit) => editActiveSite(file, current, edit).text,
    fs.readFileSync(file, "utf8"),
  );
  return planRegion(inputWithAgencyText(input, sourced, text));
}

/**
 * The example region's plan with one system's backups made rarer than its RPO: a plan the
 * backup check no longer lets through, to show the report still tells the truth about it.
 */
export function planWithBackupInterval(
  agency: string,
  system: string,
  intervalMinutes: number,
): RegionPlan {
  const plan = structuredClone(exampleRegion().plan);
  for (const stack of plan.stacks) {
    if (stack.layer !== "agency" || stack.agency !== agency) continue;
    for (const planned of stack.compute.systems)
      if (planned.name === system)
        (planned as { backupIntervalMinutes?: number }).backupIntervalMinutes = intervalMinutes;
  }
  return plan;
}
