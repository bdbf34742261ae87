import type { BackendPlan, StackPlan } from "../../lib/plan/region-plan";
import { changedSince } from "../changed-stacks";
import { loadRegion } from "../region-context";
import { selectLayer } from "../select";

export interface MatrixOptions {
  readonly region?: string;
  /** Only the stacks of this layer. @default - every layer */
  readonly layer?: string;
  /** Only the stacks whose inputs changed since this git ref. @default - every stack */
  readonly changedSince?: string;
}

/** One job of a CI fan-out: a stack, where it stands in the apply order, and its state. */
export interface MatrixEntry {
  readonly stack: string;
  readonly layer: string;
  /** 1 for stacks that depend on none; otherwise one more than the highest of its dependencies. */
  readonly order: number;
  readonly agency: string | null;
  readonly site: string;
  readonly dependsOn: readonly string[];
  /** How the stack's state is kept; Terraform reads it from the synthesized backend block. */
  readonly backend: BackendPlan["type"];
  /** Where: the S3 key, the PostgreSQL schema, or the local state file. */
  readonly stateKey: string;
}

/**
 * Prints the stacks as a CI matrix, `{"include": [...]}` on one line (what GitHub Actions'
 * fromJSON and a GitLab child pipeline generator read), sorted by order and then name.
 */
export function matrix(options: MatrixOptions, write: (text: string) => void): void {
  const { dir, input, plan } = loadRegion(options.region);
  let stacks: readonly StackPlan[] = plan.stacks;
  if (options.changedSince !== undefined) {
    stacks = changedSince(options.changedSince, dir, input, plan).stacks;
  }
  if (options.layer !== undefined) stacks = selectLayer(plan, stacks, options.layer);
  write(`${JSON.stringify({ include: matrixEntries(plan.stacks, stacks) })}\n`);
}

/** The entries of `selected`, with orders computed over every stack of the region. */
export function matrixEntries(
  all: readonly StackPlan[],
  selected: readonly StackPlan[],
): MatrixEntry[] {
  const orders = applyOrders(all);
  return selected
    .map((stack) => ({
      stack: stack.name,
      layer: stack.layer,
      order: orders.get(stack.name)!,
      agency: "agency" in stack ? stack.agency : null,
      site: stack.site,
      dependsOn: stack.dependsOn,
      backend: stack.backend.type,
      stateKey: stateKeyOf(stack.backend),
    }))
    .sort((a, b) => a.order - b.order || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0));
}

/** Each stack's depth in the dependency graph, whatever order the stacks are listed in. */
function applyOrders(stacks: readonly StackPlan[]): Map<string, number> {
  const byName = new Map(stacks.map((stack) => [stack.name, stack]));
  const orders = new Map<string, number>();
  const orderOf = (name: string): number => {
    const known = orders.get(name);
    if (known !== undefined) return known;
    const dependencies = byName.get(name)?.dependsOn ?? [];
    const order = 1 + Math.max(0, ...dependencies.map(orderOf));
    orders.set(name, order);
    return order;
  };
  for (const stack of stacks) orderOf(stack.name);
  return orders;
}

function stateKeyOf(backend: BackendPlan): string {
  switch (backend.type) {
    case "s3":
      return backend.key;
    case "pg":
      return backend.schemaName;
    case "local":
      return `${backend.directory}/${backend.file}`;
  }
}
