import { StableIds } from "./ids";
import type { EdgeKind, TopologyCluster, TopologyEdge, TopologyNode } from "./model";

/** Collects clusters, nodes and edges in the order they are drawn. */
export class GraphBuilder {
  readonly clusters: TopologyCluster[] = [];
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];
  private readonly ids = new StableIds();

  cluster(names: readonly string[], fields: Omit<TopologyCluster, "id">): string {
    const id = this.ids.claim(names);
    this.clusters.push({ id, ...fields });
    return id;
  }

  node(names: readonly string[], fields: Omit<TopologyNode, "id">): string {
    const id = this.ids.claim(names);
    this.nodes.push({ id, ...fields });
    return id;
  }

  edge(from: string, to: string, kind: EdgeKind, label?: string): void {
    this.edges.push({ from, to, kind, ...(label !== undefined ? { label } : {}) });
  }
}
