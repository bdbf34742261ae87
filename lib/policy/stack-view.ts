import type { Layer } from "../names";
import type { StackPlan } from "../plan/region-plan";
import { isRecord } from "./json";
import { readMarkers, type TamnaMarkers } from "./markers";

/**
 * A cdktf-free view of one synthesized stack, built from its Terraform JSON (cdk.tf.json) alone,
 * so that the rules check exactly what Terraform will read, whichever way it was produced.
 */

export interface StackInfo {
  readonly name: string;
  readonly layer: Layer;
  /** The agency of tenancy and agency stacks. */
  readonly agency?: string;
  readonly site: string;
}

/** The Terraform JSON of one stack, parsed (the content of cdk.tf.json). */
export type TerraformJson = Readonly<Record<string, unknown>>;

export interface SynthesizedStack {
  readonly info: StackInfo;
  readonly json: TerraformJson;
}

export interface PolicyResource {
  /** Name of the stack the resource is in. */
  readonly stack: string;
  readonly kind: "resource" | "data";
  readonly type: string;
  /** Logical ID inside the type. */
  readonly name: string;
  /** Terraform address: `type.name`, or `data.type.name` for a data source. */
  readonly address: string;
  /** The body as in cdk.tf.json, without its `//` block. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Construct path from cdktf's `//` metadata, when the JSON came from cdktf. */
  readonly constructPath?: string;
  readonly markers: TamnaMarkers;
}

export interface PolicyOutput {
  readonly name: string;
  /** `output.<name>`. */
  readonly address: string;
  readonly value: unknown;
  readonly sensitive: boolean;
}

export interface PolicyVariable {
  readonly name: string;
  /** `var.<name>`. */
  readonly address: string;
  readonly sensitive: boolean;
  readonly default?: unknown;
}

/** A block only scanned for secrets: a provider configuration, `terraform` (backend), `locals`. */
export interface PolicyBlock {
  readonly address: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface StackView {
  readonly stack: StackInfo;
  readonly resources: readonly PolicyResource[];
  readonly dataSources: readonly PolicyResource[];
  readonly outputs: readonly PolicyOutput[];
  readonly variables: readonly PolicyVariable[];
  readonly settings: readonly PolicyBlock[];
}

/** What a stack plan says about its stack. */
export function stackInfo(plan: StackPlan): StackInfo {
  return {
    name: plan.name,
    layer: plan.layer,
    ...("agency" in plan ? { agency: plan.agency } : {}),
    site: plan.site,
  };
}

export function stackView({ info, json }: SynthesizedStack): StackView {
  return {
    stack: info,
    resources: elements(info.name, "resource", json.resource),
    dataSources: elements(info.name, "data", json.data),
    outputs: entries(json.output).map(([name, body]) => ({
      name,
      address: `output.${name}`,
      value: body.value,
      sensitive: body.sensitive === true,
    })),
    variables: entries(json.variable).map(([name, body]) => ({
      name,
      address: `var.${name}`,
      sensitive: body.sensitive === true,
      ...("default" in body ? { default: body.default } : {}),
    })),
    settings: settingsBlocks(json),
  };
}

function elements(stack: string, kind: "resource" | "data", section: unknown): PolicyResource[] {
  return entries(section).flatMap(([type, byName]) =>
    entries(byName).map(([name, body]) => {
      const { "//": comment, ...attributes } = body;
      const path = isRecord(comment) && isRecord(comment.metadata) ? comment.metadata.path : "";
      return {
        stack,
        kind,
        type,
        name,
        address: kind === "data" ? `data.${type}.${name}` : `${type}.${name}`,
        attributes,
        ...(typeof path === "string" && path ? { constructPath: path } : {}),
        markers: readMarkers(comment),
      };
    }),
  );
}

function settingsBlocks(json: TerraformJson): PolicyBlock[] {
  const blocks: PolicyBlock[] = [];
  const providers = isRecord(json.provider) ? json.provider : {};
  for (const name of Object.keys(providers).sort()) {
    // cdk.tf.json lists each provider's configurations (aliases) in an array.
    const configs = providers[name];
    const list: unknown[] = Array.isArray(configs) ? configs : [configs];
    list.forEach((config, index) => {
      if (!isRecord(config)) return;
      const address = list.length > 1 ? `provider.${name}[${index}]` : `provider.${name}`;
      blocks.push({ address, attributes: config });
    });
  }
  if (isRecord(json.terraform)) blocks.push({ address: "terraform", attributes: json.terraform });
  if (isRecord(json.locals)) blocks.push({ address: "locals", attributes: json.locals });
  return blocks;
}

/** Entries of a JSON object whose values are objects, in key order; anything else is skipped. */
function entries(value: unknown): [string, Record<string, unknown>][] {
  if (!isRecord(value)) return [];
  return Object.keys(value)
    .sort()
    .flatMap((key) => (isRecord(value[key]) ? [[key, value[key]]] : []));
}
