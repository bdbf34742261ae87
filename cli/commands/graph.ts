import * as fs from "node:fs";
import * as path from "node:path";
import { topologyDot } from "../../lib/graph/dot";
import { topologyMermaid } from "../../lib/graph/mermaid";
import { renderSvg } from "../../lib/graph/svg";
import { agencyTopology, type TopologyGraph } from "../../lib/graph/topology";
import { loadRegion } from "../region-context";

export const GRAPH_FORMATS = ["mermaid", "dot", "svg"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions {
  readonly region?: string;
  readonly agency: string;
  /** Only this site; DR pairings with the other site become notes. @default - every site */
  readonly site?: string;
  /** @default "mermaid" */
  readonly format?: GraphFormat;
  /** Write to this file instead of stdout. @default stdout */
  readonly out?: string;
}

/** Draws an agency's topology from the plan: nothing is synthesized, nothing needs a network. */
export async function graph(options: GraphOptions, write: (text: string) => void): Promise<void> {
  const { input, plan } = loadRegion(options.region);
  const topology = agencyTopology(input, plan, { agency: options.agency, site: options.site });
  const text = await render(topology, options.format ?? "mermaid");
  if (options.out === undefined) {
    write(text);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, text);
  process.stderr.write(`graph of ${options.agency} written to ${options.out}\n`);
}

async function render(topology: TopologyGraph, format: GraphFormat): Promise<string> {
  switch (format) {
    case "mermaid":
      return topologyMermaid(topology);
    case "dot":
      return topologyDot(topology);
    case "svg":
      return renderSvg(topologyDot(topology));
  }
}
