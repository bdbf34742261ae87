import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { policyFindings, TAMNA_RULES, type RegionModel, type StackInfo } from "../../../lib/policy";
import {
  loadJsonDir,
  mergeFiles,
  STACK_ONLY_RULES,
  validateJsonConfigurations,
  type JsonConfiguration,
} from "../../../lib/validate/json-dir";
import { MAX_JSON_FILE_BYTES, readJsonFile } from "../../../lib/validate/json-files";
import { synthesizedExample } from "./schema/synthesized-example";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temp directory holding `files` (relative path → content). */
function directory(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-json-dir-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The problems a TamnaError thrown by `load` carries. */
function problemsOf(load: () => unknown) {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(TamnaError);
    return (error as TamnaError).problems;
  }
  throw new Error("expected a TamnaError");
}

const network = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    { resource: { openstack_networking_network_v2: { [name]: { name, ...extra } } } },
    null,
    2,
  );

/** A region model and stack info that fail the test when a rule reads them. */
const THROWING_REGION = new Proxy({} as RegionModel, {
  get: (_, property) => {
    throw new Error(`read region.${String(property)}`);
  },
});
function throwingInfo(name: string): StackInfo {
  return new Proxy({ name } as StackInfo, {
    get: (target, property) => {
      if (property === "name") return target.name;
      throw new Error(`read stack.${String(property)}`);
    },
  });
}

describe("validate --json-dir, in process", () => {
  describe("GIVEN the policy pack", () => {
    const example = [...synthesizedExample()].map(([name, json]) => ({ name, json }));

    it("THEN every stack-only rule is a rule of the pack", () => {
      const ids = TAMNA_RULES.map((rule) => rule.id);
      for (const id of STACK_ONLY_RULES) expect(ids).toContain(id);
    });

    it.each(STACK_ONLY_RULES)(
      "THEN %s runs over every stack of the example without reading the region",
      (id) => {
        const rule = TAMNA_RULES.find((r) => r.id === id)!;
        const stacks = example.map(({ name, json }) => ({ info: throwingInfo(name), json }));
        expect(() => policyFindings(stacks, THROWING_REGION, { rules: [rule] })).not.toThrow();
      },
    );

    it.each(TAMNA_RULES.filter((rule) => !STACK_ONLY_RULES.includes(rule.id)).map((r) => r.id))(
      "THEN %s, left out, does read the region or the stack's place in it",
      (id) => {
        const rule = TAMNA_RULES.find((r) => r.id === id)!;
        const stacks = example.map(({ name, json }) => ({ info: throwingInfo(name), json }));
        expect(() => policyFindings(stacks, THROWING_REGION, { rules: [rule] })).toThrow(
          /^read (region|stack)\./,
        );
      },
    );

    it("THEN the example's stacks, read as configurations, have no finding", () => {
      const configurations: JsonConfiguration[] = example.map(({ name, json }) => ({
        name,
        files: [{ file: `${name}/cdk.tf.json`, text: JSON.stringify(json, null, 2), json }],
        json,
      }));
      const result = validateJsonConfigurations(configurations);
      expect(result.findings).toEqual([]);
      expect(result.skipped.find((s) => s.layer === "policy")?.reason).toContain("TAMNA-NET-001");
    });

    it("THEN a stack-only rule finds a volume without destroy protection, at its file and line", () => {
      const text = JSON.stringify(
        {
          resource: {
            openstack_blockstorage_volume_v3: { data: { name: "data", size: 10 } },
          },
        },
        null,
        2,
      );
      const json = JSON.parse(text) as Record<string, unknown>;
      const { findings } = validateJsonConfigurations([
        { name: "vols", files: [{ file: "vols/main.tf.json", text, json }], json },
      ]);
      expect(findings.map((f) => [f.ruleId, f.address, f.location])).toEqual([
        [
          "TAMNA-DATA-001",
          "openstack_blockstorage_volume_v3.data",
          { file: "vols/main.tf.json", line: 4 },
        ],
      ]);
    });
  });

  describe("GIVEN a directory of several *.tf.json files", () => {
    it("THEN they form one configuration, merged by label, in file-name order", () => {
      const dir = directory({
        "b.tf.json": network("b"),
        "a.tf.json": network("a"),
        "notes.json": "not terraform",
        "sub/c.tf.json": network("c"),
        "folder.tf.json/d.tf.json": network("d"),
      });
      const [configuration, ...more] = loadJsonDir(dir);
      expect(more).toEqual([]);
      expect(configuration!.name).toBe(path.basename(dir));
      expect(configuration!.files.map((f) => path.basename(f.file))).toEqual([
        "a.tf.json",
        "b.tf.json",
      ]);
      expect(
        Object.keys(
          (configuration!.json.resource as Record<string, Record<string, unknown>>)
            .openstack_networking_network_v2!,
        ),
      ).toEqual(["a", "b"]);
    });

    it("THEN a name declared in two files keeps both bodies, and unlabelled blocks are listed", () => {
      const files = [
        { file: "a.tf.json", text: "", json: JSON.parse(network("n")) },
        { file: "b.tf.json", text: "", json: JSON.parse(network("n", { mtu: 1400 })) },
        { file: "c.tf.json", text: "", json: { locals: { a: 1 }, terraform: {} } },
        { file: "d.tf.json", text: "", json: { locals: { b: 2 } } },
      ];
      expect(mergeFiles(files)).toEqual({
        resource: {
          openstack_networking_network_v2: { n: [{ name: "n" }, { name: "n", mtu: 1400 }] },
        },
        locals: [{ a: 1 }, { b: 2 }],
        terraform: [{}],
      });
    });

    it("THEN a finding is located in the file that declares the resource", () => {
      const dir = directory({
        "a.tf.json": network("a"),
        "b.tf.json": network("b", { colour: "blue" }),
      });
      const { findings } = validateJsonConfigurations(loadJsonDir(dir));
      expect(
        findings.map((f) => [f.ruleId, f.attribute, f.location?.file, f.location?.line]),
      ).toEqual([["SCHEMA-UNKNOWN-ATTRIBUTE", "colour", expect.stringMatching(/b\.tf\.json$/), 6]]);
    });
  });

  describe("GIVEN a cdktf output directory", () => {
    it("THEN each stacks/<name>/ is a configuration named after its stack", () => {
      const dir = directory({
        "manifest.json": "{}",
        "stacks/one/cdk.tf.json": network("a"),
        "stacks/two/cdk.tf.json": network("b"),
        "stacks/empty/readme.txt": "nothing",
      });
      expect(loadJsonDir(dir).map((c) => c.name)).toEqual(["one", "two"]);
    });
  });

  describe("GIVEN bad input, THEN a located TamnaError", () => {
    it("a directory that does not exist", () => {
      const [problem] = problemsOf(() => loadJsonDir(path.join(os.tmpdir(), "no-such-tamna-dir")));
      expect(problem!.message).toBe("no such directory");
    });

    it("a file instead of a directory", () => {
      const dir = directory({ "main.tf.json": network("a") });
      const [problem] = problemsOf(() => loadJsonDir(path.join(dir, "main.tf.json")));
      expect(problem!.message).toBe("--json-dir needs a directory; this is a file");
    });

    it("a directory without *.tf.json", () => {
      const dir = directory({ "main.tf": 'resource "x" "y" {}' });
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem!.message).toMatch(/no \*\.tf\.json file/);
    });

    it("invalid JSON, at its line and column", () => {
      const dir = directory({ "main.tf.json": '{\n  "resource": {\n    "x": nope\n  }\n}\n' });
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem!.location).toMatchObject({ line: 3, column: 10 });
      expect(problem!.location.file).toMatch(/main\.tf\.json$/);
      expect(problem!.message).toMatch(/^invalid JSON: /);
    });

    it("a trailing comma, at its line", () => {
      const dir = directory({ "main.tf.json": '{\n  "a": {},\n}\n' });
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem!.location).toMatchObject({ line: 3, column: 1 });
    });

    it("a top level that is not an object", () => {
      const dir = directory({ "main.tf.json": "[]" });
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem).toMatchObject({ location: { line: 1 }, received: "an array" });
    });

    it("a *.tf.json that is a FIFO, refused unread", () => {
      const dir = directory({ "ok.tf.json": network("a") });
      const fifo = path.join(dir, "odd.tf.json");
      spawnSync("mkfifo", [fifo]);
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem!.message).toBe("not a regular file: it is a named pipe (FIFO)");
    });

    it("a dangling link", () => {
      const dir = directory({ "ok.tf.json": network("a") });
      fs.symlinkSync(path.join(dir, "gone.json"), path.join(dir, "link.tf.json"));
      const [problem] = problemsOf(() => loadJsonDir(dir));
      expect(problem!.message).toMatch(/does not exist/);
    });

    it("a file over the size cap, refused unread", () => {
      const dir = directory({});
      const file = path.join(dir, "big.tf.json");
      fs.writeFileSync(file, "");
      fs.truncateSync(file, MAX_JSON_FILE_BYTES + 1);
      const [problem] = problemsOf(() => readJsonFile(file));
      expect(problem!.message).toMatch(/larger than 32 MiB/);
    });

    it("invalid UTF-8, at its line", () => {
      const dir = directory({});
      const file = path.join(dir, "main.tf.json");
      fs.writeFileSync(
        file,
        Buffer.concat([Buffer.from('{\n"a":\n"'), Buffer.from([0xb0, 0xa1]), Buffer.from('"}')]),
      );
      const [problem] = problemsOf(() => readJsonFile(file));
      expect(problem).toMatchObject({ message: "invalid UTF-8", location: { line: 3 } });
    });
  });
});
