import { regionTags } from "../../plan/tags";
import { TAGGED_TYPES } from "../openstack-attributes";
import { stackPlanOf } from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";

/** (e) Tagged resources carry the tags operators and tooling find tamna's objects by. */
export const tamnaTags: PolicyRule = {
  id: "TAMNA-TAG-001",
  level: "error",
  title: "Resources that take tags carry tamna's tags",
  explanation:
    "Operators, billing and tooling find what tamna manages by its Keystone and Neutron tags: " +
    "`managed-by=tamna` and `region=<region>` on everything, and `agency=<slug>` and " +
    "`csap=<tier>` on an agency's objects. A resource type that takes `tags` but comes " +
    "without them is invisible to audits and to the cleanup of a removed agency.",
  check(context) {
    const required = requiredTags(context);
    return context.resources
      .filter((resource) => TAGGED_TYPES.includes(resource.type))
      .flatMap((resource): Violation[] => {
        const tags = resource.attributes.tags;
        const present = Array.isArray(tags) ? tags.filter((t) => typeof t === "string") : [];
        const missing = required.filter((tag) => !present.includes(tag));
        if (missing.length === 0) return [];
        return [
          {
            resource,
            attribute: "tags",
            message: `${resource.type} lacks the tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
            hint: "pass the plan's tags to the construct (its `tags` prop), as the tamna constructs do",
          },
        ];
      });
  },
};

/** The tags the plan gives the stack's resources; a stack outside the plan gets the minimum. */
function requiredTags(context: PolicyContext): string[] {
  const plan = stackPlanOf(context);
  if (plan?.layer === "agency") return [...plan.tags];
  if (plan?.layer === "tenancy") return [...plan.project.tags];
  if (plan?.layer === "paasta") return [...plan.foundation.tags];
  const tags = regionTags(context.region.plan.region);
  return context.stack.agency ? [...tags, `agency=${context.stack.agency}`] : tags;
}
