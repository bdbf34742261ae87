/**
 * Provider schemas indexed by source address, and the vendored OpenStack one built once per
 * process: validating every stack of a region looks types up thousands of times.
 */
import { BUILTIN_SCHEMA, BUILTIN_SOURCE } from "./builtin-schema";
import {
  OPENSTACK_SOURCE,
  readProviderSchemaDocument,
  vendoredSchemaPath,
  type ProviderSchema,
  type ProviderSchemaDocument,
  type SchemaBlock,
} from "./provider-schema";

export interface IndexedProvider {
  readonly source: string;
  readonly config: SchemaBlock;
  readonly resources: ReadonlyMap<string, SchemaBlock>;
  readonly dataSources: ReadonlyMap<string, SchemaBlock>;
}

export class SchemaIndex {
  private readonly providers = new Map<string, IndexedProvider>();

  constructor(schemas: Readonly<Record<string, ProviderSchema>>) {
    for (const [source, schema] of Object.entries(schemas)) {
      this.providers.set(normalizeSource(source), {
        source: normalizeSource(source),
        config: schema.provider.block,
        resources: blocksOf(schema.resource_schemas),
        dataSources: blocksOf(schema.data_source_schemas),
      });
    }
  }

  static fromDocuments(documents: readonly ProviderSchemaDocument[]): SchemaIndex {
    const schemas: Record<string, ProviderSchema> = { [BUILTIN_SOURCE]: BUILTIN_SCHEMA };
    for (const document of documents) Object.assign(schemas, document.provider_schemas);
    return new SchemaIndex(schemas);
  }

  /** The provider at `source`, following the registry's redirects of legacy addresses. */
  provider(source: string): IndexedProvider | undefined {
    const normal = normalizeSource(source);
    return this.providers.get(normal) ?? this.providers.get(REGISTRY_REDIRECTS.get(normal) ?? "");
  }

  sources(): string[] {
    return [...this.providers.keys()];
  }
}

function blocksOf(entries: ProviderSchema["resource_schemas"]): ReadonlyMap<string, SchemaBlock> {
  return new Map(Object.entries(entries ?? {}).map(([type, entry]) => [type, entry.block]));
}

/**
 * Legacy addresses the public registry redirects. A configuration without `required_providers`
 * resolves `openstack` to `hashicorp/openstack`, which Terraform installs from
 * terraform-provider-openstack/openstack: the same provider, so the same schema.
 */
export const REGISTRY_REDIRECTS: ReadonlyMap<string, string> = new Map([
  ["registry.terraform.io/hashicorp/openstack", OPENSTACK_SOURCE],
]);

/**
 * Terraform's normal form of a provider source: `hostname/namespace/type`, lower case, with
 * the public registry as the default host (`hashicorp/aws` is `registry.terraform.io/hashicorp/aws`).
 */
export function normalizeSource(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join("/")}`;
  return parts.join("/");
}

let openstack: SchemaIndex | undefined;

/** The vendored OpenStack provider 3.4.0 schema and Terraform's built-in provider. */
export function openstackSchemaIndex(): SchemaIndex {
  openstack ??= SchemaIndex.fromDocuments([readProviderSchemaDocument(vendoredSchemaPath())]);
  return openstack;
}
