import type { RegionPlan } from "../plan/region-plan";
import type { RegionSpec } from "../spec/region";
import type { FindingLevel } from "../finding";
import type { PolicyResource, StackView } from "./stack-view";

/**
 * The shape of a policy rule, in the manner of cdk-nag: a stable ID, a level, a title and an
 * explanation (both go into RULES.md), and a pure check of one synthesized stack.
 */

/** The region the stacks were synthesized from: its plan, and the intent the rules hold it to. */
export interface RegionModel {
  readonly plan: RegionPlan;
  /** The declared zones, flows and management access that the output must honour. */
  readonly spec: Pick<RegionSpec, "zones" | "flows" | "management">;
}

export interface PolicyContext extends StackView {
  readonly region: RegionModel;
  /**
   * Every stack checked in the same run, this one included, for rules that compare layers
   * (an agency's workloads against its tenancy's quota). A rule must cope with a sibling that
   * is not there, e.g. when one stack is checked alone.
   */
  readonly app: readonly StackView[];
}

export interface Violation {
  /** The offending resource; its stack, address and construct path go into the finding. */
  readonly resource?: PolicyResource;
  /** Address of a non-resource element, such as `output.tamna_systems`. */
  readonly address?: string;
  /** Stack of the finding when there is no resource. @default the checked stack */
  readonly stack?: string;
  /** Attribute path inside the resource, e.g. `remote_ip_prefix` or `fixed_ip[0].ip_address`. */
  readonly attribute?: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

export interface PolicyRuleInfo {
  /** Stable: findings, suppressions and RULES.md refer to it. Never reuse a retired ID. */
  readonly id: string;
  readonly level: FindingLevel;
  /** What the rule requires, in a few words. */
  readonly title: string;
  /** Why, for RULES.md and reviewers. */
  readonly explanation: string;
}

export interface PolicyRule extends PolicyRuleInfo {
  check(context: PolicyContext): readonly Violation[];
}
