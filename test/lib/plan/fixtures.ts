import { stringify } from "yaml";
import type { z } from "zod";
import { planAddresses } from "../../../lib/plan/address-plan";
import { TamnaError, type Problem } from "../../../lib/errors";
import { planCompute, type ComputeContext, type ComputePlan } from "../../../lib/plan/compute";
import { decideDr, type DrDecision } from "../../../lib/plan/dr";
import { planTenantNetwork, type TenantNetworkPlan } from "../../../lib/plan/tenant-network";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec, type RegionInput, type Sourced } from "../../../lib/spec/load";
import type { RegionSpec } from "../../../lib/spec/region";
import type { SystemSpec, WorkloadSpec } from "../../../lib/spec/system";
import { exampleRegionFile } from "../../helpers/example-region";

/**
 * Fixtures for the plan tests: agencies written as YAML on top of the example region (three
 * availability zones at jeju-cdc, two at mainland-drc; flavors m1.small .. db1.2xlarge, images
 * rocky-9 and ubuntu-2404).
 */

export type SystemInput = z.input<typeof SystemSpec>;
export type WorkloadInput = z.input<typeof WorkloadSpec>;

export interface AgencyOptions {
  /** YAML of the addressBlock value. @default `{ index: 10 }` */
  readonly block?: string;
  /** @default all four zones of the example region */
  readonly zones?: readonly string[];
  /** @default every site */
  readonly sites?: readonly string[];
  /** @default `agencies/<slug>.yaml` */
  readonly file?: string;
  /** Written in block style after the fixed lines, one field per line. @default none */
  readonly systems?: readonly SystemInput[];
  /** More top-level fields (quota, keyPairs, dnsZone), written after the systems. */
  readonly more?: Readonly<Record<string, unknown>>;
}

/** The YAML text of an agency file. Line 5 holds addressBlock, line 6 zones. */
export function agencyYaml(slug: string, options: AgencyOptions = {}): string {
  const lines = [
    `slug: ${slug}`,
    `name: ${slug}`,
    "csapTier: moderate",
    `contacts: [{ role: owner, name: owner, email: owner@${slug}.example }]`,
    `addressBlock: ${options.block ?? "{ index: 10 }"}`,
    `zones: [${(options.zones ?? ["dmz", "app", "db", "mgmt"]).join(", ")}]`,
  ];
  if (options.sites) lines.push(`sites: [${options.sites.join(", ")}]`);
  let text = `${lines.join("\n")}\n`;
  if (options.systems) text += stringify({ systems: options.systems });
  if (options.more) text += stringify(options.more);
  return text;
}

export function agency(slug: string, options: AgencyOptions = {}): Sourced<AgencySpec> {
  return parseSpec(options.file ?? `agencies/${slug}.yaml`, agencyYaml(slug, options), AgencySpec);
}

/** The example region with the given agencies instead of its own. */
export function withAgencies(...agencies: Sourced<AgencySpec>[]): RegionInput {
  return { region: exampleRegionFile(), agencies };
}

/** The example region changed by `edit` (on a copy), with the given agencies. */
export function withRegion(
  edit: (region: RegionSpec) => void,
  ...agencies: Sourced<AgencySpec>[]
): RegionInput {
  const spec = structuredClone(exampleRegionFile().spec);
  edit(spec);
  return { region: { spec, source: exampleRegionFile().source }, agencies };
}

/** A workload with a small flavor, the rocky-9 image and a 20 GiB ssd boot volume. */
export function workload(
  name: string,
  zone: string,
  fields: Partial<WorkloadInput> = {},
): WorkloadInput {
  return {
    name,
    zone,
    flavor: "m1.small",
    image: "rocky-9",
    bootVolume: { sizeGiB: 20, volumeType: "ssd" },
    ...fields,
  };
}

/**
 * A grade 3 system with objectives that backups meet (RTO 3d, RPO 1d): the DR policy gives it
 * backup-only, so it runs at its own site only and nothing of it is planned at the DR site.
 */
export function system(
  name: string,
  workloads: readonly WorkloadInput[],
  fields: Partial<SystemInput> = {},
): SystemInput {
  return {
    name,
    displayName: name,
    grade: 3,
    rto: "3d",
    rpo: "1d",
    workloads: [...workloads],
    ...fields,
  };
}

/** The zone networks of an agency of `input` at `site`. */
export function networkAt(input: RegionInput, slug: string, site: string): TenantNetworkPlan {
  const sourced = input.agencies.find((a) => a.spec.slug === slug)!;
  return planTenantNetwork(input, sourced, site, planAddresses(input).get(slug)!.get(site)!);
}

/** Each system's DR decision, as planRegion makes it; any problem throws. */
export function decisionsOf(
  input: RegionInput,
  sourced: Sourced<AgencySpec>,
): Map<string, DrDecision> {
  const problems: Problem[] = [];
  const decisions = new Map<string, DrDecision>();
  sourced.spec.systems.forEach((system, index) => {
    const decision = decideDr(input, sourced, system, index, problems);
    if (decision) decisions.set(system.name, decision);
  });
  if (problems.length > 0) throw new TamnaError(problems);
  return decisions;
}

/** The planning context of the only agency of `input` at `site`, as planRegion builds it. */
export function computeContext(
  input: RegionInput,
  site: string,
  overrides: Partial<ComputeContext> = {},
): ComputeContext {
  const sourced = input.agencies[0]!;
  const addresses = planAddresses(input).get(sourced.spec.slug)!;
  return {
    input,
    agency: sourced,
    site,
    network: networkAt(input, sourced.spec.slug, site),
    internetNetwork: "ext-internet",
    decisions: decisionsOf(input, sourced),
    zoneCidrsBySite: new Map([...addresses].map(([name, plan]) => [name, plan.zones] as const)),
    ...overrides,
  };
}

/** The compute plan of the only agency of `input` at `site`. */
export function computeAt(
  input: RegionInput,
  site: string,
  overrides: Partial<ComputeContext> = {},
): ComputePlan {
  return planCompute(computeContext(input, site, overrides));
}

/** The compute plan of one agency holding `systems`, at jeju-cdc unless told. */
export function computeOf(
  systems: readonly SystemInput[],
  options: AgencyOptions & { readonly site?: string } = {},
): ComputePlan {
  const input = withAgencies(agency("alpha", { ...options, systems }));
  return computeAt(input, options.site ?? "jeju-cdc");
}
