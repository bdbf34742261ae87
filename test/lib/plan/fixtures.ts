import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec, type RegionInput, type Sourced } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";

/** Fixtures for the network plan tests: agencies written as YAML on top of the example region. */

export interface AgencyOptions {
  /** YAML of the addressBlock value. @default `{ index: 10 }` */
  readonly block?: string;
  /** @default all four zones of the example region */
  readonly zones?: readonly string[];
  /** @default every site */
  readonly sites?: readonly string[];
  /** @default `agencies/<slug>.yaml` */
  readonly file?: string;
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
  return `${lines.join("\n")}\n`;
}

export function agency(slug: string, options: AgencyOptions = {}): Sourced<AgencySpec> {
  return parseSpec(options.file ?? `agencies/${slug}.yaml`, agencyYaml(slug, options), AgencySpec);
}

/** The example region with the given agencies instead of its own. */
export function withAgencies(...agencies: Sourced<AgencySpec>[]): RegionInput {
  return { region: exampleRegion().input.region, agencies };
}
