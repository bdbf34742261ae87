/**
 * Servers replaced: a change that replaces every or most (more than half) of a workload's
 * running servers. Each replaced instance is listed as replaced already; this is the loud
 * summary, one per workload, naming how many of how many and which attributes force it (e.g.
 * `scheduler_hints.group` when the server group is replaced by a new anti-affinity policy).
 */
import type { Danger } from "../model";
import { blocksOf, isRecord, type Block } from "../terraform-json";
import { changesWith, type DangerRule } from "./context";

const INSTANCE = "openstack_compute_instance_v2";

/** The workload an instance belongs to: its metadata's agency/system/workload, else its server group. */
export function workloadOf(block: Block): string {
  const metadata = block.body.metadata;
  if (isRecord(metadata)) {
    const parts = [metadata.agency, metadata.system, metadata.workload];
    if (parts.every((part) => typeof part === "string" && !part.includes("${"))) {
      return parts.join("/");
    }
  }
  const hints = block.body.scheduler_hints;
  const group = Array.isArray(hints) && isRecord(hints[0]) ? hints[0].group : undefined;
  return typeof group === "string" ? `server group ${group}` : block.address;
}

export const serversReplaced: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    const totals = new Map<string, number>();
    for (const block of blocksOf(comparison.base, "resource").values()) {
      if (block.type !== INSTANCE) continue;
      const workload = workloadOf(block);
      totals.set(workload, (totals.get(workload) ?? 0) + 1);
    }
    const heads = blocksOf(comparison.head, "resource");
    const replaced = new Map<string, { addresses: string[]; reasons: Set<string> }>();
    for (const change of changesWith(comparison, ["replace"], INSTANCE)) {
      const block = heads.get(change.address);
      if (!block) continue;
      const workload = workloadOf(block);
      const entry = replaced.get(workload) ?? { addresses: [], reasons: new Set<string>() };
      entry.addresses.push(change.address);
      for (const attribute of change.changes.filter((c) => c.forcesReplacement)) {
        entry.reasons.add(
          attribute.reason ? `${attribute.path} (${attribute.reason})` : attribute.path,
        );
      }
      replaced.set(workload, entry);
    }
    for (const [workload, { addresses, reasons }] of replaced) {
      const total = totals.get(workload) ?? addresses.length;
      if (addresses.length * 2 <= total) continue;
      const share = addresses.length === total ? `all ${total}` : `${addresses.length} of ${total}`;
      dangers.push({
        kind: "servers-replaced",
        stack: comparison.diff.stack,
        address: addresses.sort()[0]!,
        message: `replaces ${share} running servers of ${workload}, forced by ${[...reasons].sort().join(", ")}: each is deleted and rebuilt, its local state lost and the service down or degraded meanwhile`,
      });
    }
  }
  return dangers;
};
