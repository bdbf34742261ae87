import * as fs from "node:fs";
import * as path from "node:path";
import { closest } from "fastest-levenshtein";
import { TamnaError } from "../../lib/errors";
import type { DrDecision } from "../../lib/plan/dr";
import { agencySites, planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import {
  agencyDecisions,
  buildDrReport,
  failoverOutcome,
  switchRefusal,
  type FailoverOutcome,
  type FailoverRequest,
} from "../../lib/report";
import type { AgencySpec } from "../../lib/spec/agency";
import {
  editActiveSite,
  inputWithAgencyText,
  type ActiveSiteEdit,
  type EditedText,
} from "../../lib/spec/failover-edit";
import type { Sourced } from "../../lib/spec/load";
import { formatPath } from "../../lib/spec/yaml-source";
import { loadRegion } from "../region-context";

export interface FailoverOptions {
  readonly region?: string;
  readonly agency: string;
  /** One system. @default every system of the agency */
  readonly system?: string;
  /** The site to serve from: the DR site to fail over, the home site to fail back. */
  readonly to: string;
}

/**
 * `tamna failover`: switches the site that serves an agency's systems (or one system) by editing
 * `activeSite` in the agency file, keeping the rest of the file byte for byte. The edited region
 * is loaded and planned before anything is written; any problem writes nothing. Terraform is not
 * run: the output says what to synthesize, review and do by hand next.
 */
export function failover(options: FailoverOptions, write: (text: string) => void): void {
  const { input, plan } = loadRegion(options.region);
  const agency = findAgency(input.agencies, options.agency);
  const sites = agencySites(agency.spec, Object.keys(input.region.spec.sites).sort());
  if (!sites.includes(options.to)) {
    throw new TamnaError({
      location: {},
      message: `--to ${options.to}: agency ${agency.spec.slug} has no tenant at that site`,
      received: options.to,
      allowed: sites.join(", "),
      hint: "name the agency's DR site to fail over, or its home site to fail back",
    });
  }
  const decisions = agencyDecisions(plan, agency.spec.slug);
  const edit =
    options.system !== undefined
      ? systemEdit(agency, decisions, options.system, options.to)
      : agencyEdit(decisions, options.to);

  const file = agency.source.file;
  const edited = editActiveSite(file, fs.readFileSync(file, "utf8"), edit);
  const after = planRegion(inputWithAgencyText(input, agency, edited.text));
  const request: FailoverRequest = {
    agency: agency.spec.slug,
    ...(options.system !== undefined ? { system: options.system } : {}),
    to: options.to,
  };
  const outcome = failoverOutcome(plan, after, request);
  if (outcome.moved.length === 0) {
    throw new TamnaError({
      location: agency.source.locate(["activeSite"]),
      message: `nothing to switch: no system of ${agency.spec.slug} can move to ${options.to} (${outcome.stayed.map((stay) => `${stay.system}: ${stay.detail}`).join("; ")})`,
      hint: `tamna dr report --agency ${agency.spec.slug} shows where each system runs`,
    });
  }
  writeAtomically(file, edited.text);
  write(describe(options, file, edited, outcome, after));
}

function findAgency(agencies: readonly Sourced<AgencySpec>[], slug: string): Sourced<AgencySpec> {
  const agency = agencies.find((each) => each.spec.slug === slug);
  if (agency) return agency;
  const known = agencies.map((each) => each.spec.slug);
  throw new TamnaError({
    location: {},
    message: `--agency ${slug}: no such agency in the region`,
    received: slug,
    allowed: known.join(", "),
    hint: known.length > 0 ? `did you mean "${closest(slug, known)}"?` : "add an agency first",
  });
}

/**
 * A system's own activeSite, or its removal when the site is what it gets without one: the
 * agency's active site where the system can serve there, else its home site.
 */
function systemEdit(
  agency: Sourced<AgencySpec>,
  decisions: ReadonlyMap<string, DrDecision>,
  system: string,
  to: string,
): ActiveSiteEdit {
  const index = agency.spec.systems.findIndex((each) => each.name === system);
  const decision = decisions.get(system);
  if (index < 0 || !decision) {
    const known = agency.spec.systems.map((each) => each.name);
    throw new TamnaError({
      location: agency.source.locate(["systems"]),
      message: `--system ${system}: agency ${agency.spec.slug} has no such system`,
      received: system,
      allowed: known.join(", ") || "none",
      ...(known.length > 0 ? { hint: `did you mean "${closest(system, known)}"?` } : {}),
    });
  }
  const refusal = switchRefusal(decision, to);
  if (refusal) {
    throw new TamnaError({
      location: agency.source.locate(["systems", index]),
      message: refusal.message,
      received: `--to ${to}`,
      hint: refusal.hint,
    });
  }
  const agencyActive = agency.spec.activeSite;
  const canServe = [decision.homeSite, ...(decision.drSite ? [decision.drSite] : [])];
  const fallback =
    agencyActive !== undefined && canServe.includes(agencyActive)
      ? agencyActive
      : decision.homeSite;
  return { system, site: to === fallback ? undefined : to };
}

/** The agency's activeSite, removed when every system is at home there anyway. */
function agencyEdit(decisions: ReadonlyMap<string, DrDecision>, to: string): ActiveSiteEdit {
  const allHome = [...decisions.values()].every((decision) => decision.homeSite === to);
  return { site: allHome ? undefined : to };
}

/** Writes beside the file and renames over it: readers see the old file or the new, never half. */
function writeAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode: fs.statSync(file).mode });
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function describe(
  options: FailoverOptions,
  file: string,
  edited: EditedText,
  outcome: FailoverOutcome,
  after: RegionPlan,
): string {
  const key = formatPath(edited.path);
  const change =
    edited.change === "removed"
      ? `removed ${key} (the default applies again)`
      : `${key}: ${options.to} (${edited.change})`;
  const lines = [`tamna failover: ${file}:${edited.line}: ${change}`, ""];
  lines.push(`moves (${outcome.moved.length}):`);
  for (const move of outcome.moved) {
    lines.push(`  ${move.system} (${move.mode}) ${move.from} -> ${move.to}: ${move.effect}`);
  }
  if (outcome.stayed.length > 0) {
    lines.push(`stays (${outcome.stayed.length}):`);
    for (const stay of outcome.stayed) {
      lines.push(`  ${stay.system} (${stay.mode}) at ${stay.activeSite}: ${stay.detail}`);
    }
  }

  const region = options.region !== undefined ? ` --region ${options.region}` : "";
  const out = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  // Steps 1 and 2 are whole commands on their own lines, to copy and paste (a test runs them).
  lines.push(
    "",
    "next steps:",
    `  1. tamna synth${region} --agency ${options.agency}`,
    `  2. tamna diff --base HEAD${region} ${out}`,
    `     only ${options.agency}'s agency stacks should differ; the stacks step 1 did not select are listed as not compared`,
    `  3. apply ${options.agency}-${options.to} first (the other site's stack once it is reachable)`,
    ...manualSteps(options, outcome, after, region),
  );
  return `${lines.join("\n")}\n`;
}

/** The DR report's steps for the moved systems at this switch, and the sync key to apply with. */
function manualSteps(
  options: FailoverOptions,
  outcome: FailoverOutcome,
  after: RegionPlan,
  region: string,
): string[] {
  const direction = new Map(outcome.moved.map((move) => [move.system, move.direction]));
  const report = buildDrReport(after, { agencies: [options.agency] });
  const steps = report.agencies
    .flatMap((agency) => agency.systems)
    .flatMap((system) => {
      const when = direction.get(system.system);
      if (when === undefined) return [];
      return system.manualSteps
        .filter((step) => step.when === when || step.id === "container-sync-key")
        .map((step) => `     - ${system.system}, ${step.id}: ${step.action}`);
    });
  const source = `tamna dr report${region} --agency ${options.agency}`;
  return steps.length > 0
    ? [`  4. by hand, outside Terraform (${source} has them all):`, ...steps]
    : [`  4. nothing by hand for these systems (${source})`];
}
