import { didYouMeanText } from "../spec/suggest";
import { TamnaError } from "../errors";
import type { AgencyStackPlan, PaastaStackPlan, RegionPlan } from "../plan/region-plan";
import { compareText } from "./order";

export interface TopologySelection {
  readonly agency: string;
  /** Only this site. @default - every site where the agency has a tenant */
  readonly site?: string;
}

/** The agency's stacks, by site; an unknown agency or site names the valid ones. */
export function selectStacks(
  plan: RegionPlan,
  selection: TopologySelection,
): (AgencyStackPlan | PaastaStackPlan)[] {
  // A PaaS-TA foundation is drawn like an agency, by its name.
  const all = plan.stacks.filter(
    (stack): stack is AgencyStackPlan | PaastaStackPlan =>
      stack.layer === "agency" || stack.layer === "paasta",
  );
  const agencies = [...new Set(all.map((stack) => stack.agency))].sort();
  if (!agencies.includes(selection.agency)) {
    throw unknown(`agency "${selection.agency}" is not in the region`, selection.agency, agencies);
  }
  const stacks = all
    .filter((stack) => stack.agency === selection.agency)
    .sort((a, b) => compareText(a.site, b.site));
  if (selection.site === undefined) return stacks;
  const sites = stacks.map((stack) => stack.site);
  if (!sites.includes(selection.site)) {
    throw unknown(
      `agency "${selection.agency}" has no tenant at site "${selection.site}"`,
      selection.site,
      sites,
    );
  }
  return stacks.filter((stack) => stack.site === selection.site);
}

function unknown(message: string, received: string, known: readonly string[]): TamnaError {
  const hint = didYouMeanText(received, known);
  return new TamnaError({
    location: {},
    message,
    received,
    allowed: known.join(", ") || "none: the region has no agency files",
    ...(hint !== undefined ? { hint } : {}),
  });
}
