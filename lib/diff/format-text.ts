/**
 * The terminal format: dangers first, then each changed stack, then one summary line. Colour
 * only on a terminal and when NO_COLOR is not set (https://no-color.org).
 */
import { COST_COLUMNS, costCaption, costRows } from "./cost";
import type { Danger, DiffCost, DiffReport } from "./model";
import { stackHeading, stackLines, type LineTone } from "./render-lines";
import { describeReport, notComparedGroups } from "./summary";

export interface TextOptions {
  /** Use ANSI colours. @default false */
  readonly color?: boolean;
}

/** True when output to a stream should be coloured. */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR;
}

const ANSI: Record<LineTone | "danger" | "bold", string> = {
  create: "32",
  update: "33",
  replace: "35",
  destroy: "31",
  move: "36",
  heading: "1",
  plain: "",
  danger: "1;31",
  bold: "1",
};

export function formatText(report: DiffReport, options: TextOptions = {}): string {
  const paint = (tone: keyof typeof ANSI, text: string) =>
    options.color && ANSI[tone] ? `\x1b[${ANSI[tone]}m${text}\x1b[0m` : text;
  const out: string[] = [paint("bold", `tamna diff: ${report.base} -> ${report.head}`), ""];

  if (report.dangers.length > 0) {
    out.push(
      paint(
        "danger",
        `DANGER: ${report.dangers.length} change${report.dangers.length === 1 ? "" : "s"} to read before applying`,
      ),
    );
    for (const danger of report.dangers) out.push(...dangerLines(danger, paint));
    out.push("");
  }
  if (report.cost) out.push(...costLines(report.cost), "");
  for (const stack of report.stacks) {
    out.push(paint("heading", `== ${stackHeading(stack)}`));
    for (const line of stackLines(stack)) out.push(paint(line.tone, `  ${line.text}`));
    out.push("");
  }
  for (const group of notComparedGroups(report)) {
    out.push(`${group.heading}:`, ...group.names.map((name) => `  ${name}`));
    if (group.more > 0) out.push(`  ... and ${group.more} more (--format json lists them all)`);
    out.push("");
  }
  out.push(paint("bold", describeReport(report)));
  return `${out.join("\n")}\n`;
}

function dangerLines(
  danger: Danger,
  paint: (tone: "danger" | "plain", text: string) => string,
): string[] {
  return [
    `  ${paint("danger", "!")} ${danger.kind.padEnd(17)} ${danger.stack}  ${danger.address}`,
    `      ${danger.message}`,
  ];
}

function costLines(cost: DiffCost): string[] {
  if ("unavailable" in cost) return [`Cost: not compared: ${cost.unavailable}`];
  if (cost.agencies.length === 0)
    return [`Cost: no agency's monthly fee changes (${costCaption(cost)}).`];
  const rows = [[...COST_COLUMNS], ...costRows(cost)];
  const widths = COST_COLUMNS.map((_, column) =>
    Math.max(...rows.map((row) => row[column]!.length)),
  );
  return [
    `Cost: ${costCaption(cost)}${cost.note ? `; ${cost.note}` : ""}`,
    ...rows.map(
      (row) =>
        `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ")}`,
    ),
  ];
}
