/**
 * The machine-readable format (`--format json`). The shape is stable; `version` changes when a
 * field is removed or changes meaning (new fields may appear without a version change):
 *
 * ```
 * {
 *   "version": 1,
 *   "base": string, "head": string,            // directories or git revisions compared
 *   "changes": boolean,                         // false: applying the head changes nothing
 *   "summary": { "create", "update", "replace", "destroy", "move": number,
 *                "stacksAdded", "stacksRemoved", "stacksChanged", "stacksNotCompared",
 *                "dangers": number },
 *   "notCompared": [ { "stack": string, "notSelectedIn": "base" | "head" } ],
 *                                               // held by one side only because the other
 *                                               // side's synth did not select them
 *   "dangers": [ { "kind": "data-loss" | "servers-replaced" | "exposure" | "internet-route"
 *                          | "dr-downgrade" | "quota-below-usage" | "cost-increase",
 *                  "stack": string, "address": string, "message": string } ],
 *   "cost"?: { "currency": string, "before", "after", "delta": number,   // region totals
 *              "dangerPercent": number,
 *              "base": { "date", "priceBook" }, "head": { "date", "priceBook" },
 *              "agencies": [ { "agency": string, "before", "after", "delta": number,
 *                              "percent"?: number, "danger": boolean } ],
 *              "note"?: string }                 // e.g. the base was priced with the head's book
 *           | { "unavailable": string },          // why there is no comparison
 *                                               // (amounts in the currency's major unit)
 *   "stacks": [ {
 *     "stack": string, "status": "added" | "removed" | "changed",
 *     "resources": [ {
 *       "address": string, "type": string, "name": string,
 *       "action": "create" | "update" | "replace" | "destroy" | "move",
 *       "changes": [ { "path": string, "before"?: any, "after"?: any, "sensitive"?: true,
 *                      "forcesReplacement"?: true, "reason"?: string } ],
 *       "replacedBecause"?: string[],           // attribute paths that force the replacement
 *       "movedFrom"?: string, "moveDeclared"?: true, "constructPath"?: string,
 *       "fix"?: { "terraform": string, "cdktf": string }   // how to keep a moved resource
 *     } ],
 *     "dataSources": [ same shape as resources ],
 *     "outputs": [ { "name": string, "action": "create" | "update" | "destroy", "changes": [...] } ],
 *     "settings": [ attribute changes of the terraform, provider, variable and locals blocks ]
 *   } ]
 * }
 * ```
 *
 * `before` is absent for a new attribute, `after` for a removed one; secrets read
 * `"(sensitive)"` and values Terraform learns while applying `"(known after apply)"`.
 */
import { toMajor } from "../cost/money";
import { hasChanges, type DiffCost, type DiffReport, type ResourceChange } from "./model";
import { moveFix } from "./move-fix";
import { totals } from "./summary";

export const JSON_FORMAT_VERSION = 1;

export function formatJson(report: DiffReport): string {
  const withFix = (change: ResourceChange) => {
    const fix = moveFix(change);
    return fix ? { ...change, fix } : change;
  };
  const document = {
    version: JSON_FORMAT_VERSION,
    base: report.base,
    head: report.head,
    changes: hasChanges(report),
    summary: totals(report),
    notCompared: report.notCompared,
    dangers: report.dangers,
    ...(report.cost ? { cost: costJson(report.cost) } : {}),
    stacks: report.stacks.map((stack) => ({
      ...stack,
      resources: stack.resources.map(withFix),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function costJson(cost: DiffCost): unknown {
  if ("unavailable" in cost) return cost;
  const major = (amount: number) => toMajor(amount, cost.digits);
  return {
    currency: cost.currency,
    before: major(cost.before),
    after: major(cost.after),
    delta: major(cost.delta),
    dangerPercent: cost.dangerPercent,
    base: cost.base,
    head: cost.head,
    agencies: cost.agencies.map((agency) => ({
      ...agency,
      before: major(agency.before),
      after: major(agency.after),
      delta: major(agency.delta),
    })),
    ...(cost.note !== undefined ? { note: cost.note } : {}),
  };
}
