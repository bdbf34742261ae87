import type { AgencyStackPlan } from "../plan/region-plan";
import { replicatesData } from "../spec/dr";
import type { GraphBuilder } from "./graph-builder";
import { compareText } from "./order";

/**
 * A dashed edge from each system's home-site node to its copy at the DR site, labelled with the
 * mode; a note instead when one of the two sites is not drawn, or the system has no copy.
 * systemNodes holds, per drawn site, the system nodes by system name. Returns the notes.
 */
export function addDrPairing(
  graph: GraphBuilder,
  stacks: readonly AgencyStackPlan[],
  systemNodes: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string[] {
  const decisions = new Map(
    stacks.flatMap((stack) => stack.compute.systems.map((s) => [s.name, s.dr] as const)),
  );
  const notes: string[] = [];
  for (const name of [...decisions.keys()].sort(compareText)) {
    const dr = decisions.get(name)!;
    if (dr.drSite === undefined || !replicatesData(dr.mode)) {
      const backups = dr.drSite !== undefined ? `, backups at ${dr.drSite}` : "";
      notes.push(`${name}: DR ${dr.mode}${backups}; no standby copy, runs only at ${dr.homeSite}`);
      continue;
    }
    const home = systemNodes.get(dr.homeSite)?.get(name);
    const copy = systemNodes.get(dr.drSite)?.get(name);
    if (home !== undefined && copy !== undefined) graph.edge(home, copy, "dr", dr.mode);
    else {
      notes.push(
        `${name}: DR ${dr.mode} from ${dr.homeSite} to ${dr.drSite}; active at ${dr.activeSite}`,
      );
    }
  }
  return notes;
}
