import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AGENCY_DIR, REGION_FILE } from "../../../lib/spec/load";
import { jsonSchemaText, SPEC_SCHEMAS } from "../../../lib/spec/json-schema";
import { JEJU_DIR, REPO_ROOT, SCHEMA_DIR } from "./helpers";

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every subschema that declares named properties, with its JSON pointer. */
function objectSchemas(
  node: Json,
  pointer = "#",
): { pointer: string; schema: Record<string, Json> }[] {
  if (node === null || typeof node !== "object") return [];
  const found: { pointer: string; schema: Record<string, Json> }[] = [];
  if (!Array.isArray(node) && typeof node.properties === "object" && node.properties !== null)
    found.push({ pointer, schema: node });
  const entries = Array.isArray(node)
    ? node.map((v, i) => [String(i), v] as const)
    : Object.entries(node);
  for (const [key, child] of entries) found.push(...objectSchemas(child, `${pointer}/${key}`));
  return found;
}

function readSchema(file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), "utf8")) as Json;
}

/** The example spec files and the schema each must declare. */
/** The spec files of a region directory, each with the schema its modeline must name. */
function specFiles(regionDir: string): { file: string; schema: string }[] {
  const agencyDir = path.join(regionDir, AGENCY_DIR);
  return [
    { file: path.join(regionDir, REGION_FILE), schema: "region.schema.json" },
    ...fs
      .readdirSync(agencyDir)
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => ({ file: path.join(agencyDir, name), schema: "agency.schema.json" })),
  ];
}

describe("json-schema", () => {
  describe.each(Object.entries(SPEC_SCHEMAS))("GIVEN the schema %s", (file, schema) => {
    it("WHEN generated THEN it equals the committed copy in schemas/", () => {
      const target = path.join(SCHEMA_DIR, file);
      const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
      expect(committed, `schemas/${file} is out of date: run \`npm run schemas\``).toBe(
        jsonSchemaText(schema, file),
      );
    });

    it("WHEN read THEN it declares its $id, draft 2020-12 and a title", () => {
      const json = readSchema(file) as Record<string, Json>;
      expect(json.$id).toBe(file);
      expect(json.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(json.title).toMatch(/^tamna (region|agency)$/);
      expect(json.type).toBe("object");
    });

    it("WHEN read THEN every object with properties forbids additional properties", () => {
      const objects = objectSchemas(readSchema(file));
      expect(objects.length).toBeGreaterThan(3); // nested objects are found too
      const open = objects
        .filter(({ schema: s }) => s.additionalProperties !== false)
        .map((o) => o.pointer);
      expect(open, "objects that allow unknown fields").toEqual([]);
    });
  });

  describe("GIVEN the region schema", () => {
    it("WHEN read THEN state.type offers local, s3 and pg", () => {
      const text = fs.readFileSync(path.join(SCHEMA_DIR, "region.schema.json"), "utf8");
      for (const type of ["local", "s3", "pg"]) expect(text).toContain(`"const": "${type}"`);
    });
  });

  // The example region (users copy it and add agencies) and the tests' own copy of it.
  describe.each([
    ["the example region", path.join(REPO_ROOT, "stacks", "jeju")],
    ["the test fixture region", JEJU_DIR],
  ])("GIVEN the spec files of %s", (_, regionDir) => {
    const files = specFiles(regionDir);

    it("WHEN listed THEN there is the region file and at least one agency file", () => {
      expect(files.filter((f) => f.schema === "agency.schema.json").length).toBeGreaterThan(0);
    });

    it.each(files.map((f) => [path.relative(REPO_ROOT, f.file), f] as const))(
      "WHEN %s is read THEN its first line is a modeline that resolves to the right schema",
      (_, { file, schema }) => {
        const firstLine = fs.readFileSync(file, "utf8").split("\n")[0]!;
        const match = MODELINE.exec(firstLine);
        expect(
          match,
          `first line of ${file} must be "# yaml-language-server: $schema=<path>"`,
        ).not.toBeNull();
        const target = path.resolve(path.dirname(file), match![1]!);
        expect(target).toBe(path.join(SCHEMA_DIR, schema));
        expect(fs.existsSync(target)).toBe(true);
      },
    );
  });
});
