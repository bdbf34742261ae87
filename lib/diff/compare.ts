/**
 * Compares two synthesized outputs stack by stack and runs the danger rules over the result.
 */
import { compareStack, compareText, isUnchanged } from "./compare-stack";
import { findDangers } from "./dangers";
import type { DiffReport } from "./model";
import { vendoredProviderFacts, type ProviderFacts } from "./provider-facts";
import type { SynthOutput } from "./synth-output";
import { topologyOf } from "./topology";

export function diffOutputs(
  base: SynthOutput,
  head: SynthOutput,
  facts: ProviderFacts = vendoredProviderFacts(),
): DiffReport {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort(compareStacks);
  const comparisons = names.map((name) =>
    compareStack(name, base.stacks.get(name), head.stacks.get(name), facts),
  );
  return {
    base: base.label,
    head: head.label,
    stacks: comparisons
      .map((c) => c.diff)
      .filter((diff) => diff.status !== "changed" || !isUnchanged(diff)),
    dangers: findDangers({ base, head, comparisons }),
    topology: topologyOf(comparisons),
  };
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
