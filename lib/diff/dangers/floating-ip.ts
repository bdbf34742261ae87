/**
 * A new floating IP: whatever port it lands on becomes reachable from the external network it
 * is drawn from (the internet, in the example). Only the internet-facing zone should get one; a
 * reviewer checks which port it is.
 */
import type { Danger } from "../model";
import { changesWith, headBlockOf, type DangerRule } from "./context";

const FLOATING_IP = "openstack_networking_floatingip_v2";

export const floatingIpCreated: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    for (const change of changesWith(comparison, ["create", "replace"], FLOATING_IP)) {
      const body = headBlockOf(comparison, change)?.body;
      const pool = typeof body?.pool === "string" ? body.pool : "an external network";
      const port = typeof body?.port_id === "string" ? ` on ${body.port_id}` : "";
      dangers.push({
        kind: "exposure",
        stack: comparison.diff.stack,
        address: change.address,
        message: `${change.action === "create" ? "creates" : "replaces"} a floating IP from ${pool}${port}: that port becomes reachable from ${pool}`,
      });
    }
  }
  return dangers;
};
