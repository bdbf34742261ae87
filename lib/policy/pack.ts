import type { Finding } from "../finding";
import type { PolicyContext, PolicyRule, RegionModel, Violation } from "./rule";
import { TAMNA_RULES } from "./rules";
import { stackView, type StackView, type SynthesizedStack } from "./stack-view";
import {
  applySuppressions,
  checkSuppressions,
  resourceSuppressions,
  type PolicySuppression,
} from "./suppressions";

export interface PolicyOptions {
  /**
   * Suppressions in data form, e.g. from the spec. Those written into resources' `//` blocks
   * (`suppressRule`) are read from the JSON and need not be passed.
   * @default none
   */
  readonly suppressions?: readonly PolicySuppression[];
  /** @default TAMNA_RULES, the whole pack */
  readonly rules?: readonly PolicyRule[];
  /**
   * Names of the stacks whose rules run; the others only give context to rules that compare
   * layers (e.g. the tenancy's quota for the agency's workloads).
   * @default every stack given
   */
  readonly check?: readonly string[];
}

/**
 * Runs the policy pack over synthesized stacks (cdk.tf.json each) and returns every finding,
 * suppressed ones included (marked `suppressed`), sorted by stack, rule, address. A finding
 * fails validation when its level is error and it is not suppressed.
 */
export function policyFindings(
  stacks: readonly SynthesizedStack[],
  region: RegionModel,
  options: PolicyOptions = {},
): Finding[] {
  const rules = options.rules ?? TAMNA_RULES;
  const views = stacks.map(stackView);
  const only = options.check;
  const checked = only ? views.filter((view) => only.includes(view.stack.name)) : views;
  const { valid, findings: invalid } = checkSuppressions(
    [...(options.suppressions ?? []), ...resourceSuppressions(checked)],
    rules.map((rule) => rule.id),
  );
  const found = checked.flatMap((view) => {
    const context: PolicyContext = { ...view, region, app: views };
    return rules.flatMap((rule) =>
      rule.check(context).map((violation) => toFinding(rule, view, violation)),
    );
  });
  const order = new Map(stacks.map((stack, index) => [stack.info.name, index]));
  return [...invalid, ...applySuppressions(found, valid)].sort(
    (a, b) =>
      (order.get(a.stack ?? "") ?? -1) - (order.get(b.stack ?? "") ?? -1) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.address ?? "", b.address ?? "") ||
      compare(a.attribute ?? "", b.attribute ?? "") ||
      compare(a.message, b.message),
  );
}

/** True when the findings should fail a run: an error that no suppression covers. */
export function isBlocking(finding: Finding): boolean {
  return finding.level === "error" && !finding.suppressed;
}

function toFinding(rule: PolicyRule, view: StackView, violation: Violation): Finding {
  const { resource } = violation;
  const stack = resource?.stack ?? violation.stack ?? view.stack.name;
  const address = resource?.address ?? violation.address;
  return {
    ruleId: rule.id,
    level: rule.level,
    layer: "policy",
    message: violation.message,
    stack,
    ...(address ? { address } : {}),
    ...(violation.attribute ? { attribute: violation.attribute } : {}),
    ...(resource?.constructPath ? { location: { construct: resource.constructPath } } : {}),
    hint: violation.hint,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
