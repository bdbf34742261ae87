/**
 * Whether a JSON value can become a value of a cty type, following Terraform's conversion
 * rules (go-cty `convert`): numbers and bools convert to strings; strings convert to numbers
 * when they are decimal numbers and to bools when they are "true", "false", "1" or "0";
 * tuples (JSON arrays) convert to lists and sets element by element; objects to maps value by
 * value, and to object types when every attribute of the type is present (extra ones are
 * dropped). A string holding an interpolation is left to Terraform: its type is known only
 * once it is evaluated.
 */
import { isTemplate } from "./expressions";
import type { CtyType } from "./provider-schema";

export interface TypeMismatch {
  /** Path below the checked value, e.g. `[2]` or `.name`; empty for the value itself. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOL_STRINGS = new Set(["true", "false", "1", "0"]);

export function typeMismatches(value: unknown, type: CtyType, path = ""): TypeMismatch[] {
  if (value === null || value === undefined || type === "dynamic") return [];
  if (typeof value === "string" && isTemplate(value)) return [];
  const mismatch = (expected: string): TypeMismatch[] => [
    { path, expected, received: kindOf(value) },
  ];

  if (typeof type === "string") {
    switch (type) {
      case "string":
        return isPrimitive(value) ? [] : mismatch("string");
      case "number":
        if (typeof value === "number") return [];
        if (typeof value === "string" && NUMBER.test(value)) return [];
        return mismatch("number");
      case "bool":
        if (typeof value === "boolean") return [];
        if (typeof value === "string" && BOOL_STRINGS.has(value)) return [];
        return mismatch("bool");
    }
  }

  const [kind, element] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(value)) return mismatch(describeType(type));
      return value.flatMap((item, index) => typeMismatches(item, element, `${path}[${index}]`));
    case "tuple":
      if (!Array.isArray(value) || value.length !== element.length) {
        return mismatch(describeType(type));
      }
      return value.flatMap((item, index) =>
        typeMismatches(item, element[index]!, `${path}[${index}]`),
      );
    case "map":
      if (!isObject(value)) return mismatch(describeType(type));
      return Object.entries(value).flatMap(([key, item]) =>
        typeMismatches(item, element, `${path}${keyStep(key)}`),
      );
    case "object": {
      if (!isObject(value)) return mismatch(describeType(type));
      const optional = new Set<string>((type[2] as string[] | undefined) ?? []);
      return Object.entries(element).flatMap(([name, attributeType]) => {
        if (!(name in value)) {
          return optional.has(name)
            ? []
            : [
                {
                  path: `${path}.${name}`,
                  expected: describeType(attributeType),
                  received: "nothing",
                },
              ];
        }
        return typeMismatches(value[name], attributeType, `${path}.${name}`);
      });
    }
  }
}

/** A type as Terraform writes it in a type constraint: `list(string)`, `map(number)`. */
export function describeType(type: CtyType): string {
  if (typeof type === "string") return type === "dynamic" ? "any" : type;
  const [kind, element] = type;
  switch (kind) {
    case "list":
    case "set":
    case "map":
      return `${kind}(${describeType(element)})`;
    case "tuple":
      return `tuple([${element.map(describeType).join(", ")}])`;
    case "object":
      return `object({${Object.entries(element)
        .map(([name, attributeType]) => `${name} = ${describeType(attributeType)}`)
        .join(", ")}})`;
  }
}

/** What a JSON value is, in the words of a type mismatch message. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    case "number":
    case "boolean":
      return `the ${typeof value === "number" ? "number" : "bool"} ${String(value)}`;
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** A path step for a map key: `.key` when it reads as an identifier, `["key"]` otherwise. */
export function keyStep(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
