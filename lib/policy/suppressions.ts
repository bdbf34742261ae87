import { closest } from "fastest-levenshtein";
import type { Location } from "../errors";
import type { Finding } from "../finding";
import { isReasonGiven, MIN_REASON_LENGTH } from "./markers";
import type { PolicyRuleInfo } from "./rule";
import type { StackView } from "./stack-view";

/**
 * Suppressions, as in cdk-nag: a rule may be silenced for a stack or a resource with a reason a
 * reviewer can check. A suppressed finding is still reported, marked with the reason, so the
 * output lists every exception. Suppressions come from the spec (this data form) or from a
 * resource's `//` block, where `suppressRule` puts them.
 */
export interface PolicySuppression {
  /** ID of the rule silenced. */
  readonly rule: string;
  /** Why the rule does not apply, for reviewers: at least 10 characters. */
  readonly reason: string;
  /** Only findings in this stack. @default every stack */
  readonly stack?: string;
  /** Only findings at this Terraform address. @default every address of the stack(s) */
  readonly address?: string;
  /** Where the suppression is declared (spec file and line), for findings about it. */
  readonly location?: Location;
}

export const REASON_TOO_SHORT: PolicyRuleInfo = {
  id: "TAMNA-POL-000",
  level: "error",
  title: `A suppression gives a reason of at least ${MIN_REASON_LENGTH} characters`,
  explanation:
    "A suppression silences a rule where it does not apply; its reason is what a reviewer " +
    "checks and what an auditor reads later. A missing or token reason (`ok`, `n/a`) is " +
    "rejected and the suppression is not applied.",
};

export const UNKNOWN_RULE: PolicyRuleInfo = {
  id: "TAMNA-POL-001",
  level: "error",
  title: "A suppression names a rule of the pack",
  explanation:
    "A suppression of a rule ID the pack does not have (a typo, or a retired rule) silences " +
    "nothing and hides the intent; it is rejected. The checks of suppressions themselves " +
    "(TAMNA-POL-*) cannot be suppressed.",
};

export const SUPPRESSION_CHECKS: readonly PolicyRuleInfo[] = [REASON_TOO_SHORT, UNKNOWN_RULE];

/** The suppressions written into the resources' `//` blocks, scoped to their resource. */
export function resourceSuppressions(views: readonly StackView[]): PolicySuppression[] {
  return views.flatMap((view) =>
    [...view.resources, ...view.dataSources].flatMap((resource) =>
      resource.markers.suppressions.map((suppression) => ({
        ...suppression,
        stack: view.stack.name,
        address: resource.address,
        ...(resource.constructPath ? { location: { construct: resource.constructPath } } : {}),
      })),
    ),
  );
}

/** Splits suppressions into those that apply and findings about those that are invalid. */
export function checkSuppressions(
  suppressions: readonly PolicySuppression[],
  ruleIds: readonly string[],
): { valid: PolicySuppression[]; findings: Finding[] } {
  const valid: PolicySuppression[] = [];
  const findings: Finding[] = [];
  for (const suppression of suppressions) {
    const about = {
      layer: "policy" as const,
      ...(suppression.stack ? { stack: suppression.stack } : {}),
      ...(suppression.address ? { address: suppression.address } : {}),
      ...(suppression.location ? { location: suppression.location } : {}),
    };
    if (!ruleIds.includes(suppression.rule)) {
      const suggestion = ruleIds.length > 0 ? closest(suppression.rule, [...ruleIds]) : undefined;
      findings.push({
        ...about,
        ruleId: UNKNOWN_RULE.id,
        level: UNKNOWN_RULE.level,
        attribute: "rule",
        message: `a suppression names rule ${JSON.stringify(suppression.rule)}, which the policy pack does not have`,
        hint: suggestion
          ? `use one of the IDs in RULES.md (did you mean ${suggestion}?)`
          : "use one of the IDs in RULES.md",
      });
    } else if (!isReasonGiven(suppression.reason)) {
      findings.push({
        ...about,
        ruleId: REASON_TOO_SHORT.id,
        level: REASON_TOO_SHORT.level,
        attribute: "reason",
        message: `the suppression of ${suppression.rule} gives the reason ${JSON.stringify(suppression.reason)}, shorter than ${MIN_REASON_LENGTH} characters`,
        hint: "say in a sentence why the rule does not apply here, so a reviewer can check it",
      });
    } else {
      valid.push(suppression);
    }
  }
  return { valid, findings };
}

/** Marks each finding that a valid suppression covers; the first matching reason is kept. */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly PolicySuppression[],
): Finding[] {
  return findings.map((finding) => {
    const match = suppressions.find(
      (s) =>
        s.rule === finding.ruleId &&
        (s.stack === undefined || s.stack === finding.stack) &&
        (s.address === undefined || s.address === finding.address),
    );
    return match ? { ...finding, suppressed: { reason: match.reason.trim() } } : finding;
  });
}
