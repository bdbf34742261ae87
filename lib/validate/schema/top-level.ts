/**
 * The top-level blocks of a Terraform JSON file other than resources and data sources:
 * terraform, provider, variable, output, locals, module, moved, import (check and removed are
 * accepted as they are). Each check returns issues keyed by the address they belong to.
 */
import { typeMismatches } from "./cty";
import { checkBody } from "./body";
import {
  bodies,
  entries,
  labelledBodies,
  providerSource,
  unwrapInterpolation,
  type Body,
  type StackDeclarations,
} from "./declarations";
import { checkExpressions } from "./expression-check";
import { expressionTraversals } from "./expressions";
import { joinPath, type Issue } from "./issue";
import { checkDependsOn } from "./meta-arguments";
import { checkReference, type ReferenceScope } from "./references";
import { SCHEMA_RULES } from "./rules";
import type { SchemaIndex } from "./schema-index";
import { suggestion } from "./suggest";

export const TOP_LEVEL_BLOCKS = [
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "variable",
  "output",
  "locals",
  "module",
  "moved",
  "import",
  "check",
  "removed",
] as const;

/** Issues of one top-level block, with the address they are reported at. */
export interface AddressedIssues {
  readonly address: string;
  readonly issues: readonly Issue[];
}

const TERRAFORM_SETTINGS = [
  "required_version",
  "required_providers",
  "backend",
  "cloud",
  "experiments",
  "provider_meta",
  "encryption",
];
const VARIABLE_ARGUMENTS = [
  "type",
  "default",
  "description",
  "validation",
  "sensitive",
  "nullable",
  "ephemeral",
];
const OUTPUT_ARGUMENTS = [
  "value",
  "description",
  "sensitive",
  "depends_on",
  "precondition",
  "ephemeral",
];

export function checkTopLevel(
  key: string,
  value: unknown,
  index: SchemaIndex,
  declarations: StackDeclarations,
): AddressedIssues[] {
  const scope: ReferenceScope = {
    declarations,
    index,
    each: false,
    count: false,
    locals: new Set(),
  };
  switch (key) {
    case "terraform":
      return bodies(value).map((body) => ({
        address: "terraform",
        issues: unknownKeys(body, TERRAFORM_SETTINGS, "terraform", ""),
      }));
    case "provider":
      return checkProviders(value, scope);
    case "variable":
      return labelledBodies(value).map(([name, body]) => ({
        address: `var.${name}`,
        issues: checkVariable(body),
      }));
    case "output":
      return labelledBodies(value).map(([name, body]) => ({
        address: `output.${name}`,
        issues: checkOutput(body, scope),
      }));
    case "locals":
      return bodies(value).flatMap((body) =>
        Object.entries(body)
          .filter(([name]) => name !== "//")
          .map(([name, local]) => ({
            address: `local.${name}`,
            issues: expressions(local, "", scope),
          })),
      );
    case "module":
      return labelledBodies(value).map(([name, body]) => ({
        address: `module.${name}`,
        issues: checkModule(body, scope),
      }));
    case "moved":
    case "import":
      return bodies(value).map((body, position) => ({
        address: `${key}[${position}]`,
        issues: checkMovedOrImport(key, body, scope),
      }));
    case "check":
    case "removed":
      return [];
    default:
      return [
        {
          address: key,
          issues: [
            {
              rule: SCHEMA_RULES.unknownAttribute,
              path: "",
              message: `"${key}" is not a top-level block of a Terraform configuration`,
              hint:
                suggestion(key, TOP_LEVEL_BLOCKS) ??
                `allowed: ${TOP_LEVEL_BLOCKS.slice(1).join(", ")}`,
            },
          ],
        },
      ];
  }
}

function checkProviders(value: unknown, scope: ReferenceScope): AddressedIssues[] {
  return entries(value).flatMap(([name, configs]) =>
    bodies(configs).map((config) => {
      const alias = typeof config.alias === "string" ? config.alias : undefined;
      const address = alias ? `provider.${name}.${alias}` : `provider.${name}`;
      const source = providerSource(scope.declarations, name);
      const provider = scope.index.provider(source);
      if (!provider) {
        return {
          address,
          issues: [
            {
              rule: SCHEMA_RULES.unknownProvider,
              path: "",
              message: `no schema for provider "${name}" (${source})`,
              hint: `tamna validates against the OpenStack provider 3.4.0 only (${scope.index.sources().join(", ")})`,
            },
          ],
        };
      }
      const issues: Issue[] = [];
      checkBody(
        config,
        provider.config,
        `provider "${name}"`,
        "",
        scope,
        issues,
        new Set(["alias", "version"]),
      );
      if ("alias" in config && typeof config.alias !== "string") {
        issues.push({
          rule: SCHEMA_RULES.wrongType,
          path: "alias",
          message: `alias expects a string; received ${JSON.stringify(config.alias)}`,
        });
      }
      return { address, issues };
    }),
  );
}

function checkVariable(body: Body): Issue[] {
  const issues = unknownKeys(body, VARIABLE_ARGUMENTS, "a variable", "");
  for (const key of ["sensitive", "nullable", "ephemeral"]) {
    for (const mismatch of key in body ? typeMismatches(body[key], "bool") : []) {
      issues.push({
        rule: SCHEMA_RULES.wrongType,
        path: key,
        message: `${key} expects a bool; received ${mismatch.received}`,
      });
    }
  }
  return issues;
}

function checkOutput(body: Body, scope: ReferenceScope): Issue[] {
  const issues = unknownKeys(body, OUTPUT_ARGUMENTS, "an output", "");
  if (!("value" in body)) {
    issues.push({
      rule: SCHEMA_RULES.missingRequiredAttribute,
      path: "value",
      message: 'the required argument "value" is not set',
      hint: "give the output a value",
    });
  }
  checkExpressions(body.value, "value", scope, issues);
  for (const precondition of bodies(body.precondition)) {
    checkExpressions(precondition, "precondition", scope, issues);
  }
  if ("depends_on" in body) checkDependsOn(body.depends_on, "depends_on", scope, issues);
  return issues;
}

function checkModule(body: Body, scope: ReferenceScope): Issue[] {
  const issues: Issue[] = [];
  if (typeof body.source !== "string") {
    issues.push({
      rule: SCHEMA_RULES.missingRequiredAttribute,
      path: "source",
      message: 'the required argument "source" is not set',
    });
  }
  const inner: ReferenceScope = { ...scope, each: "for_each" in body, count: "count" in body };
  for (const [key, value] of Object.entries(body)) {
    if (key === "depends_on") checkDependsOn(value, key, scope, issues);
    else if (!["//", "source", "version", "providers"].includes(key)) {
      checkExpressions(value, key, inner, issues);
    }
  }
  return issues;
}

/** `moved { from, to }` and `import { to, id }`: `to` must be declared in the stack. */
function checkMovedOrImport(key: "moved" | "import", body: Body, scope: ReferenceScope): Issue[] {
  const allowed =
    key === "moved" ? ["from", "to"] : ["to", "id", "identity", "provider", "for_each"];
  const issues = unknownKeys(body, allowed, `a ${key} block`, "");
  for (const required of key === "moved" ? ["from", "to"] : ["to"]) {
    if (typeof body[required] !== "string") {
      issues.push({
        rule: SCHEMA_RULES.missingRequiredAttribute,
        path: required,
        message: `the required argument "${required}" is not set`,
      });
    }
  }
  if (typeof body.to === "string") {
    const [traversal] = expressionTraversals(unwrapInterpolation(body.to));
    const problem = traversal ? checkReference(traversal, scope) : undefined;
    if (problem)
      issues.push({ rule: problem.rule, path: "to", message: problem.message, hint: problem.hint });
  }
  if (key === "import") {
    checkExpressions(body.id, "id", { ...scope, each: "for_each" in body }, issues);
  }
  return issues;
}

function unknownKeys(body: Body, allowed: readonly string[], owner: string, path: string): Issue[] {
  return Object.keys(body)
    .filter((key) => key !== "//" && !allowed.includes(key))
    .map((key) => ({
      rule: SCHEMA_RULES.unknownAttribute,
      path: joinPath(path, key),
      message: `${owner} has no argument "${key}"`,
      hint: suggestion(key, allowed) ?? `allowed: ${allowed.join(", ")}`,
    }));
}

function expressions(value: unknown, path: string, scope: ReferenceScope): Issue[] {
  const issues: Issue[] = [];
  checkExpressions(value, path, scope, issues);
  return issues;
}
