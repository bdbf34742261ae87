import { TamnaError } from "../../lib/errors";
import {
  buildDrReport,
  formatJson,
  formatMarkdown,
  formatText,
  type DrReport,
} from "../../lib/report";
import { loadRegion } from "../region-context";
import { selectStacks } from "../select";

export const DR_REPORT_FORMATS = ["text", "markdown", "json"] as const;
export type DrReportFormat = (typeof DR_REPORT_FORMATS)[number];

export interface DrReportOptions {
  readonly region?: string;
  /** Only these agencies. @default every agency */
  readonly agencies?: readonly string[];
  /** @default "text" */
  readonly format?: DrReportFormat;
  /** The same as --format json. */
  readonly json?: boolean;
}

const FORMATTERS: Readonly<Record<DrReportFormat, (report: DrReport) => string>> = {
  text: formatText,
  markdown: formatMarkdown,
  json: formatJson,
};

/**
 * `tamna dr report`: how every system recovers, what is copied to the DR site and how, what runs
 * there now and after a failover, and what remains manual. Reads the plan only: nothing is
 * synthesized or written.
 */
export function drReport(options: DrReportOptions, write: (text: string) => void): void {
  if (options.json && options.format !== undefined && options.format !== "json") {
    throw new TamnaError({
      location: {},
      message: `--json and --format ${options.format} ask for two formats`,
      received: `--json --format ${options.format}`,
      hint: "pass one of them",
    });
  }
  const { plan } = loadRegion(options.region);
  const agencies = options.agencies?.length ? options.agencies : undefined;
  // An unknown slug is bad usage, with the same message and suggestion as every command.
  if (agencies) selectStacks(plan, { agencies });
  const report = buildDrReport(plan, {
    ...(agencies ? { agencies } : {}),
    ...(options.region !== undefined ? { regionDir: options.region } : {}),
  });
  write(FORMATTERS[options.json ? "json" : (options.format ?? "text")](report));
}
