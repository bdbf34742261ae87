import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { useFastResolve } from "../lib/constructs/cdktf-fast-resolve";
import { keepStringsLiteral } from "../lib/constructs/literal-strings";
import { configureOpenstackProvider } from "../lib/constructs/provider";
import { configureStateBackend } from "../lib/constructs/state-backend";
import type { StackPlan } from "../lib/plan/region-plan";

/** Oldest Terraform the output is written for; OpenTofu reads the same JSON. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.5.0";

/**
 * What every stack of every layer shares: its name from the plan, an OpenStack provider
 * configured by cloud name and region, and a state backend with a key of its own. Every string
 * from the spec files is literal text in its output (see lib/constructs/literal-strings.ts).
 */
export abstract class TamnaStack extends TerraformStack {
  readonly plan: StackPlan;

  constructor(scope: Construct, plan: StackPlan) {
    super(scope, plan.name);
    this.plan = plan;
    useFastResolve();
    keepStringsLiteral(this);
    configureOpenstackProvider(this, plan.provider);
    const stackDir = path.join(App.of(this).outdir, "stacks", plan.name);
    configureStateBackend(this, plan.backend, stackDir);
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  }
}
