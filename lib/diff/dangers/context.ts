/**
 * What every danger rule reads: both outputs whole (some rules look across stacks, e.g. quotas
 * against the workloads and the platform's flavors) and each stack's comparison.
 */
import { templateLiteral } from "../../template";
import type { StackComparison } from "../compare-stack";
import type { Danger, ResourceAction, ResourceChange } from "../model";
import type { SynthOutput } from "../synth-output";
import { blocksOf, type Block, type TerraformJson } from "../terraform-json";

export interface DangerContext {
  readonly base: SynthOutput;
  readonly head: SynthOutput;
  readonly comparisons: readonly StackComparison[];
}

/** One danger rule: pure, over the whole context. */
export type DangerRule = (context: DangerContext) => Danger[];

/** The resource changes of a stack with one of `actions`, optionally of one type. */
export function changesWith(
  comparison: StackComparison,
  actions: readonly ResourceAction[],
  type?: string,
): ResourceChange[] {
  return comparison.diff.resources.filter(
    (change) => actions.includes(change.action) && (type === undefined || change.type === type),
  );
}

/** The base block a change started from (its old address when it moved). */
export function baseBlockOf(
  comparison: StackComparison,
  change: ResourceChange,
): Block | undefined {
  return blocksOf(comparison.base, "resource").get(change.movedFrom ?? change.address);
}

export function headBlockOf(
  comparison: StackComparison,
  change: ResourceChange,
): Block | undefined {
  return blocksOf(comparison.head, "resource").get(change.address);
}

/**
 * The site a stack belongs to: the longest site `s` (known from the `platform-<s>` stacks) such
 * that the stack is `platform-<s>` or ends with `-<s>`. Stack names follow
 * `platform-<site>`, `tenancy-<agency>-<site>` and `<agency>-<site>`.
 */
export function siteOf(stack: string, output: SynthOutput): string | undefined {
  const sites = [...output.stacks.keys()]
    .filter((name) => name.startsWith("platform-"))
    .map((name) => name.slice("platform-".length))
    .filter((site) => stack === `platform-${site}` || stack.endsWith(`-${site}`))
    .sort((a, b) => b.length - a.length);
  return sites[0];
}

/** The platform stack of the site `stack` belongs to, in `output`. */
export function platformStackOf(stack: string, output: SynthOutput): TerraformJson | undefined {
  const site = siteOf(stack, output);
  return site === undefined ? undefined : output.stacks.get(`platform-${site}`);
}

/** A short human name for a block: its `name` attribute when literal, else its address. */
export function displayName(block: Block): string {
  const name = block.body.name;
  return (typeof name === "string" ? templateLiteral(name) : undefined) ?? block.address;
}
