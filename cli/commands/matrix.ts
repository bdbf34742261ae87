import type { BackendPlan, StackPlan } from "../../lib/plan/region-plan";
import { estimatedResources } from "../../lib/plan/stack-weight";
import { changedSince } from "../changed-stacks";
import { groupIntoJobs } from "../job-groups";
import { loadRegion } from "../region-context";
import { selectLayer } from "../select";

export interface MatrixOptions {
  readonly region?: string;
  /** Only the stacks of this layer. @default - every layer */
  readonly layer?: string;
  /** Only the stacks whose inputs changed since this git ref. @default - every stack */
  readonly changedSince?: string;
  /**
   * Jobs per layer and apply order at most: stacks are grouped into jobs past it.
   * @default DEFAULT_MAX_JOBS
   */
  readonly maxJobs?: number;
  /**
   * One entry per stack, ungrouped (the shape before --max-jobs), however many stacks.
   * @default false
   */
  readonly perStack?: boolean;
}

/** What a GitHub Actions matrix holds at most. */
export const DEFAULT_MAX_JOBS = 256;

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

/** One CI job: stacks of one layer and apply order, synthesized and planned together. */
export interface MatrixJob {
  /** `<order>-<layer>-<nnn>`: the same for the same selected stacks and --max-jobs. */
  readonly job: string;
  readonly layer: string;
  readonly order: number;
  /** Jobs of this matrix holding the stacks this job's stacks depend on; all of lower orders. */
  readonly dependsOn: readonly string[];
  /** The job's stack names, space-separated, for a shell: `for stack in $STACKS`. */
  readonly names: string;
  /** The estimated resources of its stacks (what jobs are balanced by; see lib/plan/stack-weight.ts). */
  readonly resources: number;
  readonly stacks: readonly { readonly stack: string; readonly stateKey: string }[];
}

/**
 * Prints the CI matrix, `{"include": [...]}` on one line (what GitHub Actions' fromJSON and a
 * GitLab child pipeline generator read): jobs sorted by order, layer and number, or with
 * --per-stack one entry per stack sorted by order and name.
 */
export function matrix(options: MatrixOptions, write: (text: string) => void): void {
  const { dir, input, plan } = loadRegion(options.region);
  let stacks: readonly StackPlan[] = plan.stacks;
  if (options.changedSince !== undefined) {
    stacks = changedSince(options.changedSince, dir, input, plan).stacks;
  }
  const layered = options.layer === undefined ? stacks : selectLayer(plan, stacks, options.layer);
  if (options.perStack) {
    write(`${JSON.stringify({ include: matrixEntries(plan.stacks, layered) })}\n`);
    return;
  }
  // Grouped before --layer filters, so that the job ids a layer's jobs depend on are those the
  // other layers' runs print.
  const jobs = matrixJobs(plan.stacks, stacks, options.maxJobs ?? DEFAULT_MAX_JOBS);
  const include =
    options.layer === undefined ? jobs : jobs.filter((job) => job.layer === options.layer);
  write(`${JSON.stringify({ include })}\n`);
}

/**
 * The `selected` stacks grouped into at most `maxJobs` jobs per layer and apply order, balanced
 * by estimated resources (see job-groups.ts for how, and why it keeps jobs stable).
 */
export function matrixJobs(
  all: readonly StackPlan[],
  selected: readonly StackPlan[],
  maxJobs: number,
): MatrixJob[] {
  const entries = matrixEntries(all, selected);
  const plans = new Map(selected.map((stack) => [stack.name, stack]));
  const steps = new Map<string, MatrixEntry[]>();
  for (const entry of entries) {
    const key = `${entry.order}-${entry.layer}`;
    steps.set(key, [...(steps.get(key) ?? []), entry]);
  }
  // Two layers can share an order (agencies' and foundations' stacks both come after the
  // tenancies): sorted by order, then layer, not by which stack name came first.
  const ordered = [...steps].sort(
    ([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const jobOf = new Map<string, string>();
  const grouped = ordered.flatMap(([key, stepEntries]) => {
    const weighted = stepEntries.map((entry) => ({
      name: entry.stack,
      weight: estimatedResources(plans.get(entry.stack)!),
      entry,
    }));
    return groupIntoJobs(weighted, maxJobs).map((group) => {
      const job = `${key}-${String(group.index).padStart(3, "0")}`;
      for (const item of group.items) jobOf.set(item.name, job);
      return { job, items: group.items };
    });
  });
  return grouped.map(({ job, items }) => {
    const first = items[0]!.entry;
    const dependsOn = new Set(
      items.flatMap(({ entry }) => entry.dependsOn.flatMap((name) => jobOf.get(name) ?? [])),
    );
    return {
      job,
      layer: first.layer,
      order: first.order,
      dependsOn: [...dependsOn].sort(),
      names: items.map((item) => item.name).join(" "),
      resources: items.reduce((sum, item) => sum + item.weight, 0),
      stacks: items.map(({ entry }) => ({ stack: entry.stack, stateKey: entry.stateKey })),
    };
  });
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
