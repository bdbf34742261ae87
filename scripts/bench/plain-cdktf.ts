/**
 * The input of the benchmark's peer, plain-app.cjs: the same resources written as plain cdktf
 * code, the way a cdktf user would write them. Each stack of tamna's output becomes a
 * TerraformStack holding, at its top level, one construct of the generated binding class per
 * resource and data source (`new NetworkingSubnetV2(stack, id, { networkId: network.id, ... })`),
 * with the same bodies: references become the referenced construct's attribute tokens, as
 * `network.id` would be, and the construct IDs are tamna's logical IDs, so the synthesized
 * Terraform is the same as tamna's (the runner checks it with differingStacks). Translating the
 * JSON into constructor arguments happens here, untimed (writePlainInput); the measured process
 * reads those arguments from files, one stack at a time, builds and synthesizes them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as openstack from "../../lib/openstack";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { [key: string]: Json };
type Path = readonly (string | number)[];

/** The parts of a synthesized stack the replay reads. */
export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Body>>;
  readonly data?: Record<string, Record<string, Body>>;
  readonly provider?: Record<string, Body[]>;
  readonly variable?: Record<string, Body>;
  readonly output?: Record<string, Body>;
  readonly terraform?: {
    readonly backend?: Record<string, Body>;
    readonly required_version?: string;
  };
}

interface SchemaBlock {
  readonly attributes?: Record<string, unknown>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}

interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

/** A reference inside a string, and what a user would write for it. */
type Expression =
  | { readonly kind: "attribute"; readonly address: string; readonly attribute: string }
  | {
      readonly kind: "element";
      readonly address: string;
      readonly attribute: string;
      readonly index: number;
    }
  | { readonly kind: "variable"; readonly name: string };

/** A string with references: literal text and expressions in turn. */
type Template = readonly (string | Expression)[];

interface Substitution {
  readonly path: Path;
  readonly template: Template;
}

interface PreparedElement {
  /** `type.name` or `data.type.name`, as references write it. */
  readonly address: string;
  readonly logicalId: string;
  /** The binding class's name in lib/openstack.ts. */
  readonly binding: string;
  readonly props: Record<string, unknown>;
  readonly substitutions: readonly Substitution[];
  readonly dependsOn: readonly string[];
  readonly provider?: string;
}

interface PreparedStack {
  readonly name: string;
  readonly providers: readonly { readonly alias?: string; readonly props: Body }[];
  readonly variables: readonly { readonly name: string; readonly props: Body }[];
  /** Referenced elements first. */
  readonly elements: readonly PreparedElement[];
  readonly outputs: readonly {
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly substitutions: readonly Substitution[];
  }[];
  readonly backend?: { readonly type: string; readonly attributes: Body };
  readonly requiredVersion?: string;
}

/** What writing the plain cdktf program's input found in tamna's output. */
export interface PlainInputFacts {
  readonly stacks: number;
  readonly resources: number;
  readonly dataSources: number;
  readonly outputBytes: number;
  /** Expressions of shapes the replay does not translate, kept as literal strings. */
  readonly literalExpressions: number;
}

/**
 * Writes the plain cdktf program's input, untimed: `<inputDir>/stacks/<name>.json` with each
 * stack's constructor arguments (what a cdktf user's code would pass), and
 * `<inputDir>/batches.json`, the stack names of each App in turn. Reads one stack at a time.
 */
export function writePlainInput(
  oursDir: string,
  inputDir: string,
  schema: ProviderSchema,
  batches: readonly (readonly string[])[],
): PlainInputFacts {
  const counter = { literal: 0 };
  let resources = 0;
  let dataSources = 0;
  let outputBytes = 0;
  const names = stackNames(oursDir);
  fs.mkdirSync(path.join(inputDir, "stacks"), { recursive: true });
  for (const name of names) {
    const text = fs.readFileSync(stackFile(oursDir, name), "utf8");
    outputBytes += Buffer.byteLength(text);
    const json = JSON.parse(text) as TerraformJson;
    resources += countOf(json.resource);
    dataSources += countOf(json.data);
    const prepared = prepareStack(name, json, schema, counter);
    fs.writeFileSync(path.join(inputDir, "stacks", `${name}.json`), JSON.stringify(prepared));
  }
  fs.writeFileSync(path.join(inputDir, "batches.json"), JSON.stringify(batches));
  return {
    stacks: names.length,
    resources,
    dataSources,
    outputBytes,
    literalExpressions: counter.literal,
  };
}

function countOf(all: Record<string, Record<string, Body>> | undefined): number {
  return Object.values(all ?? {}).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
}

/** The stack names of a synth output, sorted. */
export function stackNames(dir: string): string[] {
  return fs.readdirSync(path.join(dir, "stacks")).sort();
}

function stackFile(dir: string, name: string): string {
  return path.join(dir, "stacks", name, "cdk.tf.json");
}

export function readProviderSchema(file: string): ProviderSchema {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
    provider_schemas: Record<string, ProviderSchema>;
  };
  return Object.values(json.provider_schemas)[0]!;
}

/**
 * Stacks whose Terraform differs between two outputs, ignoring cdktf's `//` metadata; one stack
 * read at a time.
 */
export function differingStacks(a: string, b: string): string[] {
  const names = [...new Set([...stackNames(a), ...stackNames(b)])].sort();
  const read = (dir: string, name: string) =>
    fs.existsSync(stackFile(dir, name))
      ? JSON.stringify(withoutMetadata(JSON.parse(fs.readFileSync(stackFile(dir, name), "utf8"))))
      : undefined;
  return names.filter((name) => read(a, name) !== read(b, name));
}

function withoutMetadata(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => withoutMetadata(item)!);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => key !== "//")
      .sort()
      .map((key) => [key, withoutMetadata(value[key])!]),
  );
}

function prepareStack(
  name: string,
  json: TerraformJson,
  schema: ProviderSchema,
  counter: { literal: number },
): PreparedStack {
  const elements: PreparedElement[] = [];
  const add = (kind: "resource" | "data", all: TerraformJson["resource"]) => {
    for (const [type, byId] of Object.entries(all ?? {})) {
      const block = (kind === "resource" ? schema.resource_schemas : schema.data_source_schemas)[
        type
      ]!.block;
      for (const [logicalId, body] of Object.entries(byId)) {
        const substitutions: Substitution[] = [];
        const { depends_on: dependsOn, provider, lifecycle, ...rest } = body;
        const props = toProps(rest, block, [], substitutions, counter);
        if (lifecycle) props.lifecycle = camelKeys(lifecycle as Body);
        elements.push({
          address: `${kind === "data" ? "data." : ""}${type}.${logicalId}`,
          logicalId,
          binding: bindingOf(kind, type),
          props,
          substitutions,
          dependsOn: (dependsOn as string[] | undefined) ?? [],
          provider: provider as string | undefined,
        });
      }
    }
  };
  add("resource", json.resource);
  add("data", json.data);

  const outputs = Object.entries(json.output ?? {}).map(([outputName, body]) => {
    const substitutions: Substitution[] = [];
    const props = plainValue(body, [], substitutions, counter) as Record<string, unknown>;
    return { name: outputName, props, substitutions };
  });
  const [backendType, backendAttributes] = Object.entries(json.terraform?.backend ?? {})[0] ?? [];
  return {
    name,
    providers: Object.values(json.provider ?? {})
      .flat()
      .map(({ alias, ...rest }) => ({
        alias: alias as string | undefined,
        props: toProps(rest, schema.provider.block, [], [], counter) as Body,
      })),
    variables: Object.entries(json.variable ?? {}).map(([variable, props]) => ({
      name: variable,
      props,
    })),
    elements: referencedFirst(elements),
    outputs,
    backend: backendType ? { type: backendType, attributes: backendAttributes! } : undefined,
    requiredVersion: json.terraform?.required_version,
  };
}

/** Constructor arguments: attribute and block names in camelCase, map keys as they are. */
function toProps(
  body: Body,
  block: SchemaBlock | undefined,
  at: Path,
  substitutions: Substitution[],
  counter: { literal: number },
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "//") continue;
    const name = camel(key);
    const nested = block?.block_types?.[key]?.block;
    if (nested && Array.isArray(value)) {
      props[name] = value.map((item, index) =>
        toProps(item as Body, nested, [...at, name, index], substitutions, counter),
      );
    } else if (nested && value !== null && typeof value === "object") {
      props[name] = toProps(value as Body, nested, [...at, name], substitutions, counter);
    } else {
      props[name] = plainValue(value, [...at, name], substitutions, counter);
    }
  }
  return props;
}

function plainValue(
  value: Json,
  at: Path,
  substitutions: Substitution[],
  counter: { literal: number },
): unknown {
  if (typeof value === "string") {
    const template = parseTemplate(value, counter);
    if (template) substitutions.push({ path: at, template });
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => plainValue(item, [...at, index], substitutions, counter));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        plainValue(item, [...at, key], substitutions, counter),
      ]),
    );
  }
  return value;
}

const REFERENCE = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)$/;
const ELEMENT = /^element\(((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+), (\d+)\)$/;
const VARIABLE = /^var\.([A-Za-z0-9_-]+)$/;

/** The string's references, or undefined when it has none that the replay translates. */
function parseTemplate(text: string, counter: { literal: number }): Template | undefined {
  if (!text.includes("${")) return undefined;
  const parts: (string | Expression)[] = [];
  let rest = text;
  let translated = false;
  for (let start = rest.indexOf("${"); start >= 0; start = rest.indexOf("${")) {
    const end = rest.indexOf("}", start);
    if (end < 0) break;
    const expression = toExpression(rest.slice(start + 2, end));
    if (expression) {
      if (start > 0) parts.push(rest.slice(0, start));
      parts.push(expression);
      translated = true;
    } else {
      counter.literal++;
      parts.push(rest.slice(0, end + 1));
    }
    rest = rest.slice(end + 1);
  }
  if (rest) parts.push(rest);
  return translated ? parts : undefined;
}

function toExpression(source: string): Expression | undefined {
  const reference = REFERENCE.exec(source);
  if (reference) return { kind: "attribute", address: reference[1]!, attribute: reference[2]! };
  const element = ELEMENT.exec(source);
  if (element) {
    return {
      kind: "element",
      address: element[1]!,
      attribute: element[2]!,
      index: Number(element[3]),
    };
  }
  const variable = VARIABLE.exec(source);
  if (variable) return { kind: "variable", name: variable[1]! };
  return undefined;
}

function referencedFirst(elements: readonly PreparedElement[]): PreparedElement[] {
  const byAddress = new Map(elements.map((element) => [element.address, element]));
  const ordered: PreparedElement[] = [];
  const seen = new Set<string>();
  const visit = (element: PreparedElement) => {
    if (seen.has(element.address)) return;
    seen.add(element.address);
    for (const address of referencesOf(element)) {
      const target = byAddress.get(address);
      if (target) visit(target);
    }
    ordered.push(element);
  };
  elements.forEach(visit);
  return ordered;
}

function referencesOf(element: PreparedElement): string[] {
  const addresses = [...element.dependsOn];
  for (const { template } of element.substitutions) {
    for (const part of template) {
      if (typeof part !== "string" && part.kind !== "variable") addresses.push(part.address);
    }
  }
  return addresses;
}

function bindingOf(kind: "resource" | "data", type: string): string {
  const base = type
    .replace(/^openstack_/, "")
    .split("_")
    .map(capitalize)
    .join("");
  const name = kind === "data" ? `DataOpenstack${base}` : base;
  if (!(name in openstack)) {
    throw new Error(`no binding ${name} for ${kind} ${type} in lib/openstack.ts`);
  }
  return name;
}

function camelKeys(body: Body): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [camel(key), value]));
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
