import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  policyRuleDescriptions,
  rulesDocument,
  SUPPRESSION_CHECKS,
  TAMNA_RULES,
} from "../../../lib/policy";

const RULES_MD = path.join(__dirname, "..", "..", "..", "RULES.md");

describe("RULES.md", () => {
  it("THEN it is what scripts/generate-rules-doc.ts generates from the rules", async () => {
    const options = (await prettier.resolveConfig(RULES_MD)) ?? {};
    const expected = await prettier.format(rulesDocument(), { ...options, filepath: RULES_MD });
    const actual = fs.existsSync(RULES_MD) ? fs.readFileSync(RULES_MD, "utf8") : "";
    expect(actual, "RULES.md is out of date: run npx tsx scripts/generate-rules-doc.ts").toBe(
      expected,
    );
  });

  it("THEN it has a row for every rule and every check of suppressions", () => {
    const text = rulesDocument();
    for (const rule of [...TAMNA_RULES, ...SUPPRESSION_CHECKS]) {
      expect(text).toContain(`| ${rule.id} | ${rule.level} | ${rule.title} |`);
    }
  });

  it("THEN a | inside a cell is escaped so the table keeps its columns", () => {
    const text = rulesDocument([
      { id: "X-1", level: "warning", title: "a | b", explanation: "one\ntwo" },
    ]);
    expect(text).toContain("| X-1 | warning | a \\| b | one two |");
  });
});

describe("policyRuleDescriptions", () => {
  it("THEN every rule and check is described for reports, title as short description", () => {
    const descriptions = policyRuleDescriptions();
    expect(descriptions.map((d) => d.id)).toEqual(
      [...TAMNA_RULES, ...SUPPRESSION_CHECKS].map((rule) => rule.id),
    );
    expect(descriptions[0]).toEqual({
      id: TAMNA_RULES[0]!.id,
      level: TAMNA_RULES[0]!.level,
      shortDescription: TAMNA_RULES[0]!.title,
      help: TAMNA_RULES[0]!.explanation,
    });
  });
});
