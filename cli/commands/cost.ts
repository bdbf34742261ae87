import * as fs from "node:fs";
import * as path from "node:path";
import {
  costModel,
  costReport,
  formatCostCsv,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
  ISO_DATE,
  type CostReport,
} from "../../lib/cost";
import { TamnaError } from "../../lib/errors";
import { loadRegion } from "../region-context";
import { selectStacks } from "../select";

export const COST_FORMATS = ["text", "json", "csv", "markdown"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export interface CostOptions {
  readonly region?: string;
  /** Only these agencies. @default every agency */
  readonly agencies?: readonly string[];
  /** Only this site. @default every site */
  readonly site?: string;
  /** @default "text" */
  readonly format?: CostFormat;
  /** The day to price (YYYY-MM-DD): the price book in effect then applies. @default today (UTC) */
  readonly date?: string;
  /** Write the report to this file instead of stdout. */
  readonly out?: string;
}

const FORMATTERS: Readonly<Record<CostFormat, (report: CostReport) => string>> = {
  text: formatCostText,
  json: formatCostJson,
  csv: formatCostCsv,
  markdown: formatCostMarkdown,
};

/**
 * `tamna cost`: each agency's monthly usage fee under the region's price book, by system, site
 * and kind, and the share DR adds. Reads the plan only: nothing is synthesized.
 */
export function cost(options: CostOptions, write: (text: string) => void): void {
  const date = parseDate(options.date ?? today());
  const agencies = options.agencies?.length ? options.agencies : undefined;
  const { input, plan } = loadRegion(options.region, agencies);
  if (agencies) selectStacks(plan, { agencies });
  if (options.site !== undefined) assertSite(options.site, Object.keys(input.region.spec.sites));
  const report = costReport(costModel(input.region, plan, date), {
    ...(agencies ? { agencies } : {}),
    ...(options.site !== undefined ? { site: options.site } : {}),
  });
  const text = FORMATTERS[options.format ?? "text"](report);
  if (options.out === undefined) write(text);
  else writeReport(options.out, text);
}

/** Today in UTC, so that the book applied does not depend on the machine's time zone. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A real calendar day as YYYY-MM-DD; anything else is bad usage. */
export function parseDate(value: string): string {
  const time = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  const valid = !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
  if (valid) return value;
  throw new TamnaError({
    location: {},
    message: `--date ${value}: not a day`,
    received: value,
    allowed: "a date as YYYY-MM-DD, e.g. 2026-12-01",
  });
}

function assertSite(site: string, known: readonly string[]): void {
  if (known.includes(site)) return;
  throw new TamnaError({
    location: {},
    message: `--site ${site}: no such site`,
    received: site,
    allowed: [...known].sort().join(", "),
  });
}

function writeReport(file: string, text: string): void {
  if (!fs.existsSync(path.dirname(path.resolve(file)))) {
    throw new TamnaError({
      location: {},
      message: `--out ${file}: the directory ${path.dirname(file)} does not exist`,
      received: file,
      allowed: "a file in an existing directory",
    });
  }
  fs.writeFileSync(file, text);
}
