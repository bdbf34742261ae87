import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CORE_RULES, describeRule } from "../../../lib/validate/rules";
import { SCHEMA_RULE_LIST } from "../../../lib/validate/schema/rules";

const README = path.join(__dirname, "..", "..", "..", "lib", "validate", "README.md");

describe("the rule catalogues", () => {
  const rules = [...Object.values(CORE_RULES), ...SCHEMA_RULE_LIST];

  it("THEN lib/validate/README.md lists every rule with its level and description", () => {
    const rows = fs
      .readFileSync(README, "utf8")
      .split("\n")
      .filter((line) => /^\| `[A-Z]/.test(line))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(
      rules.map((rule) => [`\`${rule.id}\``, rule.level, rule.shortDescription]),
    );
  });

  it("THEN rule IDs are unique", () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it("THEN a terraform diagnostic's rule or an undescribed rule still gets a description", () => {
    expect(describeRule("TERRAFORM-MISSING-REQUIRED-ARGUMENT", "error", [])).toMatchObject({
      shortDescription: "terraform validate: missing required argument",
      level: "error",
    });
    expect(describeRule("TAMNA-X-001", "warning", [])).toMatchObject({
      shortDescription: "TAMNA-X-001",
      level: "warning",
    });
    expect(describeRule("SCHEMA-WRONG-TYPE", "error", [SCHEMA_RULE_LIST]).shortDescription).toBe(
      "Value of the wrong type",
    );
  });
});
