import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { configureStateBackend } from "../../../lib/constructs/state-backend";
import { synthesizeConstructs } from "../../helpers/cdktf";
import type { TerraformStack } from "cdktf";

describe("configureStateBackend", () => {
  describe("GIVEN a local backend", () => {
    it("THEN the state path is relative to the stack directory and outside the synth output", () => {
      const cwd = process.cwd();
      const stackDir = path.join(cwd, "cdktf.out", "stacks", "demo");
      const out = synthesizeConstructs((scope) =>
        configureStateBackend(
          scope as TerraformStack,
          { type: "local", directory: "terraform-state", file: "demo.tfstate" },
          stackDir,
        ),
      );
      expect(out.terraform?.backend).toEqual({
        local: { path: "../../../terraform-state/demo.tfstate" },
      });
    });
  });

  describe("GIVEN an S3-compatible backend (Ceph RGW)", () => {
    const out = synthesizeConstructs((scope) =>
      configureStateBackend(
        scope as TerraformStack,
        {
          type: "s3",
          bucket: "tfstate",
          endpoint: "https://rgw.example",
          region: "us-east-1",
          key: "jeju/demo.tfstate",
        },
        "unused",
      ),
    );
    const s3 = (out.terraform?.backend as { s3: Record<string, unknown> }).s3;

    it("THEN it uses path-style addressing, lockfile locking and skips AWS-only checks", () => {
      expect(s3).toEqual({
        bucket: "tfstate",
        key: "jeju/demo.tfstate",
        region: "us-east-1",
        endpoints: { s3: "https://rgw.example" },
        use_path_style: true,
        use_lockfile: true,
        skip_s3_checksum: true,
        skip_credentials_validation: true,
        skip_region_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      });
    });

    it("THEN no credential is written: they come from the environment", () => {
      expect(
        Object.keys(s3).filter((k) => /key$|secret|token|password/.test(k) && k !== "key"),
      ).toEqual([]);
    });
  });

  describe("GIVEN a pg backend", () => {
    it("THEN only the schema name is written; the connection string comes from PG_CONN_STR", () => {
      const out = synthesizeConstructs((scope) =>
        configureStateBackend(
          scope as TerraformStack,
          { type: "pg", schemaName: "jeju_demo" },
          "unused",
        ),
      );
      expect(out.terraform?.backend).toEqual({ pg: { schema_name: "jeju_demo" } });
    });
  });
});
