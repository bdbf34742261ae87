/**
 * Checks one reference found in an expression against what the stack declares and what the
 * referenced type's schema offers.
 */
import { unknownStep } from "./attribute-path";
import { elementSchema, type ElementKind, type StackDeclarations } from "./declarations";
import { formatTraversal, type Traversal, type TraversalStep } from "./expressions";
import { SCHEMA_RULES, type SchemaRule } from "./rules";
import type { SchemaIndex } from "./schema-index";
import { suggestion } from "./suggest";

/** Where an expression sits, which decides what it may refer to. */
export interface ReferenceScope {
  readonly declarations: StackDeclarations;
  readonly index: SchemaIndex;
  /** `each.key`/`each.value` exist (the element has for_each). */
  readonly each: boolean;
  /** `count.index` exists (the element has count). */
  readonly count: boolean;
  /** Names that are local to the expression's block, e.g. dynamic-block iterators. */
  readonly locals: ReadonlySet<string>;
}

export interface ReferenceProblem {
  readonly rule: SchemaRule;
  readonly message: string;
  readonly hint?: string;
}

/** Roots Terraform always provides, or that this layer does not check. */
const UNCHECKED_ROOTS = new Set(["self", "path", "terraform", "ephemeral"]);

export function checkReference(
  traversal: Traversal,
  scope: ReferenceScope,
): ReferenceProblem | undefined {
  const { root, steps } = traversal;
  if (UNCHECKED_ROOTS.has(root) || scope.locals.has(root)) return undefined;
  const text = formatTraversal(traversal);
  const first = steps[0]?.kind === "attr" ? steps[0].name : undefined;
  const declared = scope.declarations;

  switch (root) {
    case "var":
      return checkName(text, "variable", first, declared.variables, "declare it under `variable`");
    case "local":
      return checkName(text, "local value", first, declared.locals, "declare it under `locals`");
    case "module":
      return checkName(text, "module", first, declared.modules, "declare it under `module`");
    case "each":
      return scope.each
        ? undefined
        : undeclared(`${text}: "each" exists only in blocks that set for_each`);
    case "count":
      return scope.count
        ? undefined
        : undeclared(`${text}: "count" exists only in blocks that set count`);
    case "data": {
      const [typeStep, ...rest] = steps;
      if (typeStep?.kind !== "attr")
        return undeclared(`${text}: a data reference needs a type and a name`);
      return checkElement("data", typeStep.name, rest, text, scope);
    }
    default:
      return checkElement("resource", root, steps, text, scope);
  }
}

function checkName(
  text: string,
  what: string,
  name: string | undefined,
  known: ReadonlySet<string>,
  fix: string,
): ReferenceProblem | undefined {
  if (name !== undefined && known.has(name)) return undefined;
  return undeclared(
    `${text}: ${name === undefined ? `a ${what} reference needs a name` : `no ${what} "${name}" is declared in this stack`}`,
    suggestionFor(name, known) ?? fix,
  );
}

function checkElement(
  kind: ElementKind,
  type: string,
  steps: readonly TraversalStep[],
  text: string,
  scope: ReferenceScope,
): ReferenceProblem | undefined {
  const [nameStep, ...rest] = steps;
  const what = kind === "data" ? "data source" : "resource";
  if (nameStep?.kind !== "attr") {
    return undeclared(
      `${text}: a reference to a ${what} type needs the ${what} name after it`,
      `write ${kind === "data" ? "data." : ""}${type}.<name>.<attribute>`,
    );
  }
  const named = (kind === "data" ? scope.declarations.data : scope.declarations.resource).get(type);
  const body = named?.get(nameStep.name);
  if (!body) {
    const prefix = kind === "data" ? "data." : "";
    return undeclared(
      `${text}: no ${what} ${prefix}${type}.${nameStep.name} is declared in this stack`,
      (named ? suggestionFor(nameStep.name, named.keys()) : undefined) ??
        "stacks plan on their own: reach another stack's objects through a data source",
    );
  }
  const schema = elementSchema(scope.index, scope.declarations, kind, type, body);
  if (!schema) return undefined; // the declaration itself is reported as an unknown type
  // An instance key (count or for_each) may come between the name and the attribute.
  const attributeSteps = rest[0] && rest[0].kind !== "attr" ? rest.slice(1) : rest;
  const unknown = unknownStep(schema, attributeSteps);
  if (!unknown) return undefined;
  const element = `${kind === "data" ? "data." : ""}${type}.${nameStep.name}`;
  const parent = unknown.path
    .slice(0, unknown.path.length - unknown.name.length)
    .replace(/\.$/, "");
  const owner = parent ? `${element}.${parent}` : element;
  return {
    rule: SCHEMA_RULES.unknownReferenceAttribute,
    message: unknown.primitive
      ? `${text}: ${owner} is a ${unknown.primitive}, which has no attributes`
      : `${text}: ${owner} has no attribute "${unknown.name}"`,
    hint: suggestionFor(unknown.name, unknown.known),
  };
}

function undeclared(message: string, hint?: string): ReferenceProblem {
  return { rule: SCHEMA_RULES.undeclaredReference, message, hint };
}

function suggestionFor(name: string | undefined, known: Iterable<string>): string | undefined {
  return name === undefined ? undefined : suggestion(name, known);
}
