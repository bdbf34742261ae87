/**
 * Compares two synthesized outputs stack by stack and runs the danger rules over the result.
 * A stack that one side holds and the other side's synth merely did not select (it is in that
 * side's region) is not compared: it is reported as such, never as added or destroyed.
 */
import { compareStack, compareText, isUnchanged } from "./compare-stack";
import { findDangers } from "./dangers";
import type { DiffReport, UncomparedStack } from "./model";
import { vendoredProviderFacts, type ProviderFacts } from "./provider-facts";
import type { SynthOutput } from "./synth-output";
import { topologyOf } from "./topology";

export function diffOutputs(
  base: SynthOutput,
  head: SynthOutput,
  facts: ProviderFacts = vendoredProviderFacts(),
): DiffReport {
  const notCompared = [
    ...notSelected(base, head).map((stack) => ({ stack, notSelectedIn: "head" as const })),
    ...notSelected(head, base).map((stack) => ({ stack, notSelectedIn: "base" as const })),
  ].sort((a, b) => compareStacks(a.stack, b.stack));
  // The danger rules read across stacks (a site's platform, a tenancy's workloads): a stack one
  // side did not select stands there as the other side has it, unchanged.
  const filledBase = withStacksOf(base, head, notCompared, "base");
  const filledHead = withStacksOf(head, base, notCompared, "head");
  const skipped = new Set(notCompared.map((entry) => entry.stack));
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])]
    .filter((name) => !skipped.has(name))
    .sort(compareStacks);
  const comparisons = names.map((name) =>
    compareStack(name, base.stacks.get(name), head.stacks.get(name), facts),
  );
  return {
    base: base.label,
    head: head.label,
    stacks: comparisons
      .map((c) => c.diff)
      .filter((diff) => diff.status !== "changed" || !isUnchanged(diff)),
    notCompared,
    dangers: findDangers({ base: filledBase, head: filledHead, comparisons }),
    topology: topologyOf(comparisons),
  };
}

/** Stacks `from` holds that `other` lacks although they are in `other`'s region. */
function notSelected(from: SynthOutput, other: SynthOutput): string[] {
  const region = other.selection && new Set(other.selection.regionStacks);
  if (region === undefined) return [];
  return [...from.stacks.keys()].filter((name) => !other.stacks.has(name) && region.has(name));
}

function withStacksOf(
  output: SynthOutput,
  other: SynthOutput,
  notCompared: readonly UncomparedStack[],
  side: UncomparedStack["notSelectedIn"],
): SynthOutput {
  const missing = notCompared.filter((entry) => entry.notSelectedIn === side);
  if (missing.length === 0) return output;
  const stacks = new Map(output.stacks);
  for (const { stack } of missing) stacks.set(stack, other.stacks.get(stack)!);
  return { ...output, stacks };
}

/** Apply order: platform stacks, then tenancy, then agency workloads; by name within a layer. */
export function compareStacks(a: string, b: string): number {
  return layerOf(a) - layerOf(b) || compareText(a, b);
}

function layerOf(stack: string): number {
  if (stack.startsWith("platform-")) return 0;
  if (stack.startsWith("tenancy-")) return 1;
  return 2;
}
