import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BindingsError,
  LIST_FILE,
  OUT_DIR,
  REPO_ROOT,
  checkBindings,
  readBindingsList,
  readVendoredSchema,
  typeDirName,
  validateBindingsList,
  type BindingsList,
  type VendoredSchema,
} from "../../scripts/bindings.mjs";

const genDir = path.join(REPO_ROOT, OUT_DIR);
const vendorDir = path.join(REPO_ROOT, "vendor", "openstack");
const sharedDir = path.resolve(REPO_ROOT, "..", "shared", "schemas", "openstack");

let list: BindingsList;
let vendored: VendoredSchema;

beforeAll(() => {
  list = readBindingsList().list;
  vendored = readVendoredSchema();
});

describe("OpenStack provider bindings", () => {
  it("in .gen are up to date with the vendored schema and openstack-bindings.json", async () => {
    const { upToDate, missing, extra, differing } = await checkBindings();
    const details = [
      ...differing.map((f) => `differs: ${f}`),
      ...missing.map((f) => `missing: ${f}`),
      ...extra.map((f) => `extra: ${f}`),
    ];
    expect(upToDate, `${OUT_DIR} is stale; run \`npm run bindings\`\n${details.join("\n")}`).toBe(
      true,
    );
  });

  it("exist for exactly the listed types", () => {
    expect(typeDirName("openstack_identity_project_v3", "resource")).toBe("identity-project-v3");
    expect(typeDirName("openstack_networking_network_v2", "dataSource")).toBe(
      "data-openstack-networking-network-v2",
    );
    const expected = [
      ...list.resources.map((t) => typeDirName(t, "resource")),
      ...list.dataSources.map((t) => typeDirName(t, "dataSource")),
      "provider",
    ].sort();
    expect(existsSync(genDir), `${OUT_DIR} is missing; run \`npm run bindings\``).toBe(true);
    const actual = readdirSync(genDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(actual).toEqual(expected);
    const index = readFileSync(path.join(genDir, "index.ts"), "utf8");
    for (const dir of expected) expect(index).toContain(`from './${dir}';`);
  });

  describe("list validation", () => {
    const withList = (patch: Partial<BindingsList>) => () =>
      validateBindingsList({ ...list, ...patch }, vendored);

    it("accepts the committed list", () => {
      expect(withList({})).not.toThrow();
    });

    it("rejects an unknown type, naming it", () => {
      const resources = [...list.resources, "openstack_zz_unknown_v9"];
      expect(withList({ resources })).toThrow(BindingsError);
      expect(withList({ resources })).toThrow(
        new RegExp(`^${LIST_FILE}: .*"openstack_zz_unknown_v9" is not a resource type`),
      );
    });

    it("rejects an unknown data-source type, naming it", () => {
      const dataSources = [...list.dataSources, "openstack_zz_unknown_v9"];
      expect(withList({ dataSources })).toThrow(/"openstack_zz_unknown_v9" is not a data source/);
    });

    it("rejects an unsorted list, naming the entry", () => {
      const resources = [...list.resources].reverse();
      expect(withList({ resources })).toThrow(
        new RegExp(`^${LIST_FILE}: resources is not sorted: "${resources[1]}" must come before`),
      );
    });

    it("rejects a duplicate and a version that differs from the schema", () => {
      const dataSources = [list.dataSources[0], ...list.dataSources];
      expect(withList({ dataSources })).toThrow(`lists "${list.dataSources[0]}" twice`);
      expect(withList({ version: "9.9.9" })).toThrow(/"version" is "9\.9\.9" but .* 3\.4\.0/);
    });
  });

  it("vendored schema is byte-identical to ../shared/schemas/openstack", (ctx) => {
    ctx.skip(
      !existsSync(sharedDir),
      `${sharedDir} does not exist (not a shared-workspace checkout)`,
    );
    const files = readdirSync(sharedDir).sort();
    expect(readdirSync(vendorDir).sort()).toEqual(files);
    for (const file of files) {
      const same = readFileSync(path.join(vendorDir, file)).equals(
        readFileSync(path.join(sharedDir, file)),
      );
      expect(same, `vendor/openstack/${file} differs from ${sharedDir}/${file}`).toBe(true);
    }
  });
});
