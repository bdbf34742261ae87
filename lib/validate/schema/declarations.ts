/**
 * What a stack's Terraform JSON declares, collected before anything is checked, so that
 * references can be resolved whatever order the blocks come in.
 */
import { isObject } from "./cty";
import { BUILTIN_SOURCE } from "./builtin-schema";
import type { SchemaBlock } from "./provider-schema";
import { normalizeSource, type SchemaIndex } from "./schema-index";

export type Body = Record<string, unknown>;

export type ElementKind = "resource" | "data";

export interface StackDeclarations {
  /** type → name → body, for `resource` and `data`. */
  readonly resource: ReadonlyMap<string, ReadonlyMap<string, Body>>;
  readonly data: ReadonlyMap<string, ReadonlyMap<string, Body>>;
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  /** Provider local name → the aliases its provider blocks declare ("" for the default one). */
  readonly providerConfigs: ReadonlyMap<string, ReadonlySet<string>>;
  /** Provider local name → source address, from `terraform.required_providers`. */
  readonly providerSources: ReadonlyMap<string, string>;
}

export function declarationsOf(config: Body): StackDeclarations {
  const elements = (kind: ElementKind) => {
    const byType = new Map<string, Map<string, Body>>();
    for (const [type, named] of entries(config[kind])) {
      byType.set(type, new Map(labelledBodies(named)));
    }
    return byType;
  };
  const providerConfigs = new Map<string, Set<string>>();
  for (const [name, configs] of entries(config.provider)) {
    const aliases = new Set<string>();
    for (const body of bodies(configs)) {
      aliases.add(typeof body.alias === "string" ? body.alias : "");
    }
    providerConfigs.set(name, aliases);
  }
  const providerSources = new Map<string, string>();
  for (const terraform of bodies(config.terraform)) {
    for (const [name, requirement] of entries(terraform.required_providers)) {
      const source = isObject(requirement) ? requirement.source : undefined;
      if (typeof source === "string") providerSources.set(name, normalizeSource(source));
    }
  }
  return {
    resource: elements("resource"),
    data: elements("data"),
    variables: new Set(entries(config.variable).map(([name]) => name)),
    locals: new Set(bodies(config.locals).flatMap((body) => Object.keys(body))),
    modules: new Set(entries(config.module).map(([name]) => name)),
    providerConfigs,
    providerSources,
  };
}

/** The source address Terraform uses for a provider local name. */
export function providerSource(declarations: StackDeclarations, localName: string): string {
  const declared = declarations.providerSources.get(localName);
  if (declared) return declared;
  return localName === "terraform" ? BUILTIN_SOURCE : normalizeSource(localName);
}

/**
 * The provider local name a resource or data source uses: the one its `provider`
 * meta-argument names, else the prefix of its type (`openstack_networking_network_v2` →
 * `openstack`), as Terraform infers it.
 */
export function providerLocalName(type: string, body: Body | undefined): string {
  const meta = body?.provider;
  if (typeof meta === "string") {
    const name = unwrapInterpolation(meta).split(".")[0];
    if (name) return name;
  }
  return type.split("_")[0]!;
}

/** The schema block of a declared resource or data source, when its provider has one. */
export function elementSchema(
  index: SchemaIndex,
  declarations: StackDeclarations,
  kind: ElementKind,
  type: string,
  body: Body | undefined,
): SchemaBlock | undefined {
  const provider = index.provider(providerSource(declarations, providerLocalName(type, body)));
  return (kind === "resource" ? provider?.resources : provider?.dataSources)?.get(type);
}

/** `${x.y}` → `x.y`; meta-arguments hold bare traversals, and cdktf writes them either way. */
export function unwrapInterpolation(text: string): string {
  const match = /^\$\{([\s\S]*)\}$/.exec(text.trim());
  return (match ? match[1]! : text).trim();
}

/** The entries of a JSON object, or none. */
export function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

/** The bodies of a block: HCL's JSON syntax allows one object or an array of them. */
export function bodies(value: unknown): Body[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** `{ name: body }` (or `{ name: [body] }`) as [name, body] pairs. */
export function labelledBodies(value: unknown): [string, Body][] {
  return entries(value).flatMap(([name, body]) =>
    bodies(body).map((b) => [name, b] as [string, Body]),
  );
}
