/**
 * Finds every template in a JSON value and checks the references its expressions make.
 */
import { isObject, keyStep } from "./cty";
import { expressionTraversals, templateParts } from "./expressions";
import { joinPath, type Issue } from "./issue";
import { checkReference, type ReferenceScope } from "./references";
import { SCHEMA_RULES } from "./rules";

export function checkExpressions(
  value: unknown,
  path: string,
  scope: ReferenceScope,
  issues: Issue[],
): void {
  if (typeof value === "string") {
    checkTemplate(value, path, scope, issues);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkExpressions(item, `${path}[${index}]`, scope, issues));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === "//") continue;
      checkTemplate(key, path, scope, issues);
      checkExpressions(item, joinPath(path, keyStep(key).replace(/^\./, "")), scope, issues);
    }
  }
}

function checkTemplate(text: string, path: string, scope: ReferenceScope, issues: Issue[]): void {
  if (!text.includes("${") && !text.includes("%{")) return;
  const parts = templateParts(text);
  if (parts.error) {
    issues.push({
      rule: SCHEMA_RULES.invalidExpression,
      path,
      message: `malformed template: ${parts.error}`,
      hint: "close the interpolation with }, or write $${ for a literal ${",
    });
  }
  const locals = new Set([...scope.locals, ...parts.locals]);
  const seen = new Set<string>();
  for (const expression of parts.expressions) {
    for (const traversal of expressionTraversals(expression, locals)) {
      const problem = checkReference(traversal, scope);
      if (!problem || seen.has(problem.message)) continue;
      seen.add(problem.message);
      issues.push({ rule: problem.rule, path, message: problem.message, hint: problem.hint });
    }
  }
}
