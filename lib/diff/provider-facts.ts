/**
 * What the OpenStack provider says about attributes, from the vendored schema
 * (`vendor/openstack/`): which changes force a replacement and which values are secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isRecord } from "./terraform-json";

export interface ProviderFacts {
  /** The force-new attribute path that a change at `schemaPath` (indexes dropped) touches. */
  forceNewAttribute(type: string, schemaPath: string): string | undefined;
  /** True when the attribute at `schemaPath`, or the block holding it, is secret. */
  isSensitive(type: string, schemaPath: string): boolean;
}

/**
 * Secrets the provider does not mark sensitive. `container_sync_key` authenticates Swift
 * container sync to the DR site: leaking it lets anyone push objects into the replica.
 */
export const EXTRA_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  openstack_objectstorage_container_v1: ["container_sync_key"],
  // Settings blocks, compared like attributes: state backend credentials, should any appear.
  terraform: [
    "backend.s3.access_key",
    "backend.s3.secret_key",
    "backend.s3.token",
    "backend.pg.conn_str",
  ],
};

/** Facts from explicit tables: `{type: [attribute path, ...]}`, paths dotted as in force-new.json. */
export function providerFactsFrom(
  forceNew: Readonly<Record<string, readonly string[]>>,
  sensitive: Readonly<Record<string, readonly string[]>>,
): ProviderFacts {
  return {
    forceNewAttribute: (type, schemaPath) =>
      (forceNew[type] ?? []).find((attribute) => touches(schemaPath, attribute)),
    isSensitive: (type, schemaPath) =>
      [...(sensitive[type] ?? []), ...(EXTRA_SENSITIVE[type] ?? [])].some((attribute) =>
        within(schemaPath, attribute),
      ),
  };
}

/** A change at `changed` touches `attribute` when one holds the other (`network` and `network.uuid`). */
function touches(changed: string, attribute: string): boolean {
  return within(changed, attribute) || within(attribute, changed);
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

let vendored: ProviderFacts | undefined;

/** Facts from `vendor/openstack/force-new.json` and `provider-schema.json`, read once. */
export function vendoredProviderFacts(): ProviderFacts {
  if (!vendored) {
    const dir = path.join(packageRoot(), "vendor", "openstack");
    const forceNew = JSON.parse(
      fs.readFileSync(path.join(dir, "force-new.json"), "utf8"),
    ) as Record<string, string[]>;
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "provider-schema.json"), "utf8"));
    vendored = providerFactsFrom(forceNew, sensitivePaths(schema));
  }
  return vendored;
}

/**
 * `{type: [dotted path of every attribute marked sensitive]}` from a provider schema document;
 * the provider block's own secrets under `provider` as `<provider name>.<attribute>`.
 */
export function sensitivePaths(schema: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const providers =
    isRecord(schema) && isRecord(schema.provider_schemas) ? schema.provider_schemas : {};
  for (const [source, provider] of Object.entries(providers)) {
    if (!isRecord(provider)) continue;
    if (isRecord(provider.provider)) {
      const paths: string[] = [];
      collectSensitive(provider.provider.block, `${source.split("/").pop()}.`, paths);
      if (paths.length > 0) result.provider = [...(result.provider ?? []), ...paths].sort();
    }
    if (!isRecord(provider.resource_schemas)) continue;
    for (const [type, resource] of Object.entries(provider.resource_schemas)) {
      const paths: string[] = [];
      if (isRecord(resource)) collectSensitive(resource.block, "", paths);
      if (paths.length > 0) result[type] = paths.sort();
    }
  }
  return result;
}

function collectSensitive(block: unknown, prefix: string, into: string[]): void {
  if (!isRecord(block)) return;
  for (const [name, attribute] of Object.entries(
    isRecord(block.attributes) ? block.attributes : {},
  )) {
    if (isRecord(attribute) && attribute.sensitive === true) into.push(`${prefix}${name}`);
  }
  for (const [name, nested] of Object.entries(
    isRecord(block.block_types) ? block.block_types : {},
  )) {
    if (isRecord(nested)) collectSensitive(nested.block, `${prefix}${name}.`, into);
  }
}

/**
 * The directory of the tamna package (it holds `vendor/`), found upwards from this file so that
 * it works from the sources (`lib/diff`) and from the build (`dist/lib/diff`) alike.
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "vendor", "openstack", "force-new.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`vendor/openstack not found above ${__dirname}`);
    dir = parent;
  }
}
