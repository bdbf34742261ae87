import { constructError } from "../errors";
import * as path from "node:path";
import { LocalBackend, S3Backend, TerraformBackend, type TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BackendPlan } from "../plan/region-plan";

/**
 * Configures where a stack keeps its Terraform state. Every stack has its own state (file, S3
 * key or PostgreSQL schema). Connection secrets never appear in the output: S3 credentials come
 * from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the PostgreSQL connection from PG_CONN_STR.
 *
 * @param stackDir the directory the stack is synthesized into; local state paths are relative
 *   to it because Terraform runs there.
 */
export function configureStateBackend(
  stack: TerraformStack,
  plan: BackendPlan,
  stackDir: string,
): TerraformBackend {
  switch (plan.type) {
    case "local":
      return new LocalBackend(stack, { path: localStatePath(plan, stackDir) });
    case "s3": {
      const backend = new S3Backend(stack, {
        bucket: plan.bucket,
        key: plan.key,
        region: plan.region,
        endpoints: { s3: plan.endpoint },
        usePathStyle: true,
        // Ceph RGW is not AWS: skip the AWS-only account and region checks.
        skipCredentialsValidation: true,
        skipRegionValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
      });
      // Not in cdktf 0.21's typed config: S3-native locking (Terraform >= 1.10) instead of
      // DynamoDB, and no AWS-specific checksums, which RGW releases before Squid reject.
      backend.addOverride("use_lockfile", true);
      backend.addOverride("skip_s3_checksum", true);
      return backend;
    }
    case "pg":
      return new PgBackendFromEnvironment(stack, plan.schemaName);
  }
}

/**
 * The path a stack synthesized into `stackDir` records for its local state file: relative to
 * the stack directory, where Terraform runs, and outside the synth output directory, which is
 * replaced on every synth. It depends on the output directory, not only on the plan: the synth
 * cache keys on it.
 */
export function localStatePath(
  plan: Extract<BackendPlan, { type: "local" }>,
  stackDir: string,
): string {
  const statePath = path.join(path.resolve(plan.directory), plan.file);
  return path.relative(path.resolve(stackDir), statePath).split(path.sep).join("/");
}

/** The `pg` backend with the connection string left to PG_CONN_STR, so it is never in output. */
class PgBackendFromEnvironment extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly schemaName: string,
  ) {
    super(scope, "backend", "pg");
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { schema_name: this.schemaName };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { schema_name: this.schemaName };
  }

  public getRemoteStateDataSource(): never {
    // Layers find each other's objects by name through OpenStack data sources, not by reading
    // state, so no stack needs another stack's state.
    throw constructError(this, "tamna stacks do not read each other's state", {
      hint: "look objects up by name through OpenStack data sources instead",
    });
  }
}
