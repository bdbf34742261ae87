import type {
  AgencyStackPlan,
  PaastaStackPlan,
  PlatformStackPlan,
  StackPlan,
} from "../plan/region-plan";
import type { PolicyContext } from "./rule";
import type { PolicyResource, StackView } from "./stack-view";
import { literalString } from "./json";

/**
 * Following references inside the synthesized JSON: cdktf writes a reference to another
 * resource's attribute as the interpolation `${type.name.attribute}` (or `${data.type.name...}`),
 * and a variable as `${var.name}`.
 */

const WHOLE_INTERPOLATION = /^\$\{([^{}]+)\}$/;
const RESOURCE_EXPRESSION =
  /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?(?:\.(.+))?$/;

export interface Reference {
  /** Address of the referenced resource: `type.name` or `data.type.name`. */
  readonly address: string;
  /** The attribute read, e.g. `id`. */
  readonly attribute?: string;
}

/** The resource a value refers to when the whole value is one `${type.name.attribute}`. */
export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const expression = WHOLE_INTERPOLATION.exec(value.trim())?.[1]?.trim();
  if (!expression) return undefined;
  const match = RESOURCE_EXPRESSION.exec(expression);
  if (!match || ["var", "local", "module", "each", "count", "path", "self"].includes(match[2]!))
    return undefined;
  const [, data, type, name, attribute] = match;
  return { address: `${data ? "data." : ""}${type}.${name}`, attribute };
}

/** A resource or data source of the stack by address. */
export function elementAt(view: StackView, address: string): PolicyResource | undefined {
  const list = address.startsWith("data.") ? view.dataSources : view.resources;
  return list.find((element) => element.address === address);
}

/** The resource of the same stack that `value` refers to, if it is a reference. */
export function referencedElement(view: StackView, value: unknown): PolicyResource | undefined {
  const reference = parseReference(value);
  return reference ? elementAt(view, reference.address) : undefined;
}

/** A literal string, or the literal `name` of the resource it refers to (`${x.y.name}`). */
export function resolvedName(view: StackView, value: unknown): string | undefined {
  const literal = literalString(value);
  if (literal !== undefined) return literal;
  const reference = parseReference(value);
  if (reference?.attribute !== "name") return undefined;
  const name = elementAt(view, reference.address)?.attributes.name;
  return literalString(name);
}

export function resourcesOfType(view: StackView, type: string): PolicyResource[] {
  return view.resources.filter((resource) => resource.type === type);
}

/** The plan of the checked stack, when the region plan has it. */
export function stackPlanOf(context: PolicyContext): StackPlan | undefined {
  return context.region.plan.stacks.find((stack) => stack.name === context.stack.name);
}

export function agencyPlanOf(context: PolicyContext): AgencyStackPlan | undefined {
  const plan = stackPlanOf(context);
  return plan?.layer === "agency" ? plan : undefined;
}

export function paastaPlanOf(context: PolicyContext): PaastaStackPlan | undefined {
  const plan = stackPlanOf(context);
  return plan?.layer === "paasta" ? plan : undefined;
}

/** The platform stack plan of a site. */
export function platformPlanOf(
  context: PolicyContext,
  site: string,
): PlatformStackPlan | undefined {
  return context.region.plan.stacks.find(
    (stack): stack is PlatformStackPlan => stack.layer === "platform" && stack.site === site,
  );
}

/** Another stack checked in the same run, by name. */
export function siblingView(context: PolicyContext, name: string): StackView | undefined {
  return context.app.find((view) => view.stack.name === name);
}
