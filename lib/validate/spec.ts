/**
 * Layer 1 of `tamna validate`: the region and agency files. Loading them is the check; each
 * problem of the TamnaError it throws becomes a finding that keeps its file, line and field.
 */
import type { Problem, TamnaError } from "../errors";
import type { Finding, ValidationLayer } from "../finding";
import { CORE_RULES } from "./rules";

export function specFindings(error: TamnaError): Finding[] {
  return error.problems.map((problem) =>
    problemFinding(problem, "spec", CORE_RULES.specInvalidInput.id),
  );
}

/** A problem of a TamnaError as a finding: received and allowed go into the message. */
export function problemFinding(problem: Problem, layer: ValidationLayer, ruleId: string): Finding {
  let message = problem.message;
  if (problem.received !== undefined) message += `; received ${problem.received}`;
  if (problem.allowed !== undefined) message += `; allowed: ${problem.allowed}`;
  const hasLocation = Object.keys(problem.location).length > 0;
  return {
    ruleId,
    level: "error",
    layer,
    message,
    ...(hasLocation ? { location: problem.location } : {}),
    ...(problem.hint !== undefined ? { hint: problem.hint } : {}),
  };
}
