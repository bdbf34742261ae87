// Offline generation of the OpenStack provider bindings (cdktf) from the vendored provider schema.
//
// Plain Node ESM on purpose: it runs from `postinstall`, before anything is built.
// The CLI wrapper is scripts/generate-bindings.mjs; test/bindings/bindings.test.ts uses these
// functions directly.

import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const LIST_FILE = "openstack-bindings.json";
export const SCHEMA_FILE = "vendor/openstack/provider-schema.json";
export const SCHEMA_README = "vendor/openstack/README.md";
export const OUT_DIR = ".gen/providers/openstack";
export const STAMP_FILE = "bindings-stamp.json";
export const PROVIDER_SOURCE = "terraform-provider-openstack/openstack";
export const PROVIDER_FQPN = `registry.terraform.io/${PROVIDER_SOURCE}`;
const GENERATOR_PACKAGE = "@cdktf/provider-generator";
const LIST_KEYS = ["$comment", "provider", "version", "resources", "dataSources"];

/** An expected failure with a one-line, user-facing message (no stack trace needed). */
export class BindingsError extends Error {
  constructor(message) {
    super(message);
    this.name = "BindingsError";
  }
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Directory the generator writes a type to, relative to .gen/providers/openstack. */
export function typeDirName(type, kind) {
  if (kind === "dataSource") return `data-${type}`.replace(/_/g, "-");
  const prefix = "openstack_";
  const base = type.startsWith(prefix) ? type.slice(prefix.length) : type;
  return base.replace(/_/g, "-");
}

/** Reads and parses openstack-bindings.json. Returns { list, bytes }. */
export function readBindingsList(root = REPO_ROOT) {
  const file = path.join(root, LIST_FILE);
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new BindingsError(`${LIST_FILE}: cannot read it (${err.code ?? err.message})`);
  }
  let list;
  try {
    list = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    throw new BindingsError(`${LIST_FILE}: invalid JSON (${err.message}); fix the syntax`);
  }
  return { list, bytes };
}

/**
 * Reads the vendored schema. Returns { schema, bytes, version, resourceTypes, dataSourceTypes }
 * where version is the provider release the schema was derived from (README, cross-checked
 * with provider_versions when the schema carries it).
 */
export function readVendoredSchema(root = REPO_ROOT) {
  const bytes = readFileSync(path.join(root, SCHEMA_FILE));
  const schema = JSON.parse(bytes.toString("utf8"));
  const provider = schema.provider_schemas?.[PROVIDER_FQPN];
  if (!provider) {
    throw new BindingsError(`${SCHEMA_FILE}: no provider_schemas entry for ${PROVIDER_FQPN}`);
  }
  const readme = readFileSync(path.join(root, SCHEMA_README), "utf8");
  const match = /terraform-provider-openstack \*\*v(\d+\.\d+\.\d+[^*\s]*)\*\*/.exec(readme);
  if (!match) {
    throw new BindingsError(
      `${SCHEMA_README}: cannot find the provider version ("terraform-provider-openstack **vX.Y.Z**")`,
    );
  }
  const version = match[1];
  const embedded = schema.provider_versions?.[PROVIDER_FQPN];
  if (embedded !== undefined && embedded !== version) {
    throw new BindingsError(
      `${SCHEMA_FILE}: provider_versions says ${embedded} but ${SCHEMA_README} says ${version}; re-vendor the schema`,
    );
  }
  return {
    schema,
    bytes,
    version,
    resourceTypes: new Set(Object.keys(provider.resource_schemas ?? {})),
    dataSourceTypes: new Set(Object.keys(provider.data_source_schemas ?? {})),
  };
}

/** Throws a BindingsError naming openstack-bindings.json and the offending entry. */
export function validateBindingsList(list, vendored) {
  const fail = (msg) => {
    throw new BindingsError(`${LIST_FILE}: ${msg}`);
  };
  if (typeof list !== "object" || list === null || Array.isArray(list)) {
    fail(`expected a JSON object with "provider", "version", "resources" and "dataSources"`);
  }
  for (const key of Object.keys(list)) {
    if (!LIST_KEYS.includes(key)) {
      fail(`unknown key "${key}"; allowed keys are ${LIST_KEYS.join(", ")}`);
    }
  }
  if (list.provider !== PROVIDER_SOURCE) {
    fail(`"provider" is ${JSON.stringify(list.provider)}; set it to "${PROVIDER_SOURCE}"`);
  }
  if (list.version !== vendored.version) {
    fail(
      `"version" is ${JSON.stringify(list.version)} but the vendored schema is for ${vendored.version} ` +
        `(${SCHEMA_README}); set "version": "${vendored.version}" or re-vendor the schema for that version`,
    );
  }
  const kinds = [
    ["resources", "resource", vendored.resourceTypes, vendored.dataSourceTypes, "dataSources"],
    ["dataSources", "data source", vendored.dataSourceTypes, vendored.resourceTypes, "resources"],
  ];
  for (const [key, noun, known, otherKnown, otherKey] of kinds) {
    const entries = list[key];
    if (!Array.isArray(entries)) fail(`"${key}" must be an array of type names`);
    const seen = new Set();
    entries.forEach((entry, i) => {
      if (typeof entry !== "string") {
        fail(`${key}[${i}] is ${JSON.stringify(entry)}, not a type name string`);
      }
      if (seen.has(entry)) fail(`${key} lists "${entry}" twice; remove the duplicate`);
      seen.add(entry);
      if (i > 0 && entries[i - 1] > entry) {
        fail(
          `${key} is not sorted: "${entry}" must come before "${entries[i - 1]}"; sort the list alphabetically`,
        );
      }
      if (!known.has(entry)) {
        const hint = otherKnown.has(entry)
          ? `it is a ${noun === "resource" ? "data source" : "resource"} type; move it to "${otherKey}"`
          : "fix the name or remove it";
        fail(
          `${key} entry "${entry}" is not a ${noun} type in ${SCHEMA_FILE} (openstack ${vendored.version}); ${hint}`,
        );
      }
    });
  }
}

/** Loads @cdktf/provider-generator without the noise its import causes. */
function loadGenerator() {
  // Importing it spawns `terraform version -json` (via @cdktf/commons). Terraform warns when
  // TF_CLI_CONFIG_FILE names a missing file, and cdktf/terraform phone home unless
  // CHECKPOINT_DISABLE is set. The child process is spawned synchronously during require, so
  // the environment can be restored right after.
  const saved = {
    TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE,
    CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE,
  };
  if (saved.TF_CLI_CONFIG_FILE !== undefined && !existsSync(saved.TF_CLI_CONFIG_FILE)) {
    delete process.env.TF_CLI_CONFIG_FILE;
  }
  if (saved.CHECKPOINT_DISABLE === undefined) process.env.CHECKPOINT_DISABLE = "1";
  try {
    const generator = require(GENERATOR_PACKAGE);
    const { version } = require(`${GENERATOR_PACKAGE}/package.json`);
    return { generator, version };
  } catch (err) {
    if (err.code === "MODULE_NOT_FOUND") {
      throw new BindingsError(
        `cannot load ${GENERATOR_PACKAGE} (a devDependency); run a full \`npm install\` (not --omit=dev)`,
      );
    }
    throw err;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Validates the list and generates the bindings plus the stamp into
 * <targetRoot>/providers/openstack. Returns a summary.
 */
async function renderBindings(root, targetRoot) {
  const { list, bytes: listBytes } = readBindingsList(root);
  const vendored = readVendoredSchema(root);
  validateBindingsList(list, vendored);
  const { generator, version: generatorVersion } = loadGenerator();

  // Only the listed types, in list order (the generator follows key order).
  const schema = vendored.schema;
  const provider = schema.provider_schemas[PROVIDER_FQPN];
  const pick = (all, types) => Object.fromEntries(types.map((t) => [t, all[t]]));
  schema.provider_schemas = {
    [PROVIDER_FQPN]: {
      ...provider,
      resource_schemas: pick(provider.resource_schemas, list.resources),
      data_source_schemas: pick(provider.data_source_schemas, list.dataSources),
    },
  };
  schema.provider_versions = { [PROVIDER_FQPN]: vendored.version };

  await generator.generateProviderBindingsFromSchema(targetRoot, schema);

  const outDir = path.join(targetRoot, "providers", "openstack");
  if (!existsSync(path.join(outDir, "index.ts"))) {
    throw new BindingsError(`the generator did not write providers/openstack/index.ts`);
  }
  const stamp = {
    $comment: "Written by scripts/generate-bindings.mjs; do not edit. Regenerate: npm run bindings",
    provider: `${PROVIDER_SOURCE}@${vendored.version}`,
    generator: `${GENERATOR_PACKAGE}@${generatorVersion}`,
    schema: { file: SCHEMA_FILE, sha256: sha256(vendored.bytes) },
    list: { file: LIST_FILE, sha256: sha256(listBytes) },
  };
  writeFileSync(path.join(outDir, STAMP_FILE), JSON.stringify(stamp, null, 2) + "\n");
  return { resources: list.resources.length, dataSources: list.dataSources.length, outDir };
}

const STAGING_PREFIX = ".staging-openstack-";

/** Removes staging directories left behind by generator runs that were killed. */
function removeDeadStaging(parent) {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split("-")[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (err) {
      alive = err.code === "EPERM";
    }
    if (!alive) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Generates the bindings into .gen/providers/openstack, replacing the previous ones only once
 * the new set is complete (staged next to it, then swapped in by rename).
 */
export async function generateBindings(root = REPO_ROOT) {
  const finalDir = path.join(root, OUT_DIR);
  const parent = path.dirname(finalDir);
  mkdirSync(parent, { recursive: true });
  removeDeadStaging(parent);
  const staging = mkdtempSync(path.join(parent, `${STAGING_PREFIX}${process.pid}-`));
  try {
    const summary = await renderBindings(root, staging);
    const previous = path.join(staging, "previous");
    for (let attempt = 1; ; attempt++) {
      try {
        if (existsSync(finalDir)) renameSync(finalDir, previous);
      } catch (err) {
        if (err.code !== "ENOENT") throw err; // a concurrent run moved it first
      }
      try {
        renameSync(summary.outDir, finalDir);
        break;
      } catch (err) {
        // A concurrent run put its copy in place between our two renames: retry.
        if (!["ENOTEMPTY", "EEXIST"].includes(err.code) || attempt >= 3) {
          if (existsSync(previous) && !existsSync(finalDir)) renameSync(previous, finalDir);
          throw err;
        }
        rmSync(previous, { recursive: true, force: true });
      }
    }
    return { ...summary, outDir: OUT_DIR };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function listFiles(dir, prefix = "") {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), rel));
    else files.push(rel);
  }
  return files.sort();
}

/**
 * Generates into a temporary directory and compares it byte for byte with
 * .gen/providers/openstack. Returns { upToDate, missing, extra, differing } (file paths
 * relative to .gen/providers/openstack).
 */
export async function checkBindings(root = REPO_ROOT) {
  const temp = mkdtempSync(path.join(tmpdir(), "tamna-bindings-check-"));
  try {
    const { outDir: expectedDir } = await renderBindings(root, temp);
    const actualDir = path.join(root, OUT_DIR);
    const expected = listFiles(expectedDir);
    const actual = new Set(listFiles(actualDir));
    const missing = expected.filter((f) => !actual.has(f));
    const extra = [...actual].filter((f) => !expected.includes(f));
    const differing = expected.filter(
      (f) =>
        actual.has(f) &&
        !readFileSync(path.join(expectedDir, f)).equals(readFileSync(path.join(actualDir, f))),
    );
    const upToDate = missing.length === 0 && extra.length === 0 && differing.length === 0;
    return { upToDate, missing, extra, differing };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
