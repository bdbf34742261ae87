import { TamnaError } from "../../lib/errors";
import { appStacks, buildApp, countElements } from "../../stacks/app";
import { withScratchDirectory } from "../output-dir";
import { loadRegion } from "../region-context";
import { selectStacks, type Selection } from "../select";

export const LIST_FORMATS = ["text", "json"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export interface ListOptions extends Selection {
  readonly region?: string;
  /** @default "text" */
  readonly format?: ListFormat;
  /** The same as format json (the older spelling, kept). */
  readonly json?: boolean;
}

export interface StackSummary {
  readonly name: string;
  readonly layer: string;
  readonly agency: string | null;
  readonly site: string;
  readonly dependsOn: readonly string[];
  readonly resources: number;
  readonly dataSources: number;
}

/** Lists the stacks with their layer, agency, site and resource counts, in apply order. */
export function list(options: ListOptions, write: (text: string) => void): void {
  if (options.json && options.format !== undefined && options.format !== "json") {
    throw new TamnaError({
      location: {},
      message: `--json and --format ${options.format} ask for two formats`,
      received: `--json --format ${options.format}`,
      hint: "pass one of them",
    });
  }
  const format = options.json ? "json" : (options.format ?? "text");
  const { plan } = loadRegion(options.region);
  const stacks = selectStacks(plan, options);
  const summaries: StackSummary[] = withScratchDirectory((outdir) => {
    // Built, not synthesized: counting needs the construct tree only.
    const app = buildApp(plan, { outdir, stacks });
    return appStacks(app).map((stack, index) => {
      const stackPlan = stacks[index]!;
      return {
        name: stackPlan.name,
        layer: stackPlan.layer,
        agency: "agency" in stackPlan ? stackPlan.agency : null,
        site: stackPlan.site,
        dependsOn: stackPlan.dependsOn,
        ...countElements(stack),
      };
    });
  });

  if (format === "json") {
    write(`${JSON.stringify({ region: plan.region, stacks: summaries }, null, 2)}\n`);
    return;
  }
  write(formatTable(summaries));
}

function formatTable(rows: readonly StackSummary[]): string {
  const header = ["STACK", "LAYER", "AGENCY", "SITE", "RESOURCES", "DATA SOURCES"];
  const cells = rows.map((row) => [
    row.name,
    row.layer,
    row.agency ?? "-",
    row.site,
    String(row.resources),
    String(row.dataSources),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const numeric = new Set([4, 5]);
  const line = (cell: readonly string[]) =>
    cell
      .map((text, column) =>
        numeric.has(column) ? text.padStart(widths[column]!) : text.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return `${[header, ...cells].map(line).join("\n")}\n`;
}
