/**
 * `tamna capacity` inside `tamna validate`'s spec layer: a zone over capacity fails validation
 * like any located input error, and a zone loss that would leave grade 1-2 systems down warns.
 * It needs the whole region's plan, so a validate of a selection does not run it.
 */
import { capacityReport } from "../cost/capacity";
import type { Finding } from "../finding";
import type { RegionPlan } from "../plan/region-plan";
import type { RegionSpec } from "../spec/region";
import type { Sourced } from "../spec/sourced";
import { CORE_RULES } from "./rules";

export function capacityFindings(region: Sourced<RegionSpec>, plan: RegionPlan): Finding[] {
  return capacityReport(region, plan).problems.map((problem) => {
    const hasLocation = Object.keys(problem.location).length > 0;
    return {
      ruleId: CORE_RULES.specCapacity.id,
      level: problem.level,
      layer: "spec",
      message: problem.message,
      ...(hasLocation ? { location: problem.location } : {}),
      hint: problem.hint,
    };
  });
}
