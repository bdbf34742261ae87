import { closest } from "fastest-levenshtein";
import { TamnaError } from "../lib/errors";
import { agencyStackName, platformStackName, tenancyStackName } from "../lib/names";
import type { RegionPlan, StackPlan } from "../lib/plan/region-plan";
import { paastaStackNames } from "../lib/plan/paasta";
import { agencySites } from "../lib/plan/sites";
import type { RegionInput } from "../lib/spec/load";

export interface Selection {
  /** Agency slugs: their tenancy and agency stacks at every site. */
  readonly agencies?: readonly string[];
  /** Stack names. */
  readonly stacks?: readonly string[];
}

/**
 * The stacks a command works on: all of them, or those named by --agency and --stack (the
 * union of both). An unknown name is an error that lists what exists.
 */
export function selectStacks(plan: RegionPlan, selection: Selection): StackPlan[] {
  const agencies = selection.agencies ?? [];
  const names = selection.stacks ?? [];
  if (agencies.length === 0 && names.length === 0) return [...plan.stacks];

  const knownAgencies = [...new Set(plan.stacks.flatMap((s) => ("agency" in s ? [s.agency] : [])))];
  const knownStacks = plan.stacks.map((s) => s.name);
  for (const agency of agencies) assertKnown("--agency", agency, knownAgencies);
  for (const name of names) assertKnown("--stack", name, knownStacks);

  return plan.stacks.filter(
    (stack) => names.includes(stack.name) || ("agency" in stack && agencies.includes(stack.agency)),
  );
}

/**
 * The name of every stack of the region, planned or not: `tamna synth --agency A` plans only A's
 * stacks, yet records the others as not selected.
 */
export function regionStackNames(input: RegionInput): string[] {
  const sites = Object.keys(input.region.spec.sites).sort();
  const names = sites.map(platformStackName);
  for (const agency of input.agencies) {
    for (const site of agencySites(agency.spec, sites)) {
      names.push(tenancyStackName(agency.spec.slug, site), agencyStackName(agency.spec.slug, site));
    }
  }
  names.push(...paastaStackNames(input));
  return names.sort();
}

/** The stacks of one layer (platform, tenancy, agency); an unknown layer is an error. */
export function selectLayer(
  plan: RegionPlan,
  stacks: readonly StackPlan[],
  layer: string,
): StackPlan[] {
  assertKnown("--layer", layer, [...new Set(plan.stacks.map((stack) => stack.layer))]);
  return stacks.filter((stack) => stack.layer === layer);
}

function assertKnown(option: string, value: string, known: readonly string[]): void {
  if (known.includes(value)) return;
  const suggestion = known.length > 0 ? closest(value, [...known]) : undefined;
  throw new TamnaError({
    location: {},
    message: `${option} ${value}: no such ${option.slice(2)} in the region`,
    received: value,
    allowed: known.join(", "),
    hint: suggestion
      ? `did you mean "${suggestion}"? (tamna list shows every stack)`
      : "run tamna list",
  });
}
