import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { contains, overlaps } from "../../../lib/net/cidr";
import { planRegion, type AgencyStackPlan, type RegionPlan } from "../../../lib/plan/region-plan";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec, type RegionInput } from "../../../lib/spec/load";
import { buildApp } from "../../../stacks/app";
import type { SynthesizedStack } from "../../helpers/cdktf";
import { exampleRegion } from "../../helpers/example-region";

/**
 * Properties of the network plan over random sets of agencies on the example region: subnets
 * never overlap, an agency's networks never depend on the other agencies, and a synthesized
 * agency stack only refers to its own resources.
 */

const REGION = exampleRegion().input.region;
const SITES = Object.keys(REGION.spec.sites).sort();
const ZONES = Object.keys(REGION.spec.zones);
const LENGTH = REGION.spec.addressPlan.agencyPrefixLength;
const BLOCKS = 64; // /22 blocks in each /16 supernet of the example

interface GeneratedAgency {
  readonly slug: string;
  readonly index: number;
  readonly explicit: boolean;
  readonly zones: readonly string[];
  readonly sites?: readonly string[];
}

/**
 * Five-letter slugs starting with "zz": no string of the region contains "zz", and no slug can
 * be found inside another agency's names, so a slug found in a stack names that agency.
 */
const slug = fc
  .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 3, maxLength: 3 })
  .map((rest) => `zz${rest}`);

const generatedAgency: fc.Arbitrary<GeneratedAgency> = fc.record(
  {
    slug,
    index: fc.integer({ min: 0, max: BLOCKS - 1 }),
    explicit: fc.boolean(),
    zones: fc.shuffledSubarray(ZONES, { minLength: 1 }),
    sites: fc.subarray(SITES, { minLength: 1 }),
  },
  { requiredKeys: ["slug", "index", "explicit", "zones"] },
);

/** Agencies with distinct slugs and distinct block indexes. */
function agencies(minLength: number, maxLength: number) {
  return fc.uniqueArray(generatedAgency, {
    minLength,
    maxLength,
    comparator: (a, b) => a.slug === b.slug || a.index === b.index,
  });
}

function blockOf(site: string, index: number): string {
  const [a, b] = REGION.spec.addressPlan.supernets[site]!.split(".");
  return `${a}.${b}.${index * 4}.0/${LENGTH}`;
}

function agencyYaml(agency: GeneratedAgency): string {
  const sites = agency.sites ?? SITES;
  const block = agency.explicit
    ? `addressBlock:\n  cidrs:\n${sites.map((site) => `    ${site}: ${blockOf(site, agency.index)}\n`).join("")}`
    : `addressBlock: { index: ${agency.index} }\n`;
  return [
    `slug: ${agency.slug}\n`,
    `name: Agency ${agency.slug}\n`,
    "csapTier: moderate\n",
    "contacts:\n",
    `  - { role: owner, name: Owner, email: owner@${agency.slug}.example }\n`,
    agency.sites ? `sites: [${agency.sites.join(", ")}]\n` : "",
    block,
    `zones: [${agency.zones.join(", ")}]\n`,
  ].join("");
}

function inputOf(list: readonly GeneratedAgency[]): RegionInput {
  const sourced = list.map((agency) =>
    parseSpec(`agencies/${agency.slug}.yaml`, agencyYaml(agency), AgencySpec),
  );
  // The fixture's PaaS-TA foundation holds a block of its own; these properties are the agencies'.
  return {
    region: { ...REGION, spec: { ...REGION.spec, platforms: undefined } },
    agencies: sourced.sort((a, b) => (a.spec.slug < b.spec.slug ? -1 : 1)),
  };
}

function agencyStacks(plan: RegionPlan): AgencyStackPlan[] {
  return plan.stacks.filter((stack): stack is AgencyStackPlan => stack.layer === "agency");
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Synthesizes the agency stacks of a plan; returns the JSON text of each, by stack name. */
function synthesizeAgencyStacks(plan: RegionPlan): Map<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-network-"));
  outdirs.push(dir);
  const stacks = agencyStacks(plan);
  buildApp(plan, { outdir: dir, stacks }).synth();
  return new Map(
    stacks.map((stack) => [
      stack.name,
      fs.readFileSync(path.join(dir, "stacks", stack.name, "cdk.tf.json"), "utf8"),
    ]),
  );
}

/** Every string inside a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Whether `address` (type.name or data.type.name) is declared in the stack. */
function declared(stack: SynthesizedStack, address: string): boolean {
  const parts = address.split(".");
  if (parts[0] === "data") return stack.data?.[parts[1]!]?.[parts[2]!] !== undefined;
  return stack.resource?.[parts[0]!]?.[parts[1]!] !== undefined;
}

describe("network plan properties", () => {
  it("GIVEN random agencies WHEN planned THEN subnets at a site never overlap and lie in its supernet", () => {
    fc.assert(
      fc.property(agencies(1, 8), (list) => {
        const plan = planRegion(inputOf(list));
        for (const site of SITES) {
          const supernet = REGION.spec.addressPlan.supernets[site]!;
          const subnets = agencyStacks(plan)
            .filter((stack) => stack.site === site)
            .flatMap((stack) => [
              ...stack.network.zones.map((zone) => ({ owner: stack.name, cidr: zone.cidr })),
              ...(stack.network.transit
                ? [{ owner: `${stack.name} transit`, cidr: stack.network.transit.cidr }]
                : []),
            ]);
          subnets.forEach((subnet, i) => {
            expect(contains(supernet, subnet.cidr), `${subnet.cidr} in ${supernet}`).toBe(true);
            for (const other of subnets.slice(i + 1)) {
              expect(
                overlaps(subnet.cidr, other.cidr),
                `${subnet.owner} ${subnet.cidr} / ${other.owner} ${other.cidr}`,
              ).toBe(false);
            }
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("GIVEN random agencies WHEN planned THEN every agency stack's zones are exactly the agency's zones at its sites", () => {
    fc.assert(
      fc.property(agencies(1, 6), (list) => {
        const stacks = agencyStacks(planRegion(inputOf(list)));
        for (const agency of list) {
          const mine = stacks.filter((stack) => stack.agency === agency.slug);
          expect(mine.map((stack) => stack.site)).toEqual(agency.sites ? [...agency.sites] : SITES);
          for (const stack of mine)
            expect(stack.network.zones.map((zone) => zone.zone)).toEqual(agency.zones);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("GIVEN random agencies WHEN one more agency is added THEN no other agency's plan changes", () => {
    fc.assert(
      fc.property(
        agencies(2, 8).map((list) => ({ before: list.slice(1), added: list[0]! })),
        ({ before, added }) => {
          const without = agencyStacks(planRegion(inputOf(before)));
          const withAdded = new Map(
            agencyStacks(planRegion(inputOf([...before, added]))).map((stack) => [
              stack.name,
              stack,
            ]),
          );
          for (const stack of without) {
            expect(withAdded.get(stack.name)?.network).toEqual(stack.network);
            expect(withAdded.get(stack.name)).toEqual(stack);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("GIVEN random agencies WHEN one more is added THEN the other agency stacks synthesize byte for byte the same", () => {
    fc.assert(
      fc.property(
        agencies(2, 4).map((list) => ({ before: list.slice(1), added: list[0]! })),
        ({ before, added }) => {
          const without = synthesizeAgencyStacks(planRegion(inputOf(before)));
          const withAdded = synthesizeAgencyStacks(planRegion(inputOf([...before, added])));
          expect(withAdded.size).toBeGreaterThan(without.size);
          for (const [name, json] of without) expect(withAdded.get(name)).toBe(json);
        },
      ),
      { numRuns: 4 },
    );
  });

  it("GIVEN random agencies WHEN synthesized THEN each stack refers only to its own resources and names no other agency", () => {
    fc.assert(
      fc.property(agencies(2, 5), (list) => {
        const plan = planRegion(inputOf(list));
        const slugs = list.map((agency) => agency.slug);
        for (const [name, json] of synthesizeAgencyStacks(plan)) {
          const stack = JSON.parse(json) as SynthesizedStack & {
            resource?: Record<string, Record<string, { depends_on?: string[] }>>;
          };
          const own = agencyStacks(plan).find((s) => s.name === name)!.agency;
          const texts = strings({
            resource: stack.resource,
            data: stack.data,
            output: stack.output,
          });
          let references = 0;
          for (const text of texts) {
            for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
              references++;
              const address = match[1]!.split(".").slice(0, -1).join(".");
              expect(declared(stack, address), `${name}: ${match[0]}`).toBe(true);
            }
            for (const other of slugs.filter((s) => s !== own))
              expect(text.includes(other), `${name} mentions ${other}: ${text}`).toBe(false);
          }
          expect(references, `${name} has references`).toBeGreaterThan(0);
          for (const resources of Object.values(stack.resource ?? {}))
            for (const resource of Object.values(resources))
              for (const dependency of resource.depends_on ?? [])
                expect(declared(stack, dependency), `${name}: depends_on ${dependency}`).toBe(true);
          const provider = stack.provider?.openstack?.[0];
          expect(provider?.tenant_name).toBe(own);
        }
      }),
      { numRuns: 3 },
    );
  });
});
