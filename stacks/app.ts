import { App, TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import type { RegionPlan, StackPlan } from "../lib/plan/region-plan";
import { AgencyStack } from "./agency-stack";
import { PlatformStack } from "./platform-stack";
import { TenancyStack } from "./tenancy-stack";

export interface BuildAppOptions {
  /** Directory the app synthesizes into. */
  readonly outdir: string;
  /** Only these stacks. @default - every stack of the plan */
  readonly stacks?: readonly StackPlan[];
  /** Called after each stack is built, for progress reporting. */
  readonly onStack?: (plan: StackPlan, index: number, total: number) => void;
}

/** Maps a region plan to a cdktf App with one stack per layer, agency and site. */
export function buildApp(plan: RegionPlan, options: BuildAppOptions): App {
  // Stack traces are recorded for every token otherwise: slow, and useless in the output.
  const app = new App({ outdir: options.outdir, stackTraces: false });
  const stacks = options.stacks ?? plan.stacks;
  stacks.forEach((stack, index) => {
    buildStack(app, stack);
    options.onStack?.(stack, index, stacks.length);
  });
  return app;
}

export function buildStack(app: App, plan: StackPlan): TerraformStack {
  switch (plan.layer) {
    case "platform":
      return new PlatformStack(app, plan);
    case "tenancy":
      return new TenancyStack(app, plan);
    case "agency":
      return new AgencyStack(app, plan);
  }
}

/** The stacks of an app, in the order they were built. */
export function appStacks(app: App): TerraformStack[] {
  return app.node.children.filter((child): child is TerraformStack =>
    TerraformStack.isStack(child),
  );
}

export interface StackCounts {
  readonly resources: number;
  readonly dataSources: number;
}

/** Counts the Terraform resources and data sources a built stack declares. */
export function countElements(stack: TerraformStack): StackCounts {
  let resources = 0;
  let dataSources = 0;
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource) resources++;
    else if (child instanceof TerraformDataSource) dataSources++;
  }
  return { resources, dataSources };
}
