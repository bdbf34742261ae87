/**
 * The shape of `terraform providers schema -json` (format 1.0), as far as static validation
 * needs it, and the vendored OpenStack provider schema loaded once per process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageFile } from "../package-file";

/** A cty type in its JSON form: `"string"`, `["list", "string"]`, `["object", {...}]`, ... */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", Readonly<Record<string, CtyType>>, ...unknown[]]
  | readonly ["tuple", readonly CtyType[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export type NestingMode = "single" | "group" | "list" | "set" | "map";

export interface SchemaBlockType {
  readonly nesting_mode: NestingMode;
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface SchemaEntry {
  readonly version: number;
  readonly block: SchemaBlock;
}

export interface ProviderSchema {
  readonly provider: SchemaEntry;
  readonly resource_schemas?: Readonly<Record<string, SchemaEntry>>;
  readonly data_source_schemas?: Readonly<Record<string, SchemaEntry>>;
}

/** The document `terraform providers schema -json` prints. */
export interface ProviderSchemaDocument {
  readonly format_version: string;
  readonly provider_schemas: Readonly<Record<string, ProviderSchema>>;
}

/** Source address of the OpenStack provider, as Terraform normalizes it. */
export const OPENSTACK_SOURCE = "registry.terraform.io/terraform-provider-openstack/openstack";

/** Where the vendored schema lives inside the package (see vendor/openstack/README.md). */
export const VENDORED_SCHEMA = path.join("vendor", "openstack", "provider-schema.json");

/** The vendored schema file of this package. */
export function vendoredSchemaPath(): string {
  return packageFile(VENDORED_SCHEMA);
}

export function readProviderSchemaDocument(file: string): ProviderSchemaDocument {
  return JSON.parse(fs.readFileSync(file, "utf8")) as ProviderSchemaDocument;
}
