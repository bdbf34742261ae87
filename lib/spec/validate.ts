import { z } from "zod";
import { didYouMean, startsWord } from "./suggest";
import { describeValue, TamnaError, type Problem } from "../errors";
import { stringProblems } from "./strings";
import type { FieldPath, YamlSource } from "./yaml-source";

/**
 * Validates a parsed YAML source against a spec schema and turns every zod issue into a
 * problem that names the file, line, field, the value received and what is allowed. The rules
 * every string follows, whatever its field (lib/spec/strings.ts), are checked in the same run.
 */
export function validateSource<S extends z.ZodType>(source: YamlSource, schema: S): z.output<S> {
  const forbidden = prototypeKeys(source);
  if (forbidden.length > 0) throw new TamnaError(sortProblems(forbidden));
  const result = schema.safeParse(source.data);
  const problems = stringProblems(source);
  if (result.success && problems.length === 0) {
    return withoutPrototypes(result.data) as z.output<S>;
  }
  if (!result.success) {
    const located = new Set(problems.map((problem) => JSON.stringify(problem.location)));
    for (const issue of result.error.issues) {
      // One problem per field: a string rule already reported there says enough.
      for (const problem of toProblems(source, schema, issue)) {
        if (!located.has(JSON.stringify(problem.location))) problems.push(problem);
      }
    }
  }
  throw new TamnaError(sortProblems(problems));
}

/**
 * Keys that JavaScript gives a meaning of its own. `__proto__` is refused wherever it appears:
 * zod drops it from records without a word, and a copy made with `{...x}` or `x[key] = value`
 * would change the prototype of the copy instead of adding an entry.
 */
const PROTOTYPE_KEY = "__proto__";

function prototypeKeys(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    for (const key of Object.keys(value)) {
      if (key === PROTOTYPE_KEY) {
        problems.push({
          location: source.locate([...path, key]),
          message: `"${PROTOTYPE_KEY}" cannot be a name or a field`,
          hint: "rename it: names are lowercase letters, digits and hyphens",
        });
      } else walk((value as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(source.data, []);
  return problems;
}

/**
 * A copy of a validated spec in which every object has no prototype, so that a lookup by a user's
 * name (`flavors[workload.flavor]`, `site in supernets`) finds only what the file declares: a
 * flavor named "constructor" or "toString" is unknown unless declared, never Object's method.
 */
/**
 * What withoutPrototypes makes, made in place: for data no one else holds (fresh from
 * deserialization), where a copy would only be garbage.
 */
export function dropPrototypes<T>(value: T, seen = new Set<object>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) dropPrototypes(item, seen);
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  Object.setPrototypeOf(value, null);
  for (const item of Object.values(value)) dropPrototypes(item, seen);
  return value;
}

export function withoutPrototypes<T>(value: T, copies = new Map<object, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  const known = copies.get(value);
  if (known !== undefined) return known as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(withoutPrototypes(item, copies));
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = withoutPrototypes(item, copies);
  return copy as T;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.location.file ?? "").localeCompare(b.location.file ?? "") ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}

/** How many unknown keys of one object get a did-you-mean, and the longest key that gets one. */
const SUGGESTED_KEYS = 20;
const SUGGESTED_KEY_LENGTH = 64;

function toProblems(source: YamlSource, schema: z.ZodType, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as FieldPath;
  const value = valueAt(source.data, path);

  switch (issue.code) {
    case "unrecognized_keys": {
      // Once per object, however many unknown keys it has; a suggestion only for the first
      // SUGGESTED_KEYS keys and only for keys short enough to be a typo of a field name.
      const allowed = allowedKeys(schema, path, value);
      const allowedText = allowed.length > 0 ? allowed.join(", ") : undefined;
      return issue.keys.map((key, index) => {
        const suggestion =
          allowed.length > 0 && index < SUGGESTED_KEYS && key.length <= SUGGESTED_KEY_LENGTH
            ? suggestField(schema, path, key, allowed)
            : undefined;
        return {
          location: source.locate([...path, key]),
          message: `unknown field ${describeValue(key)}`,
          allowed: allowedText,
          hint: suggestion
            ? `remove it, or did you mean ${suggestion}?`
            : allowed.length > 0
              ? "remove it"
              : "remove it; this object takes no other fields",
        };
      });
    }
    case "invalid_type":
      if (value === undefined) {
        const field = path[path.length - 1];
        return [
          {
            location: source.locate(path),
            message: `missing required field "${String(field)}"`,
            allowed: `a value of type ${issue.expected}`,
            hint: `add "${String(field)}"`,
          },
        ];
      }
      return [
        {
          location: source.locate(path),
          message: `wrong type: expected ${issue.expected}`,
          received: `${describeValue(value)} (${typeName(value)})`,
          allowed: issue.expected,
        },
      ];
    case "invalid_value":
      // zod reports a missing enum or literal field as invalid_value, not invalid_type.
      if (value === undefined) {
        const field = path[path.length - 1];
        return [
          {
            location: source.locate(path),
            message: `missing required field "${String(field)}"`,
            allowed: issue.values.map((v) => describeValue(v)).join(", "),
            hint: `add "${String(field)}"`,
          },
        ];
      }
      return [
        {
          location: source.locate(path),
          message: "value not allowed",
          received: describeValue(value),
          allowed: issue.values.map((v) => describeValue(v)).join(", "),
        },
      ];
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      const unit =
        issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : "";
      return [
        {
          location: source.locate(path),
          message: `out of range: must be ${word} ${String(bound)}${unit}`,
          received: describeValue(value),
          allowed: `${word} ${String(bound)}${unit}`,
        },
      ];
    }
    case "invalid_key": {
      // A record key (e.g. a site name) that fails its own schema: show the key, not the value.
      const key = path[path.length - 1];
      return [
        {
          location: source.locate(path),
          message: `invalid key "${String(key)}": ${issue.issues.map((i) => i.message).join("; ")}`,
          received: describeValue(key),
        },
      ];
    }
    case "invalid_union": {
      // A discriminated union (e.g. state.type) reports the discriminator and its options.
      const options = (issue as { options?: unknown[] }).options;
      if (value === undefined && !options) {
        const field = path[path.length - 1];
        return [
          {
            location: source.locate(path),
            message: `missing required field "${String(field)}"`,
            allowed: unionForms(schema, path),
            hint: `add "${String(field)}"`,
          },
        ];
      }
      // A plain union of objects (e.g. addressBlock: {index} or {cidrs}): when the value has the
      // keys of one form, report that form's own problems rather than "invalid input".
      const branch = !options ? matchingBranch(issue as z.core.$ZodIssueInvalidUnion) : undefined;
      if (branch) {
        return branch.flatMap((inner) =>
          toProblems(source, schema, {
            ...inner,
            path: [...path, ...inner.path],
          } as z.core.$ZodIssue),
        );
      }
      return [
        {
          location: source.locate(path),
          message: options ? `unknown "${String(path[path.length - 1])}"` : issue.message,
          received: describeValue(value),
          allowed: options?.map(String).join(", ") ?? unionForms(schema, path),
        },
      ];
    }
    default:
      return [
        {
          location: source.locate(path),
          message: issue.message,
          received: describeValue(value),
        },
      ];
  }
}

/** The one branch of a union whose problems are not about the object's keys, if exactly one. */
function matchingBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const candidates = issue.errors.filter(
    (issues) =>
      !issues.some((inner) => inner.code === "unrecognized_keys" && inner.path.length === 0),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "mapping";
  return typeof value;
}

export function valueAt(data: unknown, path: FieldPath): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The schema that validates the value at `path`, looking through wrappers. */
function schemaAt(schema: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (!current) return undefined;
    if (current instanceof z.ZodObject) current = current.shape[key as string] as z.ZodType;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
    current = current ? unwrap(current) : undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault
    )
      current = current.unwrap() as z.ZodType;
    else return current;
  }
}

/** The forms a plain union of objects takes, by their fields: `{ index } or { cidrs }`. */
function unionForms(schema: z.ZodType, path: FieldPath): string | undefined {
  const target = schemaAt(schema, path);
  if (!(target instanceof z.ZodUnion)) return undefined;
  const forms = (target.options as z.ZodType[]).map((option) =>
    option instanceof z.ZodObject ? `{ ${Object.keys(option.shape).join(", ")} }` : undefined,
  );
  return forms.every((form) => form !== undefined) ? forms.join(" or ") : undefined;
}

/**
 * `"drMode"` for a typo of a field, or `"dr: { mode: ... }"` when the key is a field followed by
 * one of that field's own fields (`drMode` for `dr.mode`).
 */
function suggestField(
  schema: z.ZodType,
  path: FieldPath,
  key: string,
  allowed: readonly string[],
): string | undefined {
  const best = didYouMean(key, allowed);
  if (best === undefined) return undefined;
  if (startsWord(key, best)) {
    const rest = key.slice(best.length).replace(/^[-_.]/, "");
    const inner = didYouMean(rest, allowedKeys(schema, [...path, best], undefined));
    if (inner !== undefined) return `"${best}: { ${inner}: ... }"`;
  }
  return `"${best}"`;
}

function allowedKeys(schema: z.ZodType, path: FieldPath, value: unknown): string[] {
  const target = schemaAt(schema, path);
  if (target instanceof z.ZodObject) return Object.keys(target.shape).sort();
  // A record keyed by an enum (identity.groupRoles) takes exactly the enum's values.
  if (target instanceof z.ZodRecord && target.keyType instanceof z.ZodEnum)
    return (target.keyType.options as string[]).slice().sort();
  // A discriminated union (state) takes the fields of the option its discriminator selects.
  if (target instanceof z.ZodDiscriminatedUnion) {
    const discriminator = target.def.discriminator;
    const tag = (value as Record<string, unknown> | undefined)?.[discriminator];
    const option = target.options.find(
      (o) =>
        o instanceof z.ZodObject && (o.shape[discriminator] as z.ZodType).safeParse(tag).success,
    );
    if (option instanceof z.ZodObject) return Object.keys(option.shape).sort();
  }
  return [];
}
