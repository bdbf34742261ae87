/**
 * Layer 2 of `tamna validate`: the validations constructs run on themselves at synthesis.
 * cdktf runs them in `app.synth()` (unless the App skips validation; Testing.synth does by
 * default) and throws one Error listing them all, or stops at the first stack with an error
 * annotation. This layer lets synthesis run as usual and, when it throws, asks every construct
 * again, through the `constructs` API only (no cdktf), for findings with construct paths.
 */
import type { IConstruct } from "constructs";
import { TamnaError } from "../errors";
import type { Finding } from "../finding";
import { CORE_RULES } from "./rules";
import { problemFinding } from "./spec";

/** cdktf's metadata type of `Annotations.of(x).addError()`. */
const ERROR_ANNOTATION = "@cdktf/error";

export interface SynthesisOutcome {
  /** Whether the stacks were written. */
  readonly synthesized: boolean;
  readonly findings: readonly Finding[];
}

/**
 * Builds the app and synthesizes it. When a validation or an error annotation stops it, or a
 * construct refuses its props with a TamnaError, returns them as findings (layer "construct").
 * Any other error is a bug and is thrown as it is.
 */
export function synthesizeWithValidations(
  build: () => IConstruct & { synth(): void },
): SynthesisOutcome {
  let app: (IConstruct & { synth(): void }) | undefined;
  try {
    app = build();
    app.synth();
    return { synthesized: true, findings: [] };
  } catch (error) {
    if (error instanceof TamnaError) {
      const findings = error.problems.map((problem) => ({
        ...problemFinding(problem, "construct", CORE_RULES.constructValidation.id),
        ...stackOf(problem.location.construct),
      }));
      return { synthesized: false, findings };
    }
    const findings = app ? constructFindings(app) : [];
    if (findings.length === 0) throw error;
    return { synthesized: false, findings };
  }
}

/** Every failing validation and error annotation in the tree under `root`. */
export function constructFindings(root: IConstruct): Finding[] {
  const findings: Finding[] = [];
  for (const construct of root.node.findAll()) {
    const path = construct.node.path;
    for (const message of construct.node.validate()) {
      findings.push(finding(CORE_RULES.constructValidation.id, path, message));
    }
    for (const entry of construct.node.metadata) {
      if (entry.type === ERROR_ANNOTATION) {
        findings.push(finding(CORE_RULES.constructAnnotation.id, path, String(entry.data)));
      }
    }
  }
  return findings;
}

function finding(ruleId: string, path: string, message: string): Finding {
  return {
    ruleId,
    level: "error",
    layer: "construct",
    message,
    ...stackOf(path),
    location: { construct: path || "(app)" },
  };
}

/** The first segment of a construct path is the stack, which is named after the plan. */
function stackOf(constructPath: string | undefined): { stack?: string } {
  const stack = constructPath?.split("/")[0];
  return stack ? { stack } : {};
}
