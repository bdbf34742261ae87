/**
 * What a rule ID means, for readers of a report: the SARIF format lists every rule it reports
 * with these texts, and the README tables come from the same catalogues.
 */
import type { FindingLevel } from "../finding";

export interface RuleDescription {
  /** Stable ID, e.g. `SCHEMA-UNKNOWN-ATTRIBUTE`. */
  readonly id: string;
  /** The level its findings have unless a finding says otherwise. */
  readonly level: FindingLevel;
  /** One line: what the rule reports. */
  readonly shortDescription: string;
  /** Why it matters and how to fix it. */
  readonly help: string;
}

/** The rules of the layers that are not rule packs: input files and construct validations. */
export const CORE_RULES = {
  specInvalidInput: {
    id: "SPEC-INVALID-INPUT",
    level: "error",
    shortDescription: "A region or agency file is invalid",
    help:
      "The region could not be loaded: a YAML error, an unknown or missing field, a wrong type, " +
      "or a cross-file check (overlapping addresses, unknown zones or sites). Fix the file at " +
      "the line shown; nothing else is validated until the input loads.",
  },
  specCapacity: {
    id: "SPEC-CAPACITY",
    level: "error",
    shortDescription: "An availability zone cannot hold what is planned",
    help:
      "An error: the instances planned in a zone take more vCPUs or RAM than its hosts offer " +
      "Nova (the zone's capacity profile); add hosts, raise an allocation ratio, or move " +
      "workloads. A warning: if the site lost its largest zone, grade 1-2 instances named in " +
      "the message would not restart in the zones left. Checked when the whole region is " +
      "validated, as `tamna capacity` does.",
  },
  jsonInvalidInput: {
    id: "JSON-INVALID-INPUT",
    level: "error",
    shortDescription: "A Terraform JSON input of --json-dir cannot be read",
    help:
      "A file or directory given to `tamna validate --json-dir` is missing, not a regular file, " +
      "too large, not UTF-8, or not valid JSON. Fix it at the line shown; nothing else is " +
      "validated until every file reads.",
  },
  constructValidation: {
    id: "CONSTRUCT-VALIDATION",
    level: "error",
    shortDescription: "A construct validation failed during synthesis",
    help:
      "A construct checked its own configuration when the stacks were synthesized and refused " +
      "it. The message names the construct path; fix the input or the construct props.",
  },
  constructAnnotation: {
    id: "CONSTRUCT-ANNOTATION",
    level: "error",
    shortDescription: "A construct was annotated with an error during synthesis",
    help:
      "An error annotation on a construct stops cdktf synthesis. The message names the " +
      "construct path.",
  },
} as const satisfies Record<string, RuleDescription>;

/** Prefix of the rule IDs made from `terraform validate` diagnostics. */
export const TERRAFORM_RULE_PREFIX = "TERRAFORM-";

/**
 * Looks a rule up in the catalogues given, first match wins. Rules nobody describes (a policy
 * rule whose pack gives no description, a terraform diagnostic) get a generic description.
 */
export function describeRule(
  id: string,
  level: FindingLevel,
  catalogues: readonly (readonly RuleDescription[])[],
): RuleDescription {
  for (const catalogue of catalogues) {
    const found = catalogue.find((rule) => rule.id === id);
    if (found) return found;
  }
  if (id.startsWith(TERRAFORM_RULE_PREFIX)) {
    const summary = id.slice(TERRAFORM_RULE_PREFIX.length).toLowerCase().replace(/-/g, " ");
    return {
      id,
      level,
      shortDescription: `terraform validate: ${summary}`,
      help:
        "Reported by `terraform validate` with the OpenStack provider 3.4.0; the message " +
        "carries Terraform's own detail.",
    };
  }
  return { id, level, shortDescription: id, help: "See the message of each result." };
}

/** A Markdown table of rules (ID, level, what it reports), as the README shows them. */
export function rulesTable(rules: readonly RuleDescription[]): string {
  const rows = rules.map((rule) => `| \`${rule.id}\` | ${rule.level} | ${rule.shortDescription} |`);
  return ["| rule | level | reports |", "| --- | --- | --- |", ...rows].join("\n");
}
