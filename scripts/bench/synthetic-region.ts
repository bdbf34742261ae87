/**
 * Synthetic regions for the benchmark: the example region (stacks/jeju) with room for a thousand
 * agencies, and agencies made from the example's agency files in turn: the same multi-tier
 * systems (web, WAS, database; load balancers, volumes, DNS), zones and sites, and so the same DR
 * at the DR site for the graded ones. Agency `i` is the same whatever the region's size, so that
 * one agency can be measured out of regions of different sizes.
 *
 * The benchmark writes them to disk as a user's region is (writeSyntheticRegion) and measures the
 * CLI reading those files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { pendingPlacementLocks, writePlacementLocks } from "../../cli/placement-files";
import { planRegion } from "../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../lib/spec/load";

type RegionObject = Parameters<typeof regionInputFromObjects>[0];
type AgencyObject = Parameters<typeof regionInputFromObjects>[1][number];

export interface SyntheticRegion {
  readonly region: RegionObject;
  readonly agencies: AgencyObject[];
}

const EXAMPLE_DIR = path.join(__dirname, "..", "..", "stacks", "jeju");

/** One /22 per agency in a /12 per site: room for 1,024 agencies. */
const SUPERNETS: Readonly<Record<string, string>> = {
  "jeju-cdc": "10.0.0.0/12",
  "mainland-drc": "10.16.0.0/12",
};
export const MAX_AGENCIES = 1024;

/** The slug of agency `index`, stable across region sizes. */
export function syntheticSlug(index: number): string {
  return `agency-${String(index).padStart(4, "0")}`;
}

/**
 * The region of `agencies` agencies made from the region in `from`: the example by default; tests
 * pass their own fixture, so that editing the example never breaks them.
 */
export function syntheticRegion(agencies: number, from = EXAMPLE_DIR): SyntheticRegion {
  if (agencies > MAX_AGENCIES) throw new Error(`at most ${MAX_AGENCIES} agencies fit the plan`);
  const region = readYaml(path.join(from, "region.yaml")) as RegionObject & {
    addressPlan: { supernets: Record<string, string>; agencyPrefixLength: number };
  };
  const templates = fs
    .readdirSync(path.join(from, "agencies"))
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => readYaml(path.join(from, "agencies", file)) as Template);
  const exampleSupernets = { ...region.addressPlan.supernets };
  region.addressPlan.supernets = { ...SUPERNETS };
  // Agencies take every block in order: the source's PaaS-TA foundation would clash with one.
  delete (region as { platforms?: unknown }).platforms;
  scaleHosts(region as unknown as SitesObject, Math.max(1, agencies / templates.length));
  const blockSize = 2 ** (32 - region.addressPlan.agencyPrefixLength);

  const relocate = (template: Template, index: number) => (ip: string) => {
    // Fixed IPs keep their place inside the agency's block at the primary site.
    const site = Object.keys(exampleSupernets)[0]!;
    const from = blockStart(template, exampleSupernets[site]!, blockSize);
    const to = ipToNumber(SUPERNETS[site]!.split("/")[0]!) + index * blockSize;
    return numberToIp(to + (ipToNumber(ip) - from));
  };

  return {
    region,
    agencies: Array.from({ length: agencies }, (_, index) => {
      const template = templates[index % templates.length]!;
      return syntheticAgency(structuredClone(template), index, relocate(template, index));
    }),
  };
}

/**
 * Writes the region of `agencies` agencies to `dir` as YAML files: region.yaml, agencies/<slug>.yaml
 * and the placement locks a first `tamna synth` writes, so that every measured run, the first
 * included, starts from a region as it is committed.
 */
export function writeSyntheticRegion(agencies: number, dir: string, from = EXAMPLE_DIR): void {
  const { region, agencies: specs } = syntheticRegion(agencies, from);
  fs.mkdirSync(path.join(dir, "agencies"), { recursive: true });
  fs.writeFileSync(path.join(dir, "region.yaml"), stringify(region));
  for (const agency of specs) {
    fs.writeFileSync(path.join(dir, "agencies", `${agency.slug}.yaml`), stringify(agency));
  }
  const plan = planRegion(regionInputFromObjects(region, specs));
  writePlacementLocks(pendingPlacementLocks(dir, plan));
}

interface SitesObject {
  sites: Record<
    string,
    { availabilityZones: { hosts?: string[]; capacity?: { hostCount?: number } }[] }
  >;
}

/**
 * Hosts grow with the agencies: a zone's capacity profile counts `factor` times the hosts the
 * source region gives it (hostCount), so that `tamna validate`'s capacity check holds at every
 * size as it does for the source.
 */
function scaleHosts(region: SitesObject, factor: number): void {
  for (const site of Object.values(region.sites)) {
    for (const zone of site.availabilityZones) {
      if (!zone.capacity) continue;
      const hosts = zone.capacity.hostCount ?? zone.hosts?.length ?? 1;
      zone.capacity.hostCount = Math.ceil(hosts * factor);
    }
  }
}

interface Template {
  slug: string;
  name: string;
  englishName?: string;
  contacts: { email: string }[];
  addressBlock: { index?: number; cidrs?: Record<string, string> };
  systems?: { workloads?: { fixedIps?: string[] }[] }[];
}

function syntheticAgency(
  template: Template,
  index: number,
  relocate: (ip: string) => string,
): AgencyObject {
  const slug = syntheticSlug(index);
  for (const contact of template.contacts) {
    contact.email = contact.email.replace(/@.*$/, `@${slug}.example`);
  }
  for (const system of template.systems ?? []) {
    for (const workload of system.workloads ?? []) {
      if (workload.fixedIps) workload.fixedIps = workload.fixedIps.map(relocate);
    }
  }
  return {
    ...template,
    slug,
    name: `${template.name} ${index}`,
    ...(template.englishName ? { englishName: `${template.englishName} ${index}` } : {}),
    addressBlock: { index },
  } as AgencyObject;
}

/** Where the template's block starts at the primary site of the example's address plan. */
function blockStart(template: Template, supernet: string, blockSize: number): number {
  const explicit = template.addressBlock.cidrs && Object.values(template.addressBlock.cidrs)[0];
  if (explicit) return ipToNumber(explicit.split("/")[0]!);
  return ipToNumber(supernet.split("/")[0]!) + (template.addressBlock.index ?? 0) * blockSize;
}

function readYaml(file: string): unknown {
  return parse(fs.readFileSync(file, "utf8"));
}

function ipToNumber(ip: string): number {
  return ip.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}
