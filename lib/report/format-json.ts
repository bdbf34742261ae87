/**
 * The DR report as JSON for tools: the DrReport shape of dr-model.ts as it is, versioned by its
 * `version` field, two-space indented, keys in the order the model declares them.
 */
import type { DrReport } from "./dr-model";

export function formatJson(report: DrReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
