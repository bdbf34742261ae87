import { stringify } from "yaml";
import { PLACEHOLDER } from "./common";
import type { RegionSpec } from "./region";

export { PLACEHOLDER };

/**
 * The text of a new agency file (`tamna agency new`): every field with a comment saying what it
 * means and what it allows, the address block chosen by the caller, and a commented example
 * system that uses the region's own catalogue. What only the user knows (CSAP tier unless
 * given, the owner unless given) is written as PLACEHOLDER, which the schema refuses at its line: the file
 * fails loudly until it is filled in, rather than passing with made-up values.
 */

export const CSAP_TIERS = ["high", "moderate", "low"] as const;
export type CsapTier = (typeof CSAP_TIERS)[number];

export interface AgencyTemplate {
  readonly slug: string;
  /** Display name; may be Korean. */
  readonly name: string;
  /** @default - PLACEHOLDER, to fill in */
  readonly csapTier?: CsapTier;
  /** The owner to reach. @default - PLACEHOLDER name and email, to fill in */
  readonly owner?: { readonly name: string; readonly email: string };
  /** Sites with a tenant. @default - left out: every site of the region */
  readonly sites?: readonly string[];
  /** Zones of the region's catalogue the agency uses. */
  readonly zones: readonly string[];
  /** The block index, and its CIDR at each site the agency uses (for the comment). */
  readonly block: { readonly index: number; readonly cidrs: Readonly<Record<string, string>> };
  /** The modeline's path to agency.schema.json, relative to the agency file. */
  readonly schemaPath: string;
  readonly region: RegionSpec;
}

export function agencyTemplate(t: AgencyTemplate): string {
  const region = t.region;
  const allSites = Object.keys(region.sites);
  const blockCidrs = Object.entries(t.block.cidrs)
    .map(([site, cidr]) => `${site} ${cidr}`)
    .join(", ");
  const zoneList = Object.entries(region.zones).map(
    ([zone, spec]) =>
      `#   ${zone}: ${spec.description ? `${oneLine(spec.description)} ` : ""}(reaches ${spec.reaches})`,
  );
  const lines = [
    `# yaml-language-server: $schema=${t.schemaPath}`,
    `# Written by tamna agency new. Each field is explained above it; editors with the YAML`,
    `# language server complete and check fields from the schema in the first line.`,
    ...(t.csapTier === undefined || t.owner === undefined
      ? [
          `# Every ${PLACEHOLDER} must be replaced: tamna validate and synth refuse the file until then.`,
        ]
      : []),
    "",
    "# Stable identity: names the agency's OpenStack projects, groups and stacks. Never change it",
    "# once applied: another slug is another agency, and everything would be replaced.",
    `slug: ${t.slug}`,
    "# Display name in reports and descriptions; Korean is fine. May change at any time.",
    `name: ${scalar(t.name)}`,
    "# Optional English name for reports.",
    "# englishName: ...",
    "# CSAP (Cloud Security Assurance Program) tier the agency's systems require: high, moderate",
    "# or low. It is written into every resource's tags.",
    ...(t.csapTier === undefined ? [`# ${PLACEHOLDER}: one of high, moderate, low.`] : []),
    `csapTier: ${t.csapTier ?? PLACEHOLDER}`,
    "# People to reach about the agency's cloud resources, at least one. role: owner (accountable",
    "# official), technical (operates the systems) or security (security officer); name, email,",
    "# and optionally phone (e.g. 064-710-1234). Add one entry per person.",
    "contacts:",
    ...(t.owner === undefined ? [`  # ${PLACEHOLDER}: the owner's name and email address.`] : []),
    "  - role: owner",
    `    name: ${t.owner ? scalar(t.owner.name) : PLACEHOLDER}`,
    `    email: ${t.owner ? scalar(t.owner.email) : PLACEHOLDER}`,
    `# Sites where the agency has a tenant (project, networks, systems), from: ${allSites.join(", ")}.`,
    ...(t.sites === undefined
      ? [
          "# Left out: every site of the region, which grades 1 and 2 need for their live copy.",
          `# sites: [${allSites.join(", ")}]`,
        ]
      : [
          "# Grades 1 and 2 need a live copy at another site: list at least two sites for them.",
          `sites: [${t.sites.join(", ")}]`,
        ]),
    `# Stable identity: the agency's address block, the Nth /${region.addressPlan.agencyPrefixLength} of each site's supernet (the same N at`,
    `# every site): ${blockCidrs}.`,
    "# tamna agency new chose the lowest block free at every site the agency uses. Never change it",
    "# once applied (it would replace every network and server), and never give an index to",
    "# another agency while this one's resources may still exist. To place each site's block",
    "# yourself instead: addressBlock: { cidrs: { <site>: <cidr> } }.",
    `addressBlock: { index: ${t.block.index} }`,
    "# Security zones the agency uses, from the region's catalogue: each gets a network, a subnet",
    "# in the block and a security group at every site. Remove the zones no system of yours uses.",
    "# The region's catalogue:",
    ...zoneList,
    `zones: [${t.zones.join(", ")}]`,
    "# Optional, each with a default: quota (default: what the systems use plus the region's",
    "# headroom, at least its quotaDefaults; objectStorageGiB included), keyPairs (SSH public",
    "# keys by name, for workloads' keyPair), dnsZone (default: <slug>.<the region's dns.domain>),",
    "# identity (default: tamna creates <slug>-admins, -operators, -auditors; to bind a Keystone",
    "# group that exists: identity: { groups: { admins: { existing: <name> } } }), activeSite",
    "# (set by tamna failover), suppressions (policy rules silenced here, each with a reason).",
    "# Systems (정보시스템) the agency runs: a grade from 1 (most critical) to 4, the RTO and RPO",
    "# the agency needs, and workloads (groups of identical servers in one zone). The DR mode",
    "# follows from grade, RTO and RPO; tamna dr report --agency <slug> shows what it means.",
    "# A system may also name a backupPolicy (one that meets its RPO) and list Swift containers",
    "# with their expected size and quota: containers: [{ name: uploads, sizeGiB: 200, quotaGiB: 250 }].",
    '# An example with this region\'s catalogue: delete "systems: []" and the "# " before each',
    "# line of it, then adapt it.",
    "systems: []",
    ...exampleSystem(t).map((line) => `# ${line}`.trimEnd()),
  ];
  return `${lines.join("\n")}\n`;
}

/** The commented example: a small grade-4 system in one zone of the agency, or FILL-INs. */
function exampleSystem(t: AgencyTemplate): string[] {
  const region = t.region;
  const zone = t.zones.includes("app")
    ? "app"
    : (t.zones.find((each) => region.zones[each]?.reaches !== "none") ?? t.zones[0]!);
  const flavor = smallestFlavor(region) ?? PLACEHOLDER;
  const [image, imageSpec] = Object.entries(region.images)[0] ?? [PLACEHOLDER, undefined];
  const sizeGiB = Math.max(20, imageSpec?.minDiskGiB ?? 0);
  const primary = Object.entries(region.sites).find(([, site]) => site.role === "primary")?.[0];
  const site = t.sites && primary && !t.sites.includes(primary) ? t.sites[0] : undefined;
  return [
    "systems:",
    "  - name: portal",
    "    displayName: 누리집 (example)",
    "    grade: 4",
    "    rto: 30d",
    "    rpo: 30d",
    ...(site ? [`    site: ${site}`] : []),
    "    workloads:",
    "      - name: web",
    `        zone: ${zone}`,
    "        count: 2",
    `        flavor: ${flavor}`,
    `        image: ${image}`,
    `        bootVolume: { sizeGiB: ${sizeGiB}, volumeType: standard }`,
    ...(region.zones[zone]?.reaches === "none"
      ? []
      : [
          "        expose:",
          "          listeners:",
          "            - { protocol: HTTPS, port: 443 }",
        ]),
  ];
}

function smallestFlavor(region: RegionSpec): string | undefined {
  return Object.entries(region.flavors)
    .sort(([a, x], [b, y]) => x.vcpus - y.vcpus || x.ramGiB - y.ramGiB || (a < b ? -1 : 1))
    .map(([name]) => name)[0];
}

/** Text for a comment line: region text may hold line breaks, which would end the comment. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A YAML scalar on one line, quoted when it must be: user text is data, never syntax. */
function scalar(value: string): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return text.includes("\n") ? JSON.stringify(value) : text;
}
