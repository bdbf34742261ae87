/**
 * The seam where the policy pack (layer 3) plugs into `tamna validate`: the command runs the
 * layer registered here after synthesis and before the provider-schema layer.
 *
 * Policy rules must not add error annotations to constructs: those stop cdktf synthesis and
 * would be reported by the construct layer instead.
 */
import type { RegionPlan, StackPlan } from "../plan/region-plan";
import {
  policyFindings,
  policyRuleDescriptions,
  stackInfo,
  type PolicySuppression,
} from "../policy";
import type { RegionInput } from "../spec/load";
import type { Finding } from "../finding";
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

/** Suppressions from the agency files, each limited to the agency's own stacks. */
export function specSuppressions(region: SynthesizedRegion): PolicySuppression[] {
  return region.input.agencies.flatMap((agency) => {
    const stacks = region.plan.stacks
      .filter((stack) => "agency" in stack && stack.agency === agency.spec.slug)
      .map((stack) => stack.name);
    return agency.spec.suppressions.flatMap((suppression, index) => {
      const location = agency.source.locate(["suppressions", index]);
      const base = {
        rule: suppression.rule,
        reason: suppression.reason,
        ...(suppression.address !== undefined ? { address: suppression.address } : {}),
        location,
      };
      // A stack outside the agency matches nothing: an agency cannot silence another's findings.
      return (suppression.stack !== undefined ? [suppression.stack] : stacks).map((stack) => ({
        ...base,
        stack: stacks.includes(stack) ? stack : `${stack} (not a stack of ${agency.spec.slug})`,
      }));
    });
  });
}

/** The policy pack of lib/policy over the synthesized stacks, with the agencies' suppressions. */
export const POLICY_LAYER: PolicyLayer | undefined = {
  rules: policyRuleDescriptions(),
  run: (region) =>
    policyFindings(
      region.stacks.map(({ plan, json }) => ({ info: stackInfo(plan), json })),
      { plan: region.plan, spec: region.input.region.spec },
      { suppressions: specSuppressions(region) },
    ),
};
