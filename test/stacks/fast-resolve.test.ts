import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fastResolveEnabled } from "../../lib/constructs/cdktf-fast-resolve";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../lib/spec/load";
import { buildApp } from "../../stacks/app";
import { EXAMPLE_REGION_DIR, exampleRegion } from "../helpers/example-region";

/**
 * The fast path through cdktf's resolver (lib/constructs/cdktf-fast-resolve.ts) changes no byte:
 * whole regions synthesized with it and without it (TAMNA_NO_FAST_RESOLVE=1) are identical.
 */

type Yaml = Record<string, unknown>;

const readYaml = (file: string) => parse(fs.readFileSync(file, "utf8")) as Yaml;
const ipToNumber = (ip: string) => ip.split(".").reduce((sum, octet) => sum * 256 + +octet, 0);
const numberToIp = (n: number) =>
  [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/**
 * A region of `count` agencies made from the fixture's agencies in turn: agency `i` takes
 * address block `i`, and its fixed IPs move with it.
 */
function syntheticPlan(count: number): RegionPlan {
  const region = readYaml(path.join(EXAMPLE_REGION_DIR, "region.yaml"));
  const plan = region.addressPlan as {
    supernets: Record<string, string>;
    agencyPrefixLength: number;
  };
  const primary = ipToNumber(Object.values(plan.supernets)[0]!.split("/")[0]!);
  const blockSize = 2 ** (32 - plan.agencyPrefixLength);
  const dir = path.join(EXAMPLE_REGION_DIR, "agencies");
  const templates = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => readYaml(path.join(dir, file)));
  const agencies = Array.from({ length: count }, (_, index) => {
    const agency = structuredClone(templates[index % templates.length]!);
    const block = agency.addressBlock as { index?: number; cidrs?: Record<string, string> };
    const from = block.cidrs
      ? ipToNumber(Object.values(block.cidrs)[0]!.split("/")[0]!)
      : primary + (block.index ?? 0) * blockSize;
    const to = primary + index * blockSize;
    const text = JSON.stringify({ ...agency, addressBlock: { index } })
      .replace(/"(\d+\.\d+\.\d+\.\d+)"/g, (match, ip: string) => {
        const offset = ipToNumber(ip) - from;
        return offset >= 0 && offset < blockSize ? `"${numberToIp(to + offset)}"` : match;
      })
      .replace(/@[^"]*"/g, `@agency-${index}.example"`);
    return {
      ...(JSON.parse(text) as Yaml),
      slug: `agency-${String(index).padStart(2, "0")}`,
      name: `${String(agency.name)} ${index}`,
    };
  });
  return planRegion(regionInputFromObjects(region as never, agencies as never));
}

describe("the fast path through cdktf's resolver, over whole regions", () => {
  const dirs: string[] = [];
  afterAll(() => {
    delete process.env.TAMNA_NO_FAST_RESOLVE;
    dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });

  /** Every file the synth writes, by path. */
  function synthesize(plan: RegionPlan, fast: boolean): Map<string, Buffer> {
    if (fast) delete process.env.TAMNA_NO_FAST_RESOLVE;
    else process.env.TAMNA_NO_FAST_RESOLVE = "1";
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-fast-resolve-"));
    dirs.push(outdir);
    const app = buildApp(plan, { outdir });
    expect(fastResolveEnabled()).toBe(fast);
    app.synth();
    const files = new Map<string, Buffer>();
    for (const entry of fs.readdirSync(outdir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(outdir, file), fs.readFileSync(file));
    }
    return files;
  }

  function expectIdentical(plan: RegionPlan): void {
    const withFast = synthesize(plan, true);
    const without = synthesize(plan, false);
    expect(withFast.size).toBeGreaterThan(plan.stacks.length);
    expect([...withFast.keys()].sort()).toEqual([...without.keys()].sort());
    for (const [file, bytes] of without) {
      expect(withFast.get(file)?.equals(bytes), file).toBe(true);
    }
  }

  describe("GIVEN the fixture region", () => {
    it("THEN its output is byte-identical with and without the fast path", () => {
      expectIdentical(exampleRegion().plan);
    });
  });

  describe("GIVEN a synthetic region of 20 agencies made from the fixture's", () => {
    it("THEN its output is byte-identical with and without the fast path", () => {
      const plan = syntheticPlan(20);
      expect(plan.stacks.filter((stack) => stack.layer === "agency").length).toBeGreaterThan(20);
      expectIdentical(plan);
    }, 240_000);
  });
});
