/**
 * The baseline of the benchmark: the same resources written as plain cdktf code, the way a cdktf
 * user would write them. Each stack of tamna's output becomes a TerraformStack of a default
 * `new App()` holding, at its top level, one construct of the generated binding class per
 * resource and data source (`new NetworkingSubnetV2(stack, id, { networkId: network.id, ... })`),
 * with the same bodies: references become the referenced construct's attribute tokens, as
 * `network.id` would be, and the construct IDs are tamna's logical IDs, so the synthesized
 * Terraform is the same as tamna's. Translating the JSON into constructor arguments happens
 * beforehand (`preparePlainApp`); only building and synthesizing (`synthPlainApp`) is timed,
 * once: building fills the prepared arguments in.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  App,
  Fn,
  TerraformBackend,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  type TerraformElement,
  type TerraformProvider,
} from "cdktf";
import type { Construct } from "constructs";
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
  readonly binding: BindingClass;
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

export interface PreparedApp {
  readonly stacks: readonly PreparedStack[];
  /** Expressions of shapes the replay does not translate, kept as literal strings. */
  readonly literalExpressions: number;
}

type BindingClass = new (scope: Construct, id: string, config: never) => TerraformElement;
const bindings = openstack as unknown as Record<string, BindingClass>;

/** Turns synthesized stacks into constructor arguments, untimed. */
export function preparePlainApp(
  stacks: ReadonlyMap<string, TerraformJson>,
  schema: ProviderSchema,
): PreparedApp {
  const counter = { literal: 0 };
  const prepared = [...stacks].map(([name, json]) => prepareStack(name, json, schema, counter));
  return { stacks: prepared, literalExpressions: counter.literal };
}

/** Builds every stack as plain cdktf code into a default App, and synthesizes it. */
export function synthPlainApp(prepared: PreparedApp, outdir: string): void {
  const app = new App({ outdir });
  for (const stack of prepared.stacks) buildStack(app, stack);
  app.synth();
}

export function readProviderSchema(file: string): ProviderSchema {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as {
    provider_schemas: Record<string, ProviderSchema>;
  };
  return Object.values(json.provider_schemas)[0]!;
}

/** Every `stacks/<name>/cdk.tf.json` of a synth output, by stack name. */
export function readOutput(dir: string): Map<string, TerraformJson> {
  const stacksDir = path.join(dir, "stacks");
  return new Map(
    fs
      .readdirSync(stacksDir)
      .sort()
      .map((name) => [
        name,
        JSON.parse(fs.readFileSync(path.join(stacksDir, name, "cdk.tf.json"), "utf8")),
      ]),
  );
}

/** Stacks whose Terraform differs between two outputs, ignoring cdktf's `//` metadata. */
export function differingStacks(a: string, b: string): string[] {
  const left = readOutput(a);
  const right = readOutput(b);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  return names.filter(
    (name) =>
      JSON.stringify(withoutMetadata(left.get(name) as Json)) !==
      JSON.stringify(withoutMetadata(right.get(name) as Json)),
  );
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

function buildStack(app: App, plan: PreparedStack): void {
  const stack = new TerraformStack(app, plan.name);
  const providers = new Map<string | undefined, TerraformProvider>();
  for (const { alias, props } of plan.providers) {
    providers.set(
      alias,
      new openstack.OpenstackProvider(stack, alias ?? "openstack", { ...props, alias } as never),
    );
  }
  if (plan.backend) new RawBackend(stack, plan.backend.type, plan.backend.attributes);
  if (plan.requiredVersion) stack.addOverride("terraform.required_version", plan.requiredVersion);
  const variables = new Map(
    plan.variables.map(({ name, props }) => [
      name,
      new TerraformVariable(stack, name, props as never),
    ]),
  );

  const elements = new Map<string, TerraformElement>();
  const usedIds = new Set<string>(["openstack", ...providers.keys()].map(String));
  const lookup: Lookup = { elements, variables };
  for (const element of plan.elements) {
    const props = element.props;
    for (const substitution of element.substitutions) substitute(props, substitution, lookup);
    if (element.dependsOn.length > 0) {
      props.dependsOn = element.dependsOn.map((address) => elements.get(address));
    }
    if (element.provider) props.provider = providers.get(element.provider.split(".")[1]);
    const id = usedIds.has(element.logicalId)
      ? `${element.address}`.replace(/\./g, "_")
      : element.logicalId;
    usedIds.add(id);
    const construct = new element.binding(stack, id, props as never);
    if (id !== element.logicalId) construct.overrideLogicalId(element.logicalId);
    elements.set(element.address, construct);
  }
  for (const output of plan.outputs) {
    const props = output.props;
    for (const substitution of output.substitutions) substitute(props, substitution, lookup);
    new TerraformOutput(stack, output.name, props as never);
  }
}

interface Lookup {
  readonly elements: ReadonlyMap<string, TerraformElement>;
  readonly variables: ReadonlyMap<string, TerraformVariable>;
}

/** Puts the tokens a user's code would hold where the template's string is. */
function substitute(
  target: Record<string, unknown>,
  { path: at, template }: Substitution,
  lookup: Lookup,
): void {
  const value =
    template.length === 1 && typeof template[0] !== "string"
      ? token(template[0]!, lookup)
      : template.map((part) => (typeof part === "string" ? part : token(part, lookup))).join("");
  let parent = target as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[at[at.length - 1]!] = value;
}

function token(expression: Expression, { elements, variables }: Lookup): string {
  switch (expression.kind) {
    case "attribute":
      return (elements.get(expression.address) as unknown as Attributes).getStringAttribute(
        expression.attribute,
      );
    case "element":
      return Token.asString(
        Fn.element(
          (elements.get(expression.address) as unknown as Attributes).getListAttribute(
            expression.attribute,
          ),
          expression.index,
        ),
      );
    case "variable":
      return variables.get(expression.name)!.stringValue;
  }
}

interface Attributes {
  getStringAttribute(name: string): string;
  getListAttribute(name: string): string[];
}

/** A backend block as it is: one per stack, so its cost does not matter. */
class RawBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    name: string,
    private readonly attributes: Body,
  ) {
    super(scope, "backend", name);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

function bindingOf(kind: "resource" | "data", type: string): BindingClass {
  const base = type
    .replace(/^openstack_/, "")
    .split("_")
    .map(capitalize)
    .join("");
  const name = kind === "data" ? `DataOpenstack${base}` : base;
  const binding = bindings[name];
  if (!binding) throw new Error(`no binding ${name} for ${kind} ${type} in lib/openstack.ts`);
  return binding;
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
