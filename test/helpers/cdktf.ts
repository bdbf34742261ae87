import { Testing, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { OpenstackProvider } from "../../lib/openstack";

/** A synthesized stack as Terraform JSON. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, { value: unknown }>;
}

/** Synthesizes a stack with validations on (cdktf's Testing.synth skips them by default). */
export function synthesize(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/**
 * Builds constructs into a fresh stack and synthesizes it. The stack gets an OpenStack provider
 * (cdktf refuses resources without one) unless `withProvider` is false.
 */
export function synthesizeConstructs(
  build: (scope: Construct) => void,
  withProvider = true,
): SynthesizedStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  if (withProvider) new OpenstackProvider(stack, "openstack", { cloud: "test" });
  build(stack);
  return synthesize(stack);
}

/** The resources of one Terraform type, by logical ID. */
export function resourcesOf(
  synthesized: SynthesizedStack,
  type: string,
): Record<string, Record<string, unknown>> {
  return synthesized.resource?.[type] ?? {};
}

export function dataSourcesOf(
  synthesized: SynthesizedStack,
  type: string,
): Record<string, Record<string, unknown>> {
  return synthesized.data?.[type] ?? {};
}

/** The single resource of a type; fails the test if there is not exactly one. */
export function onlyResource(synthesized: SynthesizedStack, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(synthesized, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}
