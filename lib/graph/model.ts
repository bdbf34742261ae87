import type { ZoneSpec } from "../spec/zones";

/**
 * The shape of a topology graph, shared by the builders that fill it in and the renderers
 * (mermaid.ts, dot.ts) that lay it out.
 */

export type NodeKind =
  | "external-network"
  | "router"
  | "transit"
  | "zone"
  | "dns-zone"
  | "system"
  | "workload"
  | "load-balancer";

export interface TopologyNode {
  /** A valid Mermaid and DOT identifier, derived from names: stable across runs. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The first line names the node; the others describe it. */
  readonly lines: readonly string[];
  /** The innermost cluster holding the node. */
  readonly cluster: string;
  /** Zones only: the zone's N²SF data classification. */
  readonly classification?: ZoneSpec["classification"];
  /** Systems only: clients are sent here (the active site; both sites when active-active). */
  readonly serving?: boolean;
}

export type EdgeKind =
  | "gateway"
  | "transit"
  | "attachment"
  | "vip"
  | "member"
  | "floating-ip"
  | "record"
  | "part-of"
  | "dr";

/**
 * part-of joins a workload to its system's node; the system's cluster already shows that, so
 * renderers draw it invisibly, as a layout hint that keeps the system node beside its workloads.
 */
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface TopologyCluster {
  readonly id: string;
  readonly kind: "site" | "system";
  readonly lines: readonly string[];
  /** The enclosing cluster; site clusters have none. */
  readonly parent?: string;
  /** A system's cluster at a site that serves it. */
  readonly serving: boolean;
}

export interface TopologyGraph {
  readonly title: string;
  /** Parents before their children. */
  readonly clusters: readonly TopologyCluster[];
  readonly nodes: readonly TopologyNode[];
  /** Sorted by source, target and kind. */
  readonly edges: readonly TopologyEdge[];
  /** What is not drawn as an edge: DR pairings with a site left out, systems without a copy. */
  readonly notes: readonly string[];
}

/** Identifier the renderers give the notes box; never handed to a node or cluster. */
export const NOTES_ID = "notes";
