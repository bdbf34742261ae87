import type { CostDelta } from "../cost/delta";

/**
 * What `tamna diff` finds between two synthesized outputs: per stack, what happens to each
 * resource, data source, output and setting, and the dangers a reviewer must not miss. Plain
 * data, shared by the comparison, the danger rules and every output format.
 */

/** What Terraform would do to a resource, predicted from configuration alone. */
export type ResourceAction = "create" | "update" | "replace" | "destroy" | "move";

/** Order in which actions are counted and shown. */
export const RESOURCE_ACTIONS: readonly ResourceAction[] = [
  "create",
  "update",
  "replace",
  "destroy",
  "move",
];

/** The value shown instead of a secret. */
export const SENSITIVE = "(sensitive)";

/** The value shown for an attribute Terraform only learns while applying. */
export const KNOWN_AFTER_APPLY = "(known after apply)";

/** One changed attribute. `before` is absent for a new attribute, `after` for a removed one. */
export interface AttributeChange {
  /** Path inside the body, e.g. `allocation_pool[0].end` or `metadata.role`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** A value was masked as `(sensitive)`. */
  readonly sensitive?: true;
  /** The provider replaces the resource when this attribute changes. */
  readonly forcesReplacement?: true;
  /** Why the value changes although its configuration did not, e.g. a referenced resource is replaced. */
  readonly reason?: string;
}

export interface ResourceChange {
  /** Terraform address: `type.name`, or `data.type.name` for data sources. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ResourceAction;
  /** Attribute changes, for `update` and `replace`. */
  readonly changes: readonly AttributeChange[];
  /** The attribute paths that force the replacement, for `replace`. */
  readonly replacedBecause?: readonly string[];
  /** The old address, when the resource moved (action `move`, or a declared move with changes). */
  readonly movedFrom?: string;
  /** The head output already declares the move in a `moved` block, so state follows it. */
  readonly moveDeclared?: true;
  /** The cdktf construct path of a moved resource in the head, where a fix would go. */
  readonly constructPath?: string;
}

export type OutputAction = "create" | "update" | "destroy";

export interface OutputChange {
  readonly name: string;
  readonly action: OutputAction;
  readonly changes: readonly AttributeChange[];
}

export type StackStatus = "added" | "removed" | "changed";

export interface StackDiff {
  readonly stack: string;
  readonly status: StackStatus;
  /** Sorted by address. */
  readonly resources: readonly ResourceChange[];
  /** Sorted by address. Data sources are read, never changed: they only matter in review. */
  readonly dataSources: readonly ResourceChange[];
  readonly outputs: readonly OutputChange[];
  /** Changes to the `terraform`, `provider`, `variable` and `locals` blocks. */
  readonly settings: readonly AttributeChange[];
}

/** Kinds of danger, in the order they are listed. */
export const DANGER_KINDS = [
  "data-loss",
  "servers-replaced",
  "exposure",
  "internet-route",
  "dr-downgrade",
  "quota-below-usage",
  "cost-increase",
] as const;

export type DangerKind = (typeof DANGER_KINDS)[number];

export interface Danger {
  readonly kind: DangerKind;
  /** The stack; for cost-increase, the agency (its cost spans its stacks). */
  readonly stack: string;
  /** Terraform address, or `output.tamna_systems` for DR. */
  readonly address: string;
  /** Why it is dangerous, in one sentence. */
  readonly message: string;
}

/** A network-ish resource in the picture of what changed. */
export interface TopologyNode {
  /** Unique across stacks: `<stack>/<address>`. */
  readonly id: string;
  readonly stack: string;
  readonly address: string;
  readonly kind: "network" | "subnet" | "router" | "security group" | "instance" | "load balancer";
  /** The resource's `name`, or its address. */
  readonly label: string;
  /**
   * Its own action; `touched` when only something attached to it changed (a rule of a group, an
   * interface of a router); `context` when unchanged and drawn as a neighbour of a change.
   */
  readonly state: ResourceAction | "touched" | "context";
}

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  /** The edge comes from a changed reference or connecting resource (interface, rule, port). */
  readonly changed: boolean;
}

export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

/**
 * A stack that one output holds and the other does not because that output's synth did not
 * select it (`tamna synth --agency` or `--stack`): it is still in the region, so it is neither
 * added nor destroyed, only not compared.
 */
export interface UncomparedStack {
  readonly stack: string;
  /** The output whose synth left the stack out. */
  readonly notSelectedIn: "base" | "head";
}

export interface DiffReport {
  /** What was compared: directories, or a git revision. */
  readonly base: string;
  readonly head: string;
  /** Stacks with at least one change, in apply order (platform, tenancy, agency), then by name. */
  readonly stacks: readonly StackDiff[];
  /** Stacks left out of the comparison because one side did not select them, in apply order. */
  readonly notCompared: readonly UncomparedStack[];
  /** Sorted by kind, stack and address. */
  readonly dangers: readonly Danger[];
  /** The changed part of the network topology, for pictures. */
  readonly topology: TopologyGraph;
  /** What the change does to each agency's monthly usage fee, when both regions are priced. */
  readonly cost?: DiffCost;
}

/** The cost comparison, or why there is none (e.g. the base has no price book). */
export type DiffCost = CostDelta | { readonly unavailable: string };

export type ActionCounts = Record<ResourceAction, number>;

export function countActions(changes: readonly ResourceChange[]): ActionCounts {
  const counts: ActionCounts = { create: 0, update: 0, replace: 0, destroy: 0, move: 0 };
  for (const change of changes) counts[change.action]++;
  return counts;
}

/** True when applying the head would change anything at all. */
export function hasChanges(report: DiffReport): boolean {
  return report.stacks.length > 0;
}
