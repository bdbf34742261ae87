/**
 * Protection lifted: a resource that kept `prevent_destroy` loses it while it stays. Nothing is
 * lost yet, but the next change can destroy it without Terraform refusing: the one review where
 * that can still be caught is this one.
 */
import type { Danger } from "../model";
import { isRecord } from "../terraform-json";
import { baseBlockOf, changesWith, headBlockOf, type DangerRule } from "./context";

const isProtected = (body: Record<string, unknown> | undefined): boolean =>
  isRecord(body?.lifecycle) && body.lifecycle.prevent_destroy === true;

export const protectionLifted: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    for (const change of changesWith(comparison, ["update", "move"])) {
      const before = baseBlockOf(comparison, change)?.body;
      const after = headBlockOf(comparison, change)?.body;
      if (!isProtected(before) || isProtected(after)) continue;
      dangers.push({
        kind: "data-loss",
        stack: comparison.diff.stack,
        address: change.address,
        message:
          "lifts prevent_destroy: from now on a plan may destroy it without Terraform refusing",
      });
    }
  }
  return dangers;
};
