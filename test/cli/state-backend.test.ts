/**
 * End-to-end: the state backend each synthesized stack gets, for local and pg state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  Workspaces,
  editYaml,
  exampleStackNames,
  expectExit,
  readStack,
  readTree,
  runTamna,
  stackDirs,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

const credentialLike =
  /password|secret|token|access_key|secret_key|conn_str|BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}/i;

/** A workspace whose region keeps all state in `state` (the DR site's own state removed). */
function regionWithState(label: string, state: Record<string, unknown>): string {
  const ws = workspaces.withRegion(label);
  editYaml(path.join(ws, "jeju", "region.yaml"), (doc) => {
    doc.set("state", doc.createNode(state));
    doc.deleteIn(["sites", "mainland-drc", "state"]);
  });
  return ws;
}

function expectNoCredentials(out: string): void {
  for (const [name, bytes] of readTree(out)) {
    if (bytes !== null) expect(bytes.toString("utf8"), name).not.toMatch(credentialLike);
  }
}

describe("state backends", () => {
  describe("GIVEN a region with state: {type: local}", () => {
    let ws: string;
    beforeAll(() => {
      ws = regionWithState("state-local", { type: "local" });
    });

    describe("WHEN synthesized into the default cdktf.out", () => {
      let result: CliResult;
      let out: string;
      beforeAll(async () => {
        result = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
        out = path.join(ws, "cdktf.out");
      });

      it("THEN it exits 0", () => {
        expectExit(result, 0);
        expect(stackDirs(out)).toEqual(exampleStackNames());
      });

      it("THEN every stack's backend is a local file under <cwd>/terraform-state, relative to the stack dir", () => {
        for (const stack of exampleStackNames()) {
          expect(readStack(out, stack).terraform.backend, stack).toEqual({
            local: { path: `../../../terraform-state/${stack}.tfstate` },
          });
          // The path resolves from where Terraform runs to outside the replaced output.
          const resolved = path.resolve(
            out,
            "stacks",
            stack,
            `../../../terraform-state/${stack}.tfstate`,
          );
          expect(resolved).toBe(path.join(ws, "terraform-state", `${stack}.tfstate`));
        }
      });

      it("THEN nothing credential-like is written", () => {
        expectNoCredentials(out);
      });
    });

    describe("WHEN synthesized into a deeper --out", () => {
      let result: CliResult;
      beforeAll(async () => {
        result = await runTamna(ws, ["synth", "--region", "jeju", "-q", "--out", "build/tf"]);
      });

      it("THEN the relative state paths still reach <cwd>/terraform-state", () => {
        expectExit(result, 0);
        const out = path.join(ws, "build", "tf");
        for (const stack of exampleStackNames()) {
          expect(readStack(out, stack).terraform.backend.local.path, stack).toBe(
            `../../../../terraform-state/${stack}.tfstate`,
          );
        }
      });
    });
  });

  describe("GIVEN a region with state: {type: pg}", () => {
    let result: CliResult;
    let out: string;
    beforeAll(async () => {
      const ws = regionWithState("state-pg", { type: "pg" });
      result = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
      out = path.join(ws, "cdktf.out");
    });

    describe("WHEN synthesized", () => {
      it("THEN it exits 0", () => {
        expectExit(result, 0);
      });

      it("THEN every backend is pg with schema jeju_<stack> and no connection string", () => {
        for (const stack of exampleStackNames()) {
          const backend = readStack(out, stack).terraform.backend;
          expect(backend, stack).toEqual({
            pg: { schema_name: `jeju_${stack.replace(/-/g, "_")}` },
          });
          expect(backend.pg).not.toHaveProperty("conn_str");
        }
      });

      it("THEN nothing credential-like is written", () => {
        expectNoCredentials(out);
        expect(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).not.toMatch(/conn_str/);
      });
    });
  });
});
