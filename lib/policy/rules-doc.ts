import { MIN_REASON_LENGTH } from "./markers";
import type { PolicyRuleInfo } from "./rule";
import { TAMNA_RULES } from "./rules";
import { SUPPRESSION_CHECKS } from "./suppressions";

/**
 * The text of RULES.md, generated from the rules themselves so that it cannot drift. The
 * script (scripts/generate-rules-doc.ts) runs it through Prettier, which aligns the tables.
 */
export function rulesDocument(
  rules: readonly PolicyRuleInfo[] = TAMNA_RULES,
  checks: readonly PolicyRuleInfo[] = SUPPRESSION_CHECKS,
): string {
  return [
    "# Policy rules",
    "",
    "<!-- Generated from lib/policy/rules by `npx tsx scripts/generate-rules-doc.ts`: do not edit. -->",
    "",
    "`tamna validate` runs this pack over the synthesized Terraform JSON (`cdk.tf.json`) of " +
      "every stack, before anyone runs `terraform plan`; construct users get the same checks " +
      "at synth time from `PolicyAspect` (`lib/constructs/policy-aspect.ts`). Each finding " +
      "names the stack, the Terraform address, the attribute and the construct path, and says " +
      "how to fix it. An unsuppressed `error` fails the run; a `warning` is reported only.",
    "",
    "## Rules",
    "",
    table(rules),
    "",
    "## Suppressions",
    "",
    "A rule that does not apply somewhere can be suppressed there, with a reason of at least " +
      `${MIN_REASON_LENGTH} characters that a reviewer can check. Suppressed findings are still ` +
      "listed, marked with their reason.",
    "",
    "- In TypeScript: `suppressRule(construct, ruleId, reason)` from " +
      "`lib/constructs/policy-aspect.ts` writes the suppression into the `//` block of every " +
      'resource under the construct (`"//": { "tamna": { "suppressions": [...] } }`), so it ' +
      "travels with the synthesized JSON.",
    "- As data: `{ rule, reason, stack?, address? }`, for the whole region, one stack, or one " +
      "Terraform address in it.",
    "",
    "The suppressions are checked themselves:",
    "",
    table(checks),
    "",
  ].join("\n");
}

/**
 * The rules as a report's rule catalogue (the shape of lib/validate's RuleDescription, used for
 * SARIF): the title is the short description, the explanation the help.
 */
export function policyRuleDescriptions(
  rules: readonly PolicyRuleInfo[] = [...TAMNA_RULES, ...SUPPRESSION_CHECKS],
): { id: string; level: PolicyRuleInfo["level"]; shortDescription: string; help: string }[] {
  return rules.map(({ id, level, title, explanation }) => ({
    id,
    level,
    shortDescription: title,
    help: explanation,
  }));
}

function table(rules: readonly PolicyRuleInfo[]): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [
    row(["ID", "Level", "Title", "Explanation"]),
    row(["---", "---", "---", "---"]),
    ...rules.map((rule) => row([rule.id, rule.level, rule.title, rule.explanation])),
  ].join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
