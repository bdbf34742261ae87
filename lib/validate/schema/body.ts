/**
 * Checks a block body (a resource, a data source, a provider configuration, or a nested block
 * inside them) against its schema block: unknown keys, read-only attributes, value types,
 * nested block counts, required attributes and blocks, and the references its values make.
 */
import { isObject, typeMismatches } from "./cty";
import { bodies, entries, type Body } from "./declarations";
import { checkExpressions } from "./expression-check";
import { joinPath, type Issue } from "./issue";
import type { SchemaBlock, SchemaBlockType } from "./provider-schema";
import type { ReferenceScope } from "./references";
import { SCHEMA_RULES } from "./rules";
import { suggestion } from "./suggest";

const NO_META: ReadonlySet<string> = new Set();

/**
 * @param owner what the block is, for messages: `openstack_networking_subnet_v2`,
 *   `the "allocation_pool" block`.
 * @param meta keys the caller checks itself (meta-arguments); they are neither unknown nor
 *   attributes here.
 */
export function checkBody(
  body: Body,
  block: SchemaBlock,
  owner: string,
  path: string,
  scope: ReferenceScope,
  issues: Issue[],
  meta: ReadonlySet<string> = NO_META,
): void {
  const dynamicBlocks = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    if (key === "//" || meta.has(key)) continue;
    const here = joinPath(path, key);
    if (key === "dynamic") {
      for (const name of checkDynamicBlocks(value, block, owner, here, scope, issues)) {
        dynamicBlocks.add(name);
      }
      continue;
    }
    const attribute = block.attributes?.[key];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) {
        issues.push({
          rule: SCHEMA_RULES.computedAttribute,
          path: here,
          message: `"${key}" is computed by the provider and cannot be set`,
          hint: "remove it; read it through a reference instead",
        });
      } else if (attribute.type) {
        for (const mismatch of typeMismatches(value, attribute.type)) {
          issues.push({
            rule: SCHEMA_RULES.wrongType,
            path: `${here}${mismatch.path}`,
            message: `expects ${mismatch.expected}; received ${mismatch.received}`,
            hint: `give a value of type ${mismatch.expected}`,
          });
        }
      }
      if (attribute.deprecated) {
        issues.push({
          rule: SCHEMA_RULES.deprecated,
          path: here,
          message: `"${key}" is deprecated by the provider`,
          hint: attribute.description,
        });
      }
      checkExpressions(value, here, scope, issues);
      continue;
    }
    const nested = block.block_types?.[key];
    if (nested) {
      checkNestedBlocks(key, value, nested, here, scope, issues);
      continue;
    }
    issues.push({
      rule: SCHEMA_RULES.unknownAttribute,
      path: here,
      message: `${owner} has no argument or nested block "${key}"`,
      hint: suggestion(key, settableNames(block)) ?? `remove it; see the provider documentation`,
    });
  }

  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && (body[name] === undefined || body[name] === null)) {
      issues.push({
        rule: SCHEMA_RULES.missingRequiredAttribute,
        path: joinPath(path, name),
        message: `the required argument "${name}" is not set`,
        hint: `set "${name}"${attribute.description ? ` (${firstSentence(attribute.description)})` : ""}`,
      });
    }
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    if ((nested.min_items ?? 0) > 0 && !(name in body) && !dynamicBlocks.has(name)) {
      issues.push(missingBlock(name, nested, joinPath(path, name)));
    }
  }
}

function checkNestedBlocks(
  name: string,
  value: unknown,
  nested: SchemaBlockType,
  path: string,
  scope: ReferenceScope,
  issues: Issue[],
): void {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    issues.push({
      rule: SCHEMA_RULES.wrongType,
      path,
      message: `"${name}" is a nested block; it takes an object (or a list of objects), not an expression`,
      hint: "write the block's arguments as a JSON object, or use a dynamic block",
    });
    checkExpressions(value, path, scope, issues);
    return;
  }
  const items: [string, unknown][] =
    nested.nesting_mode === "map"
      ? entries(value).map(([label, item]) => [`${path}[${JSON.stringify(label)}]`, item])
      : Array.isArray(value)
        ? value.map((item, index) => [`${path}[${index}]`, item])
        : value === null
          ? []
          : [[path, value]];

  if (nested.block.deprecated && items.length > 0) {
    issues.push({
      rule: SCHEMA_RULES.deprecated,
      path,
      message: `the "${name}" block is deprecated by the provider`,
      hint: nested.block.description,
    });
  }
  const single = nested.nesting_mode === "single" || nested.nesting_mode === "group";
  const min = nested.min_items ?? 0;
  const max = single ? 1 : nested.max_items;
  if (items.length === 0 && min > 0) {
    issues.push(missingBlock(name, nested, path));
  } else if (items.length < min || (max !== undefined && items.length > max)) {
    issues.push({
      rule: SCHEMA_RULES.blockCount,
      path,
      message: `${items.length} "${name}" block${items.length === 1 ? "" : "s"}; allowed: ${countRange(min, max)}`,
      hint:
        max !== undefined && items.length > max ? `keep at most ${max}` : `give at least ${min}`,
    });
  }
  for (const [itemPath, item] of items) {
    if (isObject(item))
      checkBody(item, nested.block, `the "${name}" block`, itemPath, scope, issues);
    else if (item !== null) {
      issues.push({
        rule: SCHEMA_RULES.wrongType,
        path: itemPath,
        message: `a "${name}" block must be an object`,
        hint: "write the block's arguments as a JSON object",
      });
    }
  }
}

/**
 * `dynamic: { <block type>: { for_each, iterator?, content } }`: the content is a body of the
 * block type, where the iterator (by default the block type's name) is in scope.
 * @returns the block types generated dynamically, which count as present.
 */
function checkDynamicBlocks(
  value: unknown,
  block: SchemaBlock,
  owner: string,
  path: string,
  scope: ReferenceScope,
  issues: Issue[],
): string[] {
  const names: string[] = [];
  for (const [name, spec] of entries(value)) {
    const here = joinPath(path, name);
    const nested = block.block_types?.[name];
    if (!nested) {
      issues.push({
        rule: SCHEMA_RULES.unknownAttribute,
        path: here,
        message: `dynamic block "${name}": ${owner} has no nested block of that type`,
        hint: suggestion(name, Object.keys(block.block_types ?? {})) ?? "remove it",
      });
      continue;
    }
    names.push(name);
    for (const dynamic of bodies(spec)) {
      const iterator = typeof dynamic.iterator === "string" ? dynamic.iterator : name;
      const inner: ReferenceScope = { ...scope, locals: new Set([...scope.locals, iterator]) };
      for (const key of Object.keys(dynamic)) {
        if (!["for_each", "iterator", "labels", "content", "//"].includes(key)) {
          issues.push({
            rule: SCHEMA_RULES.unknownAttribute,
            path: joinPath(here, key),
            message: `"${key}" is not an argument of a dynamic block`,
            hint: "a dynamic block takes for_each, iterator, labels and content",
          });
        }
      }
      checkExpressions(dynamic.for_each, joinPath(here, "for_each"), scope, issues);
      for (const content of bodies(dynamic.content)) {
        checkBody(
          content,
          nested.block,
          `the "${name}" block`,
          joinPath(here, "content"),
          inner,
          issues,
        );
      }
    }
  }
  return names;
}

function missingBlock(name: string, nested: SchemaBlockType, path: string): Issue {
  return {
    rule: SCHEMA_RULES.missingRequiredBlock,
    path,
    message: `the required block "${name}" is missing`,
    hint: `add ${countRange(nested.min_items ?? 0, nested.max_items)} "${name}" block(s)`,
  };
}

function countRange(min: number, max: number | undefined): string {
  if (max === undefined) return `at least ${min}`;
  return min === max ? `exactly ${min}` : `${min} to ${max}`;
}

/** Names a configuration may set: arguments that are not read-only, and nested blocks. */
function settableNames(block: SchemaBlock): string[] {
  const attributes = Object.entries(block.attributes ?? {})
    .filter(([, a]) => a.required || a.optional)
    .map(([name]) => name);
  return [...attributes, ...Object.keys(block.block_types ?? {})];
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0]!.replace(/\s+/g, " ");
  return sentence.length > 100 ? `${sentence.slice(0, 97)}...` : sentence;
}
