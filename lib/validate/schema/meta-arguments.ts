/**
 * Terraform's meta-arguments of resources and data sources (count, for_each, depends_on,
 * provider, lifecycle, provisioner, connection), which no provider schema describes.
 */
import { isObject, typeMismatches } from "./cty";
import {
  bodies,
  unwrapInterpolation,
  type Body,
  type ElementKind,
  type StackDeclarations,
} from "./declarations";
import { checkExpressions } from "./expression-check";
import { expressionTraversals, isTemplate } from "./expressions";
import { joinPath, type Issue } from "./issue";
import type { SchemaBlock } from "./provider-schema";
import { checkReference, type ReferenceScope } from "./references";
import { SCHEMA_RULES } from "./rules";
import { suggestion } from "./suggest";

export const META_ARGUMENTS: Readonly<Record<ElementKind, ReadonlySet<string>>> = {
  resource: new Set([
    "count",
    "for_each",
    "depends_on",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
  ]),
  data: new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]),
};

const LIFECYCLE: Readonly<Record<ElementKind, readonly string[]>> = {
  resource: [
    "create_before_destroy",
    "prevent_destroy",
    "ignore_changes",
    "replace_triggered_by",
    "precondition",
    "postcondition",
  ],
  data: ["precondition", "postcondition"],
};

export function checkMetaArguments(
  kind: ElementKind,
  body: Body,
  schema: SchemaBlock | undefined,
  scope: ReferenceScope,
  issues: Issue[],
): void {
  if ("count" in body && "for_each" in body) {
    issues.push({
      rule: SCHEMA_RULES.invalidMetaArgument,
      path: "count",
      message: "count and for_each are both set; Terraform allows one of them",
      hint: "keep either count or for_each",
    });
  }
  if ("count" in body) {
    for (const mismatch of typeMismatches(body.count, "number")) {
      issues.push({
        rule: SCHEMA_RULES.wrongType,
        path: "count",
        message: `count expects a whole number; received ${mismatch.received}`,
      });
    }
    checkExpressions(body.count, "count", { ...scope, count: false }, issues);
  }
  if ("for_each" in body) checkForEach(body.for_each, scope, issues);
  if ("depends_on" in body) checkDependsOn(body.depends_on, "depends_on", scope, issues);
  if ("provider" in body) checkProvider(body.provider, scope.declarations, issues);
  if ("lifecycle" in body) checkLifecycle(kind, body.lifecycle, schema, scope, issues);
  for (const key of ["provisioner", "connection"]) {
    if (key in body) checkExpressions(body[key], key, scope, issues);
  }
}

function checkForEach(value: unknown, scope: ReferenceScope, issues: Issue[]): void {
  const usable = isObject(value) || (typeof value === "string" && isTemplate(value));
  if (!usable) {
    issues.push({
      rule: SCHEMA_RULES.invalidMetaArgument,
      path: "for_each",
      message: `for_each takes a map or a set of strings; received ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`,
      hint: Array.isArray(value) ? 'wrap a list in toset(): "${toset([...])}"' : undefined,
    });
  }
  checkExpressions(value, "for_each", { ...scope, each: false }, issues);
}

/** depends_on lists whole resources, data sources or modules, never attributes. */
export function checkDependsOn(
  value: unknown,
  path: string,
  scope: ReferenceScope,
  issues: Issue[],
): void {
  if (!Array.isArray(value)) {
    issues.push({
      rule: SCHEMA_RULES.invalidMetaArgument,
      path,
      message: "depends_on takes a list of references",
      hint: 'write ["openstack_x.name", ...]',
    });
    return;
  }
  value.forEach((entry, index) => {
    const here = `${path}[${index}]`;
    const text = typeof entry === "string" ? unwrapInterpolation(entry) : "";
    const traversals = expressionTraversals(text);
    const traversal = traversals[0];
    const whole =
      traversal !== undefined &&
      traversals.length === 1 &&
      /^[\w.-]+$/.test(text) &&
      traversal.steps.length === (traversal.root === "data" ? 2 : 1) &&
      !["var", "local", "each", "count", "self", "path", "terraform"].includes(traversal.root);
    if (!traversal || !whole) {
      issues.push({
        rule: SCHEMA_RULES.invalidMetaArgument,
        path: here,
        message: `depends_on entry ${JSON.stringify(entry)} is not a resource, data source or module`,
        hint: "name a whole object: type.name, data.type.name or module.name, without attributes",
      });
      return;
    }
    const problem = checkReference(traversal, scope);
    if (problem)
      issues.push({ rule: problem.rule, path: here, message: problem.message, hint: problem.hint });
  });
}

/** `provider = "openstack.admin"` needs a provider block with that alias. */
function checkProvider(value: unknown, declarations: StackDeclarations, issues: Issue[]): void {
  const text = typeof value === "string" ? unwrapInterpolation(value) : undefined;
  const match = text === undefined ? null : /^([\w-]+)(?:\.([\w-]+))?$/.exec(text);
  if (!match) {
    issues.push({
      rule: SCHEMA_RULES.invalidMetaArgument,
      path: "provider",
      message: `provider must name a provider configuration; received ${JSON.stringify(value)}`,
      hint: 'write "<provider>" or "<provider>.<alias>"',
    });
    return;
  }
  const [, name, alias] = match;
  const aliases = declarations.providerConfigs.get(name!);
  if (alias === undefined || aliases?.has(alias)) return;
  issues.push({
    rule: SCHEMA_RULES.unknownProvider,
    path: "provider",
    message: `provider ${text}: no provider "${name}" block declares the alias "${alias}"`,
    hint:
      suggestion(alias, [...(aliases ?? [])].filter(Boolean)) ??
      `add a provider "${name}" configuration with alias "${alias}"`,
  });
}

function checkLifecycle(
  kind: ElementKind,
  value: unknown,
  schema: SchemaBlock | undefined,
  scope: ReferenceScope,
  issues: Issue[],
): void {
  for (const lifecycle of bodies(value)) {
    for (const [key, setting] of Object.entries(lifecycle)) {
      const here = joinPath("lifecycle", key);
      if (key === "//") continue;
      if (!LIFECYCLE[kind].includes(key)) {
        issues.push({
          rule: SCHEMA_RULES.unknownAttribute,
          path: here,
          message: `lifecycle of a ${kind === "data" ? "data source" : "resource"} has no "${key}"`,
          hint: suggestion(key, LIFECYCLE[kind]) ?? `allowed: ${LIFECYCLE[kind].join(", ")}`,
        });
        continue;
      }
      if (key === "create_before_destroy" || key === "prevent_destroy") {
        for (const mismatch of typeMismatches(setting, "bool")) {
          issues.push({
            rule: SCHEMA_RULES.wrongType,
            path: here,
            message: `${key} expects a bool; received ${mismatch.received}`,
          });
        }
      } else if (key === "ignore_changes") {
        checkIgnoreChanges(setting, schema, issues);
      } else if (key === "replace_triggered_by") {
        const entries = Array.isArray(setting) ? setting : [];
        entries.forEach((entry, index) => {
          const expression =
            typeof entry === "string" ? `\${${unwrapInterpolation(entry)}}` : entry;
          checkExpressions(expression, `${here}[${index}]`, scope, issues);
        });
      } else {
        checkExpressions(setting, here, scope, issues);
      }
    }
  }
}

/** ignore_changes is `"all"` or a list of the element's own attributes. */
function checkIgnoreChanges(
  value: unknown,
  schema: SchemaBlock | undefined,
  issues: Issue[],
): void {
  if (typeof value === "string" && unwrapInterpolation(value) === "all") return;
  if (!Array.isArray(value)) {
    issues.push({
      rule: SCHEMA_RULES.invalidMetaArgument,
      path: "lifecycle.ignore_changes",
      message: `ignore_changes takes "all" or a list of attribute names; received ${JSON.stringify(value)}`,
    });
    return;
  }
  if (!schema) return;
  const known = [...Object.keys(schema.attributes ?? {}), ...Object.keys(schema.block_types ?? {})];
  value.forEach((entry, index) => {
    const name =
      typeof entry === "string" ? /^[\w-]+/.exec(unwrapInterpolation(entry))?.[0] : undefined;
    if (name !== undefined && known.includes(name)) return;
    issues.push({
      rule: SCHEMA_RULES.unknownAttribute,
      path: `lifecycle.ignore_changes[${index}]`,
      message: `ignore_changes names ${JSON.stringify(entry)}, which is not an attribute of this type`,
      hint: (name && suggestion(name, known)) || "name an argument of the resource",
    });
  });
}
