import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { TamnaError } from "../../lib/errors";
import { planRegion } from "../../lib/plan/region-plan";
import { AgencySpec } from "../../lib/spec/agency";
import { regionInputFromObjects } from "../../lib/spec/load";
import { RegionSpec } from "../../lib/spec/region";
import { buildApp } from "../../stacks/app";
import { decodeTemplate } from "../helpers/terraform-template";

/**
 * The injection property: a string written into any string field of a region or agency file
 * reaches the synthesized Terraform JSON as literal text (decoded by Terraform's template
 * rules, it comes back byte for byte), or the spec rejects it with a located error. The string
 * fields are found by walking the zod schemas, so a field added later is covered without a
 * change here.
 */

type Path = readonly (string | number)[];
/** A field path in a schema: `*` stands for any key of a record or item of a list. */
type Pattern = readonly string[];

/** The parts of a zod v4 schema definition (`schema._zod.def`) the walk reads. */
interface ZodDef {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly valueType?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly options?: readonly unknown[];
}

/** Every path of a string value in a zod v4 schema, read from its `_zod.def` tree. */
function stringFields(schema: unknown, prefix: Pattern = []): Pattern[] {
  const def = (schema as { _zod: { def: ZodDef } })._zod.def;
  switch (def.type) {
    case "string":
      return [prefix];
    case "object":
      return Object.entries(def.shape!).flatMap(([key, field]) =>
        stringFields(field, [...prefix, key]),
      );
    case "array":
      return stringFields(def.element, [...prefix, "*"]);
    case "record":
      return stringFields(def.valueType, [...prefix, "*"]);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
      return stringFields(def.innerType, prefix);
    case "pipe":
      return stringFields(def.in, prefix);
    case "union":
      return unique(def.options!.flatMap((option) => stringFields(option, prefix)));
    default:
      return []; // enums, literals, numbers, booleans: no free text
  }
}

function unique(patterns: Pattern[]): Pattern[] {
  const seen = new Map(patterns.map((p) => [p.join("."), p]));
  return [...seen.values()];
}

/** The concrete paths of `pattern` in `data` whose parent exists (the leaf may be absent). */
function concretePaths(data: unknown, pattern: Pattern, at: Path = []): Path[] {
  if (pattern.length === 0) return [at];
  if (data === null || typeof data !== "object") return [];
  const [head, ...rest] = pattern;
  if (head === "*") {
    const keys = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
    return keys.flatMap((key) =>
      concretePaths((data as Record<string | number, unknown>)[key], rest, [...at, key]),
    );
  }
  if (rest.length === 0) return [[...at, head!]];
  return concretePaths((data as Record<string, unknown>)[head!], rest, [...at, head!]);
}

function setAt(data: unknown, at: Path, value: string): void {
  let current = data as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) current = current[key] as Record<string | number, unknown>;
  current[at[at.length - 1]!] = value;
}

// A small region and agency owned by this test: one site, every optional text field set.
const REGION = parse(`
name: inj
displayName: 주입 시험 리전
sites:
  main:
    displayName: 시험 센터
    role: primary
    cloud: main-cloud
    openstackRegion: RegionOne
    availabilityZones:
      - { name: az1, description: Hall A, hosts: [cmp-a1, cmp-a2] }
      - { name: az2, description: Hall B, hosts: [cmp-b1] }
    externalNetworks:
      ext-internet:
        reaches: internet
        cidr: 203.0.113.0/24
        gatewayIp: 203.0.113.1
        networkType: flat
        physicalNetwork: physnet-ext
    dnsNameservers: [192.0.2.53]
  far:
    displayName: 재해복구 센터
    role: dr
    cloud: far-cloud
    openstackRegion: RegionTwo
    availabilityZones: [{ name: far-az1 }]
    externalNetworks: {}
    dnsNameservers: [192.0.2.54]
addressPlan:
  supernets: { main: 10.10.0.0/16, far: 10.20.0.0/16 }
zones:
  dmz:
    description: internet-facing
    classification: O
    reaches: internet
    subnet: { prefixLength: 24, slot: 0 }
    ingress: [{ peer: internet, protocol: tcp, ports: [443], description: public web }]
  app:
    description: business
    classification: S
    reaches: none
    subnet: { prefixLength: 24, slot: 1 }
  mgmt:
    description: administration
    classification: S
    reaches: none
    subnet: { prefixLength: 25, slot: 6 }
flows:
  - { from: dmz, to: app, protocol: tcp, ports: [8443], description: web to was }
management: { zone: mgmt, bastionRanges: [192.0.2.0/28] }
identity:
  groupRoles: { admins: [member] }
quotaDefaults:
  { instances: 20, cores: 80, ramGiB: 256, volumes: 40, volumeGiB: 4096, snapshots: 40,
    networks: 8, subnets: 8, ports: 120, routers: 4, floatingIps: 4, securityGroups: 20,
    securityGroupRules: 200 }
flavors:
  m1.small: { vcpus: 1, ramGiB: 2, diskGiB: 0, description: small }
images:
  rocky-9: { name: Rocky-9, minDiskGiB: 10, description: Rocky Linux 9 }
volumeTypes:
  standard: { description: HDD, backendName: ceph-hdd }
  ssd: { description: SSD, backendName: ceph-ssd, extraSpecs: { "vendor:tier": gold } }
  replicated: { description: mirrored, backendName: ceph-rep, replicated: true }
dns: { domain: cloud.inj.example., email: hostmaster@inj.example }
state:
  type: s3
  bucket: inj-tfstate
  endpoint: https://rgw.inj.example
  keyPrefix: inj
`) as z.input<typeof RegionSpec>;

const AGENCY = parse(`
slug: inj-agency
name: 주입 시험 기관
englishName: Injection Test Agency
csapTier: moderate
contacts: [{ role: owner, name: 담당자, email: owner@inj.example, phone: 064-710-1234 }]
addressBlock: { index: 0 }
sites: [main]
zones: [dmz, app]
keyPairs:
  ops: { publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps ops@inj" }
systems:
  - name: portal
    displayName: 시험 포털
    description: a portal
    grade: 4
    rto: 7d
    rpo: 7d
    containers: [{ name: files, description: uploaded files }]
    workloads:
      - name: web
        zone: dmz
        flavor: m1.small
        image: rocky-9
        keyPair: ops
        userData: "#cloud-config\\n"
        bootVolume: { sizeGiB: 20, volumeType: ssd }
        volumes: [{ name: data, sizeGiB: 10, volumeType: ssd }]
        expose:
          dnsName: portal
          listeners:
            - { protocol: HTTPS, port: 443, healthCheck: { type: HTTPS, path: /health } }
`) as z.input<typeof AgencySpec>;

/** Pieces of hostile text: template openers, escapes, quotes, backslashes, Korean. */
const PIECES = [
  '${file("/etc/passwd")}',
  "${HOME}",
  "%{ if true }x%{ endif }",
  "$${x}",
  "%%{y}",
  "$",
  "%",
  "{",
  "}",
  '"',
  "'",
  "\\",
  "\\n",
  "제주",
  "기관",
  "a",
  " ",
];
/** Interpolations the pieces could inject: none may appear unescaped in the output. */
const INJECTED = ["${file(", "${HOME}", "%{ if", "%{ endif", "${x}", "%{y}"];

const hostile = (multiLine: boolean) =>
  fc
    .array(fc.constantFrom(...PIECES, ...(multiLine ? ["\n", "\t"] : [])), {
      minLength: 1,
      maxLength: 4,
    })
    .map((pieces) => pieces.join("").trim())
    .filter((text) => text.length > 0);

interface Field {
  readonly file: "region" | "agency";
  readonly at: Path;
}

function withValues(values: ReadonlyMap<Field, string>) {
  const region = structuredClone(REGION);
  const agency = structuredClone(AGENCY);
  for (const [field, value] of values)
    setAt(field.file === "region" ? region : agency, field.at, value);
  return { region, agency };
}

function load(values: ReadonlyMap<Field, string>) {
  const { region, agency } = withValues(values);
  return regionInputFromObjects(region, [agency]);
}

/** Rejected with located problems (a file and a field path each), or rethrown. */
function expectLocatedRejection(error: unknown): void {
  if (!(error instanceof TamnaError)) throw error;
  for (const problem of error.problems) {
    expect(problem.location.file, problem.message).toMatch(/\S/);
    expect(problem.location.path, problem.message).toMatch(/\S/);
  }
}

function outputStrings(outdir: string): string[] {
  const strings: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (key === "//") return; // comments: Terraform evaluates nothing there
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach((item) => walk(item));
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        strings.push(k);
        walk(v, k);
      }
    }
  };
  const stacksDir = path.join(outdir, "stacks");
  for (const stack of fs.readdirSync(stacksDir)) {
    walk(JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8")));
  }
  return strings;
}

/** The positions where Terraform would start an interpolation or directive. */
function interpolations(encoded: string): string[] {
  const found: string[] = [];
  let rest = encoded;
  for (;;) {
    const decoded = decodeTemplate(rest);
    if (decoded.ok) return found;
    found.push(rest.slice(decoded.interpolationAt));
    rest = rest.slice(decoded.interpolationAt + 2);
  }
}

describe("injection property", () => {
  const fields: Field[] = [
    ...stringFields(RegionSpec).flatMap((p) =>
      concretePaths(REGION, p).map((at) => ({ file: "region" as const, at })),
    ),
    ...stringFields(AgencySpec).flatMap((p) =>
      concretePaths(AGENCY, p).map((at) => ({ file: "agency" as const, at })),
    ),
  ];
  const schemaFields =
    unique(stringFields(RegionSpec)).length + unique(stringFields(AgencySpec)).length;

  it("THEN the fixtures themselves are valid", () => {
    expect(() => planRegion(load(new Map()))).not.toThrow();
  });

  // Which fields take free text at all: a hostile value there is accepted by the spec.
  const probe = '${file("/etc/passwd")} %{ if true } $${a} "q" \\ 제주';
  const free: Field[] = [];
  const rejected: Field[] = [];
  for (const field of fields) {
    try {
      load(new Map([[field, probe]]));
      free.push(field);
    } catch (error) {
      rejected.push(field);
      expectLocatedRejection(error);
    }
  }

  it("THEN the schema walk finds the free-text fields of both files", () => {
    console.log(
      `injection: ${schemaFields} string fields in the schemas, ${fields.length} in the fixtures, ` +
        `${free.length} take free text, ${rejected.length} reject it with a located error`,
    );
    const names = free.map((f) => `${f.file}:${f.at.join(".")}`);
    for (const expected of [
      "agency:englishName",
      "agency:systems.0.description",
      "agency:systems.0.workloads.0.userData",
      "region:sites.main.availabilityZones.0.description",
      "region:volumeTypes.ssd.backendName",
    ]) {
      expect(names).toContain(expected);
    }
    expect(rejected.map((f) => `${f.file}:${f.at.join(".")}`)).toContain("region:sites.main.cloud");
  });

  it("THEN random hostile text in any one field is accepted or rejected with a located error", () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.boolean().chain((multi) => hostile(multi)),
        (field, value) => {
          cases++;
          try {
            load(new Map([[field, value]]));
          } catch (error) {
            expectLocatedRejection(error);
          }
        },
      ),
      { seed: 12, numRuns: 300 },
    );
    console.log(`injection: ${cases} single-field cases checked against the spec`);
  });

  it("THEN hostile text in every free field at once reaches the output byte for byte", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-injection-"));
    let synthesized = 0;
    try {
      // Which free fields reach the output at all (some are documentation in the spec only).
      const sentinels = new Map(free.map((field, i) => [field, `sentinel${i}x`]));
      buildApp(planRegion(load(sentinels)), { outdir }).synth();
      const baseline = outputStrings(outdir);
      const reaching = free.filter((field) =>
        baseline.some((text) => text.includes(sentinels.get(field)!)),
      );
      console.log(
        `injection: ${reaching.length} of ${free.length} free fields reach the output; spec only: ` +
          free
            .filter((field) => !reaching.includes(field))
            .map((f) => `${f.file}:${f.at.join(".")}`)
            .join(", "),
      );
      fc.assert(
        fc.property(
          fc.tuple(...free.map((field) => hostile(field.at[field.at.length - 1] === "userData"))),
          (values) => {
            const assigned = new Map(free.map((field, i) => [field, values[i]!]));
            let input;
            try {
              input = load(assigned);
            } catch (error) {
              expectLocatedRejection(error);
              return;
            }
            fs.rmSync(outdir, { recursive: true, force: true });
            buildApp(planRegion(input), { outdir }).synth();
            synthesized++;
            const strings = outputStrings(outdir);
            for (const text of strings) {
              for (const start of interpolations(text)) {
                expect(
                  INJECTED.some((i) => start.startsWith(i)),
                  text,
                ).toBe(false);
              }
            }
            const decoded = strings.flatMap((text) => {
              const d = decodeTemplate(text);
              return d.ok ? [d.text] : [];
            });
            for (const [field, value] of assigned) {
              if (!reaching.includes(field)) continue;
              const found = decoded.some((text) => text.includes(value));
              expect(found, `${field.file}:${field.at.join(".")} = ${JSON.stringify(value)}`).toBe(
                true,
              );
            }
          },
        ),
        { seed: 12, numRuns: 10 },
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    console.log(`injection: ${synthesized} synthesized cases, ${free.length} fields each`);
    expect(synthesized).toBeGreaterThan(0);
  });
});
