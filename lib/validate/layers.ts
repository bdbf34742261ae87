/**
 * The seam where the policy pack (layer 3) plugs into `tamna validate`. The command runs the
 * layer registered here after synthesis and before the provider-schema layer; while none is
 * registered, it reports the policy layer as skipped and runs the others.
 *
 * To plug the pack in, set POLICY_LAYER to an adapter, e.g.
 *
 * ```ts
 * export const POLICY_LAYER: PolicyLayer | undefined = {
 *   rules: [...TAMNA_RULES, ...SUPPRESSION_CHECKS].map((rule) => ({
 *     id: rule.id, level: rule.level, shortDescription: rule.title, help: rule.explanation,
 *   })),
 *   run: ({ input, plan, stacks }) =>
 *     policyFindings(stacks.map(({ plan: info, json }) => ({ info, json })), {
 *       plan, spec: input.region.spec,
 *     }),
 * };
 * ```
 *
 * Policy rules must not add error annotations to constructs: those stop cdktf synthesis and
 * would be reported by the construct layer instead.
 */
import type { RegionPlan, StackPlan } from "../plan/region-plan";
import type { RegionInput } from "../spec/load";
import type { Finding } from "./finding";
import type { RuleDescription } from "./rules";

/** One synthesized stack: its plan and its Terraform JSON (the content of cdk.tf.json). */
export interface SynthesizedStackJson {
  readonly plan: StackPlan;
  readonly json: Readonly<Record<string, unknown>>;
}

/** What the layers after synthesis get: the loaded region and the stacks validated. */
export interface SynthesizedRegion {
  readonly input: RegionInput;
  readonly plan: RegionPlan;
  /** The selected stacks, synthesized, in apply order. */
  readonly stacks: readonly SynthesizedStackJson[];
}

export interface PolicyLayer {
  /** Descriptions of the pack's rules, for the SARIF report. @default none */
  readonly rules?: readonly RuleDescription[];
  /**
   * Every finding, suppressed ones included (with `suppressed.reason`); layer "policy".
   * Findings with a stack and an address get their line in cdk.tf.json filled in.
   */
  readonly run: (region: SynthesizedRegion) => readonly Finding[];
}

/** The policy pack, once it exists; undefined until then. */
export const POLICY_LAYER: PolicyLayer | undefined = undefined;
