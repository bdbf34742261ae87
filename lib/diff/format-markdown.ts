/**
 * The pull-request comment: dangers at the top, a summary table per stack, a Mermaid picture of
 * the changed topology, and each stack's details in a collapsible section. Kept under the size
 * GitHub accepts for a comment by leaving out details that do not fit, and saying so.
 */
import { COST_COLUMNS, costCaption, costRows } from "./cost";
import { formatMermaid, MAX_NODES } from "./format-mermaid";
import {
  countActions,
  RESOURCE_ACTIONS,
  type DiffCost,
  type DiffReport,
  type StackDiff,
} from "./model";
import { stackHeading, stackLines } from "./render-lines";
import { describeReport, notComparedGroups } from "./summary";

/** GitHub refuses comments over 65536 characters; leave room for a CI job's own words. */
export const MAX_COMMENT_LENGTH = 60_000;

export interface MarkdownOptions {
  /** Longest comment to produce. @default MAX_COMMENT_LENGTH */
  readonly maxLength?: number;
}

export function formatMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? MAX_COMMENT_LENGTH;
  const parts: string[] = [
    "## tamna diff",
    "",
    `Base \`${report.base}\`, head \`${report.head}\`. ${describeReport(report)}`,
    "",
  ];
  if (report.cost) parts.push(...costSection(report.cost), "");
  if (report.dangers.length > 0) parts.push(...dangerSection(report), "");
  for (const group of notComparedGroups(report)) {
    const names = group.names.map((name) => `\`${name}\``).join(", ");
    parts.push(
      `${group.heading}: ${names}${group.more > 0 ? `, and ${group.more} more` : ""}.`,
      "",
    );
  }
  if (report.stacks.length === 0) return `${parts.join("\n").trimEnd()}\n`;

  parts.push(...summaryTable(report.stacks), "");
  parts.push(...topologySection(report), "");

  const details = report.stacks.map(stackDetails);
  let length = parts.join("\n").length;
  let shown = 0;
  for (const section of details) {
    if (length + section.length + 200 > maxLength) break;
    parts.push(section, "");
    length += section.length + 1;
    shown++;
  }
  if (shown < details.length) {
    parts.push(
      `_Details of ${details.length - shown} more stack${details.length - shown === 1 ? "" : "s"} are left out to fit in a comment; run \`tamna diff\` to see them._`,
      "",
    );
  }
  return `${parts.join("\n").trimEnd()}\n`;
}

/** The cost table, at the top: what the budget office asks of every pull request. */
function costSection(cost: DiffCost): string[] {
  if ("unavailable" in cost) return [`**Cost**: not compared: ${escapeMarkdown(cost.unavailable)}`];
  if (cost.agencies.length === 0) {
    return [`**Cost**: no agency's monthly fee changes (${costCaption(cost)}).`];
  }
  const rows = costRows(cost);
  const total = rows.pop()!;
  return [
    `**Cost**: ${costCaption(cost)}.${cost.note ? ` Note: ${escapeMarkdown(cost.note)}.` : ""}`,
    "",
    `| ${COST_COLUMNS.join(" | ")} |`,
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows.map(([agency, ...cells]) => `| \`${agency}\` | ${cells.join(" | ")} |`),
    `| **${total[0]}** | ${total.slice(1).join(" | ")} |`,
  ];
}

function dangerSection(report: DiffReport): string[] {
  const count = report.dangers.length;
  return [
    "> [!CAUTION]",
    `> **${count} danger${count === 1 ? "" : "s"}**: read before approving.`,
    ">",
    ...report.dangers.map(
      (danger) =>
        `> - **${danger.kind}** \`${danger.stack}\` \`${danger.address}\`: ${escapeMarkdown(danger.message)}`,
    ),
  ];
}

function summaryTable(stacks: readonly StackDiff[]): string[] {
  const header = ["stack", "status", ...RESOURCE_ACTIONS, "data sources", "outputs"];
  const rows = stacks.map((stack) => {
    const counts = countActions(stack.resources);
    return [
      `\`${stack.stack}\``,
      stack.status,
      ...RESOURCE_ACTIONS.map((action) => (counts[action] > 0 ? String(counts[action]) : "")),
      stack.dataSources.length > 0 ? String(stack.dataSources.length) : "",
      stack.outputs.length > 0 ? String(stack.outputs.length) : "",
    ];
  });
  // Padded as Prettier pads tables, so the comment reads well as plain text too.
  const numeric = (column: number) => column >= 2;
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((cell, column) =>
        numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join(" | ")} |`;
  const rule = widths.map((width, column) =>
    numeric(column) ? `${"-".repeat(width - 1)}:` : "-".repeat(width),
  );
  return [line(header), line(rule), ...rows.map(line)];
}

function topologySection(report: DiffReport): string[] {
  const chart = formatMermaid(report.topology);
  if (chart) {
    return [
      "<details open><summary>Changed topology</summary>",
      "",
      "```mermaid",
      chart,
      "```",
      "",
      "</details>",
    ];
  }
  if (report.topology.nodes.length > MAX_NODES) {
    return [
      `_The changed topology has ${report.topology.nodes.length} nodes, too many to draw (at most ${MAX_NODES})._`,
    ];
  }
  return ["_No network, router, security group, instance or load balancer changes._"];
}

function stackDetails(stack: StackDiff): string {
  const body = stackLines(stack).map((line) => line.text);
  // `diff` highlighting colours + and - lines: creations green, destructions red.
  const fence = body.some((line) => line.includes("```")) ? "~~~~" : "```";
  return [
    `<details><summary><code>${escapeHtml(stack.stack)}</code> (${stack.status}): ${escapeHtml(stackHeading(stack).split(": ").slice(1).join(": "))}</summary>`,
    "",
    `${fence}diff`,
    ...body,
    fence,
    "",
    "</details>",
  ].join("\n");
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, "\\$1");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
