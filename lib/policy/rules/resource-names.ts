import { NAMED_TYPES } from "../openstack-attributes";
import type { PolicyRule } from "../rule";

/** (e) Named resources have a name: later layers and operators find objects by it. */
export const resourceNames: PolicyRule = {
  id: "TAMNA-TAG-002",
  level: "error",
  title: "Resources that take a name have one",
  explanation:
    "Later layers find earlier layers' objects by name through data sources, and operators " +
    "read names in Horizon, logs and tickets. A resource type that takes a `name` must get a " +
    "non-empty one, built from the region prefix and stable slugs (see lib/names.ts), " +
    "never left for OpenStack to fill with an ID.",
  check(context) {
    return context.resources
      .filter((resource) => NAMED_TYPES.includes(resource.type))
      .filter((resource) => {
        const name = resource.attributes.name;
        return typeof name !== "string" || name.trim() === "";
      })
      .map((resource) => ({
        resource,
        attribute: "name",
        message: `${resource.type} has no name`,
        hint: "give the resource a name from the agency or region prefix and a stable slug, e.g. <agency>-<zone>-<what>",
      }));
  },
};
