import { Annotations, Aspects, type IAspect, TerraformResource, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { TamnaError } from "../errors";
import { TAMNA_MARKER_KEY, type ResourceSuppression } from "../policy/markers";
import { policyFindings, type PolicyOptions } from "../policy/pack";
import type { RegionModel } from "../policy/rule";
import { stackInfo, type SynthesizedStack, type TerraformJson } from "../policy/stack-view";
import type { Finding } from "../finding";

/**
 * The adapter between cdktf and the policy pack (lib/policy, which knows nothing of cdktf), as
 * cdk-nag is for the AWS CDK: an Aspect that checks each stack when it is synthesized and
 * reports findings as annotations, so that an unsuppressed error stops `app.synth()`.
 */

export interface PolicyAspectProps extends Omit<PolicyOptions, "check"> {
  /** The region plan the stacks were built from, and the zones, flows and management it declares. */
  readonly region: RegionModel;
}

/**
 * Runs the policy pack on every stack it is added to. Add it with `addPolicyAspect(app, ...)`:
 * cdktf invokes aspects per stack (those added to the App are not inherited by stacks).
 *
 * How it sees a stack: cdktf invokes a stack's aspects at synth time, after every stack is
 * prepared and right before the stack is written, visiting the stack node first. At that visit
 * the aspect takes `stack.toTerraform()`, which is exactly the JSON written to cdk.tf.json
 * (tokens resolved, each resource's `//` block with its construct path and tamna's markers),
 * and runs the same `policyFindings` that `tamna validate` runs on the files. Other stacks of
 * the app are read the same way, as context for rules that compare layers. The one blind spot:
 * changes that other aspects make to resources below the stack after this visit are not seen;
 * `tamna validate`, which reads the written files, has none.
 */
export class PolicyAspect implements IAspect {
  private readonly reported = new Map<string, Finding>();
  private readonly siblings = new WeakMap<TerraformStack, TerraformJson>();

  constructor(private readonly props: PolicyAspectProps) {}

  /** Every finding so far, suppressed ones included, in the order the stacks were checked. */
  get findings(): Finding[] {
    return [...this.reported.values()];
  }

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const { suppressions, rules } = this.props;
    const findings = policyFindings(this.stacksOfApp(node), this.props.region, {
      ...(suppressions ? { suppressions } : {}),
      ...(rules ? { rules } : {}),
      check: [node.node.id],
    });
    for (const finding of findings) {
      // Suppressions given as data are checked with every stack; report each problem once.
      const key = JSON.stringify(finding);
      if (this.reported.has(key)) continue;
      this.reported.set(key, finding);
      if (!finding.suppressed) annotate(node, finding);
    }
  }

  private stacksOfApp(stack: TerraformStack): SynthesizedStack[] {
    const plan = this.props.region.plan;
    const infoOf = (candidate: TerraformStack) => {
      const planned = plan.stacks.find((s) => s.name === candidate.node.id);
      return planned ? stackInfo(planned) : undefined;
    };
    if (!infoOf(stack)) {
      throw new TamnaError({
        location: { construct: stack.node.path },
        message: `stack "${stack.node.id}" is not in the region plan the policy pack was given`,
        hint: "build the app from the same region plan that is passed to the PolicyAspect",
      });
    }
    return stack.node.root.node
      .findAll()
      .filter(TerraformStack.isStack)
      .flatMap((candidate) => {
        const info = infoOf(candidate);
        if (!info) return [];
        return [{ info, json: candidate === stack ? stack.toTerraform() : this.json(candidate) }];
      });
  }

  /** Another stack's JSON, read once: context for cross-stack rules. */
  private json(stack: TerraformStack): TerraformJson {
    let json = this.siblings.get(stack);
    if (!json) {
      json = stack.toTerraform() as TerraformJson;
      this.siblings.set(stack, json);
    }
    return json;
  }
}

/** Adds one PolicyAspect to every stack under `scope` (usually the App) and returns it. */
export function addPolicyAspect(scope: IConstruct, props: PolicyAspectProps): PolicyAspect {
  const aspect = new PolicyAspect(props);
  for (const stack of scope.node.findAll().filter(TerraformStack.isStack)) {
    Aspects.of(stack).add(aspect);
  }
  return aspect;
}

/** The annotation goes on the offending construct when it is in this stack, else on the stack. */
function annotate(stack: TerraformStack, finding: Finding): void {
  const path = finding.location?.construct;
  const target =
    (path && stack.node.findAll().find((construct) => construct.node.path === path)) || stack;
  const where =
    target === stack && finding.address ? ` (${finding.stack}: ${finding.address})` : "";
  const text = `[${finding.ruleId}] ${finding.message}${where}. Fix: ${finding.hint ?? "see RULES.md"}`;
  if (finding.level === "error") Annotations.of(target).addError(text);
  else Annotations.of(target).addWarning(text);
}

const suppressionsWritten = new WeakMap<TerraformResource, ResourceSuppression[]>();

/**
 * Suppresses a policy rule for every Terraform resource under `construct` (or the resource
 * itself), as cdk-nag's suppressions do. The suppression is written into each resource's `//`
 * block, so it travels with the synthesized JSON to `tamna validate` and into review. The
 * reason must have at least 10 characters, and the rule must exist; otherwise the pack reports
 * the suppression itself as an error (TAMNA-POL-000, TAMNA-POL-001). Call it after the
 * resources exist; data sources cannot carry suppressions (cdktf rewrites their `//` block).
 */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  const resources = construct.node.findAll().filter(TerraformResource.isTerraformResource);
  if (resources.length === 0) {
    throw new TamnaError({
      location: { construct: construct.node.path },
      message: `suppressRule(${ruleId}) found no Terraform resource under the construct`,
      hint: "call it on a resource, or on a construct that holds resources, after they are created",
    });
  }
  for (const resource of resources) {
    const list = [...(suppressionsWritten.get(resource) ?? []), { rule: ruleId, reason }];
    suppressionsWritten.set(resource, list);
    resource.addOverride(`//.${TAMNA_MARKER_KEY}.suppressions`, list);
  }
}
