/**
 * The parts of a synthesized `cdk.tf.json` the diff reads: plain Terraform JSON, with cdktf's
 * bookkeeping under `//` keys (construct paths, unique IDs) that Terraform ignores.
 */

export type Body = Readonly<Record<string, unknown>>;

export interface OutputBlock {
  readonly value?: unknown;
  readonly sensitive?: boolean;
  readonly description?: string;
}

export interface VariableBlock {
  readonly sensitive?: boolean;
}

export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Body>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Body>>>>;
  readonly output?: Readonly<Record<string, OutputBlock>>;
  readonly variable?: Readonly<Record<string, VariableBlock>>;
  readonly moved?: readonly MovedBlock[];
  readonly [block: string]: unknown;
}

/** One resource or data source block, with its address. */
export interface Block {
  /** `type.name`, or `data.type.name`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Body;
}

export type BlockKind = "resource" | "data";

const cache: Record<BlockKind, WeakMap<TerraformJson, Map<string, Block>>> = {
  resource: new WeakMap(),
  data: new WeakMap(),
};

/** The blocks of one kind, by address. Outputs are never modified, so this is computed once. */
export function blocksOf(
  json: TerraformJson | undefined,
  kind: BlockKind,
): ReadonlyMap<string, Block> {
  if (!json) return new Map();
  const cached = cache[kind].get(json);
  if (cached) return cached;
  const blocks = new Map<string, Block>();
  for (const [type, byName] of Object.entries(json[kind] ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
      blocks.set(address, { address, type, name, body });
    }
  }
  cache[kind].set(json, blocks);
  return blocks;
}

/** The resources of one type. */
export function resourcesOfType(json: TerraformJson | undefined, type: string): Block[] {
  return Object.entries(json?.resource?.[type] ?? {}).map(([name, body]) => ({
    address: `${type}.${name}`,
    type,
    name,
    body,
  }));
}

/** The construct path cdktf records for a block, e.g. `jeju-city-jeju-cdc/Network/Zones/app/Subnet`. */
export function constructPath(body: Body): string | undefined {
  const meta = body["//"];
  if (!isRecord(meta) || !isRecord(meta.metadata)) return undefined;
  const value = meta.metadata.path;
  return typeof value === "string" ? value : undefined;
}

/** Names of the variables the stack declares `sensitive: true`. */
export function sensitiveVariables(json: TerraformJson | undefined): Set<string> {
  return new Set(
    Object.entries(json?.variable ?? {})
      .filter(([, variable]) => isRecord(variable) && variable.sensitive === true)
      .map(([name]) => name),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
