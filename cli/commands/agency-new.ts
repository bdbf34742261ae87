import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { closest } from "fastest-levenshtein";
import { TamnaError, type Problem } from "../../lib/errors";
import { describeFreeBlock, freeBlocks, takenBlocks } from "../../lib/plan/free-blocks";
import { RESERVED_AGENCY_SLUGS } from "../../lib/names";
import { agencyTemplate, PLACEHOLDER, type CsapTier } from "../../lib/spec/agency-template";
import { Contact } from "../../lib/spec/agency";
import { DisplayName, Slug } from "../../lib/spec/common";
import { AGENCY_DIR, type RegionInput } from "../../lib/spec/load";
import { packageFile } from "../../lib/validate/package-file";
import { formatPath, parseYaml } from "../../lib/spec/yaml-source";
import { loadRegion } from "../region-context";

export interface AgencyNewOptions {
  readonly region?: string;
  readonly slug: string;
  /** Display name; may be Korean. */
  readonly name: string;
  /** @default - a placeholder the schema refuses until it is filled in */
  readonly csapTier?: CsapTier;
  /** The owner's name and email. @default - placeholders the schema refuses until filled in */
  readonly ownerName?: string;
  readonly ownerEmail?: string;
  /** Sites with a tenant. @default every site of the region (the file leaves `sites` out) */
  readonly sites?: readonly string[];
  /** Zones the agency uses. @default every zone of the region's catalogue */
  readonly zones?: readonly string[];
}

/**
 * `tamna agency new SLUG`: writes `agencies/SLUG.yaml` in the region with the modeline, the
 * lowest address block free at every site the agency uses, a comment for each field and a
 * commented example system. The region is loaded and planned first; a bad slug or option, an
 * existing agency or a region without a free block writes nothing. The file appears whole or
 * not at all, and never replaces a file that appeared meanwhile.
 */
export function agencyNew(options: AgencyNewOptions, write: (text: string) => void): void {
  const slug = checkedSlug(options.slug);
  const name = checkedName(options.name);
  const owner = checkedOwner(options);
  const { input } = loadRegion(options.region);
  const regionDir = path.dirname(path.resolve(input.region.source.file));
  const file = path.join(regionDir, AGENCY_DIR, `${slug}.yaml`);
  refuseExisting(input, slug, regionDir);

  const region = input.region.spec;
  const regionSites = Object.keys(region.sites).sort();
  const sites = options.sites && checkedList("--sites", options.sites, regionSites);
  const zones = options.zones
    ? checkedList("--zones", options.zones, Object.keys(region.zones))
    : Object.keys(region.zones);
  const usedSites = regionSites.filter((site) => !sites || sites.includes(site));
  const taken = takenBlocks(
    region,
    input.agencies.map((agency) => agency.spec),
  );
  const { free, full } = freeBlocks(region, taken, usedSites, 1);
  const block = free[0];
  if (!block) throw noFreeBlock(input, usedSites, full);

  const text = agencyTemplate({
    slug,
    name,
    ...(options.csapTier !== undefined ? { csapTier: options.csapTier } : {}),
    ...(sites !== undefined ? { sites } : {}),
    ...(owner !== undefined ? { owner } : {}),
    zones,
    block,
    schemaPath: schemaPathFrom(path.dirname(file)),
    region,
  });
  createAtomically(file, text);
  write(describe(options, displayPath(file), text, describeFreeBlock(block)));
}

function checkedSlug(slug: string): string {
  const parsed = Slug.safeParse(slug);
  if (!parsed.success) {
    throw new TamnaError({
      location: {},
      message: `agency slug "${slug}" ${parsed.error.issues[0]?.message ?? "is not valid"}`,
      received: slug,
      allowed:
        "2-32 lowercase letters, digits and hyphens, starting with a letter, e.g. jeju-education",
    });
  }
  if ((RESERVED_AGENCY_SLUGS as readonly string[]).includes(slug)) {
    throw new TamnaError({
      location: {},
      message: `slug "${slug}" is reserved for stack names`,
      received: slug,
      hint: `choose another slug; ${RESERVED_AGENCY_SLUGS.join(" and ")} are reserved`,
    });
  }
  return slug;
}

function checkedName(name: string): string {
  const parsed = DisplayName.safeParse(name);
  if (!parsed.success) {
    throw new TamnaError({
      location: {},
      message: `--name: ${parsed.error.issues[0]?.message ?? "not a display name"}`,
      received: JSON.stringify(name),
      allowed: "a display name of 1-128 characters, e.g. 제주특별자치도교육청",
    });
  }
  return parsed.data;
}

/** The owner contact, checked as the agency schema checks it, when both options are given. */
function checkedOwner(options: AgencyNewOptions): { name: string; email: string } | undefined {
  const { ownerName, ownerEmail } = options;
  if (ownerName === undefined && ownerEmail === undefined) return undefined;
  const parsed = Contact.safeParse({
    role: "owner",
    name: ownerName ?? "",
    email: ownerEmail ?? "",
  });
  if (ownerName === undefined || ownerEmail === undefined || !parsed.success) {
    throw new TamnaError(
      (parsed.error?.issues ?? []).map((issue) => ({
        location: {},
        message: `--owner-${String(issue.path[0])}: ${issue.message}`,
        received: JSON.stringify(issue.path[0] === "name" ? ownerName : ownerEmail),
        hint: "give both --owner-name and --owner-email, or neither (then fill in the file)",
      })),
    );
  }
  return { name: parsed.data.name, email: parsed.data.email };
}

/** Refuses a slug that an agency has, or a file (of any kind) already at the agency's path. */
function refuseExisting(input: RegionInput, slug: string, regionDir: string): void {
  const agency = input.agencies.find((each) => each.spec.slug === slug);
  if (agency) {
    throw new TamnaError({
      location: agency.source.locate(["slug"]),
      message: `agency "${slug}" exists already`,
      hint: "choose another slug, or edit this file",
    });
  }
  for (const extension of ["yaml", "yml"]) {
    const existing = path.join(regionDir, AGENCY_DIR, `${slug}.${extension}`);
    if (exists(existing)) {
      throw new TamnaError({
        location: { file: displayPath(existing) },
        message: `a file is already where the agency would go`,
        hint: "choose another slug, or move that file away",
      });
    }
  }
}

function checkedList(
  option: string,
  values: readonly string[],
  allowed: readonly string[],
): string[] {
  const problems: Problem[] = [];
  values.forEach((value, index) => {
    if (!allowed.includes(value)) {
      problems.push({
        location: {},
        message: `${option}: unknown "${value}"`,
        received: value,
        allowed: allowed.join(", "),
        ...(allowed.length > 0 ? { hint: `did you mean "${closest(value, [...allowed])}"?` } : {}),
      });
    } else if (values.indexOf(value) !== index) {
      problems.push({ location: {}, message: `${option}: "${value}" is given twice` });
    }
  });
  if (values.length === 0) problems.push({ location: {}, message: `${option}: give at least one` });
  if (problems.length > 0) throw new TamnaError(problems);
  return [...values];
}

function noFreeBlock(input: RegionInput, sites: readonly string[], full: readonly string[]) {
  const plan = input.region.spec.addressPlan;
  const supernets = sites.map((site) => `${site} ${plan.supernets[site]}`).join(", ");
  return new TamnaError({
    location: input.region.source.locate(["addressPlan", "supernets"]),
    message:
      full.length > 0
        ? `no free /${plan.agencyPrefixLength} block: site ${full.join(" and ")} ${full.length === 1 ? "is" : "are"} full (${supernets})`
        : `no /${plan.agencyPrefixLength} block index is free at every site at once (${supernets})`,
    hint:
      full.length > 0
        ? "widen the full sites' supernets, remove agencies that are gone, or give the agency fewer sites (--sites)"
        : "write the agency's addressBlock.cidrs per site by hand, or give it fewer sites (--sites)",
  });
}

/** The modeline path from the agency folder to this package's schemas/agency.schema.json. */
function schemaPathFrom(dir: string): string {
  const schema = packageFile(path.join("schemas", "agency.schema.json"));
  return path.relative(dir, schema).split(path.sep).join("/");
}

/**
 * Writes a temp file beside `file` and links it into place: the file appears whole, and a file
 * that appeared at `file` meanwhile is refused rather than replaced.
 */
function createAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { flag: "wx" });
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && exists(file)) {
      throw new TamnaError({
        location: { file: displayPath(file) },
        message: "a file appeared where the agency would go",
        hint: "choose another slug, or move that file away",
      });
    }
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}

/** Field paths whose value is the placeholder, in document order. */
function placeholderPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === PLACEHOLDER) return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholderPaths(item, [...at, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => placeholderPaths(item, [...at, key]));
  }
  return [];
}

function describe(options: AgencyNewOptions, file: string, text: string, block: string): string {
  const source = parseYaml(file, text);
  const fillIns = placeholderPaths(parse(text)).map((field) => {
    const at = source.locate(field);
    return `  ${file}:${at.line} ${formatPath(field)}`;
  });
  const region = options.region !== undefined ? ` --region ${options.region}` : "";
  const out = [
    `tamna agency new: wrote ${file}`,
    `  addressBlock: ${block}, the lowest block free at every site of the agency`,
  ];
  if (fillIns.length > 0) {
    out.push(
      `fill in (validate and synth refuse the file while a value is ${PLACEHOLDER}):`,
      ...fillIns,
    );
  }
  out.push(
    "next steps:",
    `  1. describe its systems (a commented example is at the end of the file); keep the zones they use`,
    `  2. tamna validate${region} --agency ${options.slug}`,
    `  3. tamna synth${region} --agency ${options.slug}, then tamna list${region} --agency ${options.slug} for the stacks in apply order`,
  );
  return `${out.join("\n")}\n`;
}
