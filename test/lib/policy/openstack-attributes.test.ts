import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMED_TYPES, TAGGED_TYPES } from "../../../lib/policy/openstack-attributes";
import { STATEFUL_TYPES } from "../../../lib/policy/rules/stateful-resources-protected";

const root = path.join(__dirname, "..", "..", "..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

interface Attribute {
  readonly required?: boolean;
  readonly optional?: boolean;
}

describe("the attribute lists of the rules", () => {
  const schema = read("vendor/openstack/provider-schema.json");
  const resources: Record<string, { block: { attributes?: Record<string, Attribute> } }> = (
    Object.values(schema.provider_schemas)[0] as { resource_schemas: never }
  ).resource_schemas;
  const bound: string[] = read("openstack-bindings.json").resources;
  const taking = (attribute: string) =>
    bound.filter((type) => {
      const found = resources[type]?.block.attributes?.[attribute];
      return found !== undefined && (found.required || found.optional);
    });

  it("THEN TAGGED_TYPES are the bound types that take tags, per the vendored schema", () => {
    expect([...TAGGED_TYPES]).toEqual(taking("tags"));
  });

  it("THEN NAMED_TYPES are the bound types that take a name, per the vendored schema", () => {
    expect([...NAMED_TYPES]).toEqual(taking("name"));
  });

  it("THEN every stateful type is bound", () => {
    for (const type of STATEFUL_TYPES) expect(bound).toContain(type);
  });
});
