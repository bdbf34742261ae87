/**
 * Terraform's built-in provider (`terraform.io/builtin/terraform`): `terraform_remote_state`
 * (what cdktf uses for cross-stack references) and `terraform_data`. Terraform has no schema
 * file for it, so it is written out here, as Terraform 1.5+ defines it.
 */
import type { ProviderSchema } from "./provider-schema";

export const BUILTIN_SOURCE = "terraform.io/builtin/terraform";

export const BUILTIN_SCHEMA: ProviderSchema = {
  provider: { version: 0, block: {} },
  resource_schemas: {
    terraform_data: {
      version: 0,
      block: {
        attributes: {
          id: { type: "string", computed: true },
          input: { type: "dynamic", optional: true },
          output: { type: "dynamic", computed: true },
          triggers_replace: { type: "dynamic", optional: true },
        },
      },
    },
  },
  data_source_schemas: {
    terraform_remote_state: {
      version: 0,
      block: {
        attributes: {
          backend: { type: "string", required: true },
          config: { type: "dynamic", optional: true },
          defaults: { type: "dynamic", optional: true },
          outputs: { type: "dynamic", computed: true },
          workspace: { type: "string", optional: true },
        },
      },
    },
  },
};
