// Types for scripts/bindings.mjs (used by test/bindings/bindings.test.ts).

export declare const REPO_ROOT: string;
export declare const LIST_FILE: string;
export declare const SCHEMA_FILE: string;
export declare const SCHEMA_README: string;
export declare const OUT_DIR: string;
export declare const STAMP_FILE: string;
export declare const PROVIDER_SOURCE: string;
export declare const PROVIDER_FQPN: string;

export declare class BindingsError extends Error {}

export interface BindingsList {
  $comment?: string;
  provider: string;
  version: string;
  resources: string[];
  dataSources: string[];
}

export interface VendoredSchema {
  schema: Record<string, unknown>;
  bytes: Buffer;
  version: string;
  resourceTypes: Set<string>;
  dataSourceTypes: Set<string>;
}

export interface CheckResult {
  upToDate: boolean;
  missing: string[];
  extra: string[];
  differing: string[];
}

export declare function typeDirName(type: string, kind: "resource" | "dataSource"): string;
export declare function readBindingsList(root?: string): { list: BindingsList; bytes: Buffer };
export declare function readVendoredSchema(root?: string): VendoredSchema;
export declare function validateBindingsList(list: unknown, vendored: VendoredSchema): void;
export declare function generateBindings(
  root?: string,
): Promise<{ resources: number; dataSources: number; outDir: string }>;
export declare function checkBindings(root?: string): Promise<CheckResult>;
