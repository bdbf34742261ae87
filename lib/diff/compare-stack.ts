/**
 * Compares one stack's base and head Terraform JSON: what Terraform would create, update,
 * replace, destroy or move, predicted from configuration alone (no state, no cloud).
 */
import { diffValues, type RawChange } from "./attribute-diff";
import { mask, readsSensitiveVariable } from "./masking";
import {
  KNOWN_AFTER_APPLY,
  type AttributeChange,
  type OutputChange,
  type ResourceAction,
  type ResourceChange,
  type StackDiff,
} from "./model";
import { findMoves } from "./moves";
import type { ProviderFacts } from "./provider-facts";
import { knownReferencesIn, rewriteReferences } from "./references";
import {
  blocksOf,
  constructPath,
  isRecord,
  sensitiveVariables,
  type Block,
  type Body,
  type TerraformJson,
} from "./terraform-json";
import {
  formatPath,
  schemaPath,
  stringsIn,
  stripMetadata,
  valueAt,
  type PathSegments,
} from "./values";

/** One stack compared, with what the danger rules need beyond the diff itself. */
export interface StackComparison {
  readonly diff: StackDiff;
  readonly base?: TerraformJson;
  readonly head?: TerraformJson;
  /** Base address -> head address of every block that moved (resources and data sources). */
  readonly moves: ReadonlyMap<string, string>;
}

/** Settings blocks compared as attributes; resources, data, outputs and moves have their own rules. */
const SETTINGS_BLOCKS = ["terraform", "provider", "variable", "locals"] as const;

/** Paths that order or protect, never reach the provider: references there do not change values. */
const META_ARGUMENTS = new Set(["depends_on", "lifecycle", "provider"]);

export function compareStack(
  stack: string,
  base: TerraformJson | undefined,
  head: TerraformJson | undefined,
  facts: ProviderFacts,
): StackComparison {
  const baseResources = blocksOf(base, "resource");
  const headResources = blocksOf(head, "resource");
  const baseData = blocksOf(base, "data");
  const headData = blocksOf(head, "data");
  const declared = declaredMoves(head);
  const moves = findMoves(
    new Map([...baseResources, ...baseData]),
    new Map([...headResources, ...headData]),
    declared,
  );
  const secrets = { base: sensitiveVariables(base), head: sensitiveVariables(head) };
  const context: Context = {
    facts,
    moves,
    declared: new Set(
      [...declared].filter(([from, to]) => moves.get(from) === to).map(([from]) => from),
    ),
    secrets,
  };

  const diff: StackDiff = {
    stack,
    status: base === undefined ? "added" : head === undefined ? "removed" : "changed",
    resources: compareBlocks(baseResources, headResources, context, true),
    dataSources: compareBlocks(baseData, headData, context, false),
    outputs: compareOutputs(base, head, secrets),
    settings: compareSettings(base, head, facts, secrets),
  };
  return { diff, base, head, moves };
}

/** True when the stack comparison found nothing at all. */
export function isUnchanged(diff: StackDiff): boolean {
  return (
    diff.resources.length === 0 &&
    diff.dataSources.length === 0 &&
    diff.outputs.length === 0 &&
    diff.settings.length === 0
  );
}

interface Context {
  readonly facts: ProviderFacts;
  readonly moves: ReadonlyMap<string, string>;
  /** Base addresses whose move the head declares in a `moved` block. */
  readonly declared: ReadonlySet<string>;
  readonly secrets: { readonly base: ReadonlySet<string>; readonly head: ReadonlySet<string> };
}

/** A block present on both sides (at the same address, or moved), with its computed changes. */
interface Pair {
  readonly from: string;
  readonly block: Block;
  readonly before: Body;
  readonly after: Body;
  readonly changes: AttributeChange[];
  /** Paths the head's `lifecycle.ignore_changes` tells Terraform to leave alone. */
  readonly ignored: (path: PathSegments) => boolean;
  replacedBecause: string[];
}

function compareBlocks(
  base: ReadonlyMap<string, Block>,
  head: ReadonlyMap<string, Block>,
  context: Context,
  managed: boolean,
): ResourceChange[] {
  const movedTo = new Set(context.moves.values());
  const results: ResourceChange[] = [];
  const pairs: Pair[] = [];
  for (const block of base.values()) {
    const to = context.moves.get(block.address) ?? block.address;
    const target = head.get(to);
    if (!target) {
      results.push(simpleChange(block, "destroy"));
      continue;
    }
    // Compare with references to moved blocks already followed, so a rename is not a change.
    const before = rewriteReferences(stripMetadata(block.body), context.moves) as Body;
    const after = stripMetadata(target.body) as Body;
    const ignored = ignoredAttributes(after);
    const changes = diffValues(before, after)
      .filter((raw) => !ignored(raw.path))
      .map((raw) => attributeChange(target.type, raw, context));
    const replacedBecause = managed
      ? changes.filter((change) => change.forcesReplacement).map((change) => change.path)
      : [];
    pairs.push({
      from: block.address,
      block: target,
      before,
      after,
      changes,
      ignored,
      replacedBecause,
    });
  }
  for (const block of head.values()) {
    if (!base.has(block.address) && !movedTo.has(block.address)) {
      results.push(simpleChange(block, "create"));
    }
  }
  if (managed) cascadeReplacements(pairs, context);

  for (const pair of pairs) {
    const moved = pair.from !== pair.block.address;
    const action: ResourceAction | undefined =
      pair.replacedBecause.length > 0
        ? "replace"
        : pair.changes.length > 0
          ? "update"
          : moved
            ? "move"
            : undefined;
    if (!action) continue;
    results.push({
      address: pair.block.address,
      type: pair.block.type,
      name: pair.block.name,
      action,
      changes: action === "move" ? [] : pair.changes,
      ...(action === "replace" ? { replacedBecause: pair.replacedBecause } : {}),
      ...(moved ? { movedFrom: pair.from } : {}),
      ...(moved && context.declared.has(pair.from) ? { moveDeclared: true as const } : {}),
      ...(moved && constructPath(pair.block.body)
        ? { constructPath: constructPath(pair.block.body) }
        : {}),
    });
  }
  return results.sort((a, b) => compareText(a.address, b.address));
}

/**
 * Terraform does not act on configuration changes to attributes the head lists in
 * `lifecycle.ignore_changes` (`all` ignores every attribute); neither does the diff.
 */
function ignoredAttributes(body: Body): (path: PathSegments) => boolean {
  const lifecycle = body.lifecycle;
  const list = isRecord(lifecycle) ? lifecycle.ignore_changes : undefined;
  if (list === "all") return (path) => !META_ARGUMENTS.has(String(path[0]));
  if (!Array.isArray(list)) return () => false;
  // Entries are attribute paths such as `image_id`, `metadata["role"]` or `network[0].uuid`.
  const prefixes = list
    .filter((entry): entry is string => typeof entry === "string")
    .map((entry) => entry.replace(/\[\s*"?([^"\]]*)"?\s*\]/g, ".$1").split("."));
  return (path) =>
    prefixes.some((prefix) => prefix.every((segment, index) => String(path[index]) === segment));
}

function simpleChange(block: Block, action: ResourceAction): ResourceChange {
  return { address: block.address, type: block.type, name: block.name, action, changes: [] };
}

function attributeChange(type: string, raw: RawChange, context: Context): AttributeChange {
  const attribute = schemaPath(raw.path);
  const secret = context.facts.isSensitive(type, attribute);
  const hideBefore = secret || readsSensitiveVariable(raw.before, context.secrets.base);
  const hideAfter = secret || readsSensitiveVariable(raw.after, context.secrets.head);
  const forceNew = META_ARGUMENTS.has(String(raw.path[0]))
    ? undefined
    : context.facts.forceNewAttribute(type, attribute);
  return {
    path: formatPath(raw.path),
    ...(raw.before !== undefined ? { before: mask(raw.before, hideBefore) } : {}),
    ...(raw.after !== undefined ? { after: mask(raw.after, hideAfter) } : {}),
    ...(hideBefore || hideAfter ? { sensitive: true as const } : {}),
    ...(forceNew !== undefined ? { forcesReplacement: true as const } : {}),
  };
}

/**
 * A replaced resource gets a new ID, and Terraform only learns it while applying: every
 * attribute that reads it becomes "known after apply", and where that attribute forces
 * replacement the reader is replaced too (a subnet's router interface, a group's rules).
 */
function cascadeReplacements(pairs: Pair[], context: Context): void {
  const byAddress = new Map(pairs.map((pair) => [pair.block.address, pair]));
  let replaced = new Set(
    pairs.filter((p) => p.replacedBecause.length > 0).map((p) => p.block.address),
  );
  while (replaced.size > 0) {
    const newly = new Set<string>();
    for (const pair of pairs) {
      if (pair.replacedBecause.length > 0) continue;
      for (const { path, text } of stringsIn(pair.after)) {
        if (META_ARGUMENTS.has(String(path[0])) || pair.ignored(path)) continue;
        const formatted = formatPath(path);
        if (pair.changes.some((change) => change.path === formatted)) continue;
        const unknown = knownReferencesIn(text, replaced).find((reference) =>
          becomesUnknown(byAddress.get(reference.address)!, reference.attribute),
        );
        if (!unknown) continue;
        const change = cascadedChange(pair, path, unknown.address, context);
        pair.changes.push(change);
        if (change.forcesReplacement) {
          pair.replacedBecause.push(change.path);
          newly.add(pair.block.address);
        }
      }
      pair.changes.sort((a, b) => compareText(a.path, b.path));
    }
    replaced = newly;
  }
}

/** Reading `attribute` of a replaced resource gives an unknown value unless it is configured. */
function becomesUnknown(target: Pair, attribute: string | undefined): boolean {
  return attribute === undefined || attribute === "id" || !(attribute in target.after);
}

function cascadedChange(
  pair: Pair,
  path: PathSegments,
  replacedAddress: string,
  context: Context,
): AttributeChange {
  const forceNew = context.facts.forceNewAttribute(pair.block.type, schemaPath(path));
  return {
    path: formatPath(path),
    before: valueAt(pair.before, path),
    after: KNOWN_AFTER_APPLY,
    ...(forceNew !== undefined ? { forcesReplacement: true as const } : {}),
    reason: `${replacedAddress} is replaced`,
  };
}

function declaredMoves(head: TerraformJson | undefined): Map<string, string> {
  const moves = new Map<string, string>();
  for (const moved of Array.isArray(head?.moved) ? head.moved : []) {
    if (isRecord(moved) && typeof moved.from === "string" && typeof moved.to === "string") {
      moves.set(moved.from, moved.to);
    }
  }
  return moves;
}

function compareOutputs(
  base: TerraformJson | undefined,
  head: TerraformJson | undefined,
  secrets: Context["secrets"],
): OutputChange[] {
  const before = base?.output ?? {};
  const after = head?.output ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
  const changes: OutputChange[] = [];
  for (const name of names) {
    const was = before[name];
    const is = after[name];
    const raw = diffValues(was?.value, is?.value, ["value"]);
    if (raw.length === 0) continue;
    const hideBefore = was?.sensitive === true || readsSensitiveVariable(was?.value, secrets.base);
    const hideAfter = is?.sensitive === true || readsSensitiveVariable(is?.value, secrets.head);
    changes.push({
      name,
      action: was === undefined ? "create" : is === undefined ? "destroy" : "update",
      changes: raw.map((change) => ({
        path: formatPath(change.path),
        ...(change.before !== undefined ? { before: mask(change.before, hideBefore) } : {}),
        ...(change.after !== undefined ? { after: mask(change.after, hideAfter) } : {}),
        ...(hideBefore || hideAfter ? { sensitive: true as const } : {}),
      })),
    });
  }
  return changes;
}

function compareSettings(
  base: TerraformJson | undefined,
  head: TerraformJson | undefined,
  facts: ProviderFacts,
  secrets: Context["secrets"],
): AttributeChange[] {
  // A stack that appears or disappears is reported as such; its settings are not news.
  if (!base || !head) return [];
  const changes: AttributeChange[] = [];
  for (const block of SETTINGS_BLOCKS) {
    for (const raw of diffValues(stripMetadata(base[block]), stripMetadata(head[block]), [block])) {
      const [kind, ...rest] = raw.path;
      const secret =
        facts.isSensitive(String(kind), schemaPath(rest)) ||
        (kind === "variable" &&
          (secrets.base.has(String(rest[0])) || secrets.head.has(String(rest[0]))));
      const hideBefore = secret || readsSensitiveVariable(raw.before, secrets.base);
      const hideAfter = secret || readsSensitiveVariable(raw.after, secrets.head);
      changes.push({
        path: formatPath(raw.path),
        ...(raw.before !== undefined ? { before: mask(raw.before, hideBefore) } : {}),
        ...(raw.after !== undefined ? { after: mask(raw.after, hideAfter) } : {}),
        ...(hideBefore || hideAfter ? { sensitive: true as const } : {}),
      });
    }
  }
  return changes;
}

/** Plain code-unit order: stable across locales. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
