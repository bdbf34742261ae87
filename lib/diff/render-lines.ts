/**
 * A stack's changes as lines, in the shape `terraform plan` made familiar (`+`, `~`, `-/+`, `-`),
 * shared by the text format (coloured by tone) and the markdown format (in a diff block).
 */
import {
  countActions,
  KNOWN_AFTER_APPLY,
  SENSITIVE,
  type AttributeChange,
  type OutputChange,
  type ResourceAction,
  type ResourceChange,
  type StackDiff,
} from "./model";
import { moveFix } from "./move-fix";
import { describeCounts } from "./summary";

export type LineTone = ResourceAction | "heading" | "plain";

export interface Line {
  readonly tone: LineTone;
  readonly text: string;
}

const SYMBOLS: Record<ResourceAction, string> = {
  create: "+  ",
  update: "~  ",
  replace: "-/+",
  destroy: "-  ",
  move: ">  ",
};

const MAX_VALUE_LENGTH = 160;

/** One value, short: strings quoted, markers such as `(sensitive)` as they are. */
export function renderValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === SENSITIVE || value === KNOWN_AFTER_APPLY) return value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}

/** `path: before -> after`, with why it matters. */
export function renderChange(change: AttributeChange): string {
  const notes = [
    change.forcesReplacement ? "forces replacement" : "",
    change.reason ? `because ${change.reason}` : "",
  ].filter(Boolean);
  const suffix = notes.length > 0 ? `  # ${notes.join("; ")}` : "";
  return `${change.path}: ${renderValue(change.before)} -> ${renderValue(change.after)}${suffix}`;
}

/** The heading of a stack: `name (added): 3 to create`. */
export function stackHeading(stack: StackDiff): string {
  return `${stack.stack} (${stack.status}): ${describeCounts(countActions(stack.resources))}`;
}

export function stackLines(stack: StackDiff): Line[] {
  const lines: Line[] = [];
  if (stack.status === "changed") {
    for (const change of stack.resources) lines.push(...resourceLines(change, ""));
    lines.push(...moveFixLines(stack.resources));
  } else {
    // A whole stack appearing or going: counts by type say more than hundreds of addresses.
    lines.push(...countLines(stack.resources, stack.status === "added" ? "create" : "destroy"));
  }
  if (stack.dataSources.length > 0) {
    lines.push({ tone: "heading", text: "data sources (read at plan time, nothing is changed):" });
    if (stack.status === "changed") {
      for (const change of stack.dataSources) lines.push(...resourceLines(change, "  "));
    } else {
      const action = stack.status === "added" ? "create" : "destroy";
      lines.push(
        ...countLines(stack.dataSources, action).map((line) => ({
          ...line,
          text: `  ${line.text}`,
        })),
      );
    }
  }
  if (stack.outputs.length > 0) {
    lines.push({ tone: "heading", text: "outputs:" });
    for (const output of stack.outputs) lines.push(...outputLines(output));
  }
  if (stack.settings.length > 0) {
    lines.push({ tone: "heading", text: "settings (terraform, provider, variable, locals):" });
    for (const change of stack.settings)
      lines.push({ tone: "update", text: `  ~   ${renderChange(change)}` });
  }
  return lines;
}

function resourceLines(change: ResourceChange, indent: string): Line[] {
  const notes: string[] = [];
  if (change.action === "replace") {
    notes.push(`replaced: ${(change.replacedBecause ?? []).join(", ")} forces replacement`);
  }
  if (change.movedFrom)
    notes.push(`moved from ${change.movedFrom}${change.moveDeclared ? " by a moved block" : ""}`);
  const head = `${indent}${SYMBOLS[change.action]} ${change.address}${notes.length > 0 ? `  (${notes.join("; ")})` : ""}`;
  const lines: Line[] = [{ tone: change.action, text: head }];
  for (const attribute of change.changes) {
    lines.push({ tone: "plain", text: `${indent}      ${renderChange(attribute)}` });
  }
  return lines;
}

function countLines(changes: readonly ResourceChange[], action: ResourceAction): Line[] {
  const byType = new Map<string, number>();
  for (const change of changes) byType.set(change.type, (byType.get(change.type) ?? 0) + 1);
  return [...byType]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, count]) => ({ tone: action, text: `${SYMBOLS[action]} ${count} x ${type}` }));
}

function outputLines(output: OutputChange): Line[] {
  const lines: Line[] = [
    { tone: output.action, text: `  ${SYMBOLS[output.action]} output.${output.name}` },
  ];
  if (output.action === "update") {
    for (const change of output.changes)
      lines.push({ tone: "plain", text: `        ${renderChange(change)}` });
  }
  return lines;
}

/** How to keep the moved resources: their `moved` blocks together, then the cdktf way once. */
function moveFixLines(changes: readonly ResourceChange[]): Line[] {
  const fixes = changes.flatMap((change) => {
    const fix = moveFix(change);
    return fix ? [{ change, fix }] : [];
  });
  if (fixes.length === 0) return [];
  const count = fixes.length === 1 ? "the moved resource" : `the ${fixes.length} moved resources`;
  const lines: Line[] = [
    { tone: "heading", text: `keep ${count} (no destroy, no create) with moved blocks:` },
  ];
  for (const { fix } of fixes) {
    for (const hcl of fix.terraform.split("\n")) lines.push({ tone: "plain", text: `  ${hcl}` });
  }
  lines.push({ tone: "heading", text: "or in cdktf, on the construct that now owns each one:" });
  const [first] = fixes;
  lines.push({
    tone: "plain",
    text: `  ${first!.fix.cdktf}${fixes.length > 1 ? "; and so on" : ""}`,
  });
  return lines;
}
