/**
 * The danger rules, each in its own module, and the one function that runs them all. Dangers are
 * what a reviewer must not miss: data loss, running servers replaced, exposure, a route to the internet, DR loss, and a
 * quota cut below what the workloads use.
 */
import { compareText } from "../compare-stack";
import { DANGER_KINDS, type Danger } from "../model";
import type { DangerContext, DangerRule } from "./context";
import { drDowngrade } from "./dr-downgrade";
import { floatingIpCreated } from "./floating-ip";
import { internetRoute } from "./internet-route";
import { quotaCut } from "./quota-cut";
import { securityRuleWidened } from "./security-rule-widened";
import { protectionLifted } from "./protection-lifted";
import { serversReplaced } from "./servers-replaced";
import { statefulLoss } from "./stateful-loss";

export const DANGER_RULES: readonly DangerRule[] = [
  statefulLoss,
  protectionLifted,
  serversReplaced,
  securityRuleWidened,
  floatingIpCreated,
  internetRoute,
  drDowngrade,
  quotaCut,
];

/** Every danger, sorted by kind (in DANGER_KINDS order), stack and address. */
export function findDangers(context: DangerContext): Danger[] {
  return DANGER_RULES.flatMap((rule) => rule(context)).sort(
    (a, b) =>
      DANGER_KINDS.indexOf(a.kind) - DANGER_KINDS.indexOf(b.kind) ||
      compareText(a.stack, b.stack) ||
      compareText(a.address, b.address) ||
      compareText(a.message, b.message),
  );
}

export type { DangerContext, DangerRule } from "./context";
