import { isRecord } from "../json";
import { isReasonGiven, MIN_REASON_LENGTH } from "../markers";
import type { PolicyRule, Violation } from "../rule";

/** Resource types whose destruction loses data or orphans what depends on them. */
export const STATEFUL_TYPES: readonly string[] = [
  "openstack_blockstorage_volume_v3",
  "openstack_dns_zone_v2",
  "openstack_identity_project_v3",
  "openstack_objectstorage_container_v1",
];

/** (g) Stateful resources refuse to be destroyed unless an opt-out says why. */
export const statefulResourcesProtected: PolicyRule = {
  id: "TAMNA-DATA-001",
  level: "error",
  title: "Stateful resources have lifecycle.prevent_destroy, or a reasoned opt-out",
  explanation:
    "Volumes, object containers, projects (and domains) and DNS zones hold data or everything " +
    "built on them; a rename or a removed line would otherwise destroy them on the next apply. " +
    "They must carry `lifecycle.prevent_destroy: true`. Opting out is explicit and visible in " +
    "review: the construct's `protect: false` (or `protectFromDestroy(resource, false, reason)`) " +
    `writes \`"//": { "tamna": { "protection": "opt-out", "protectionReason": ... } }\` into ` +
    `the resource, and the reason must have at least ${MIN_REASON_LENGTH} characters.`,
  check(context) {
    return context.resources
      .filter((resource) => STATEFUL_TYPES.includes(resource.type))
      .flatMap((resource): Violation[] => {
        const lifecycle = resource.attributes.lifecycle;
        if (isRecord(lifecycle) && lifecycle.prevent_destroy === true) return [];
        const optOut = resource.markers.protectionOptOut;
        if (optOut && isReasonGiven(optOut.reason)) return [];
        return [
          {
            resource,
            attribute: "lifecycle.prevent_destroy",
            message: optOut
              ? `${resource.type} opts out of destroy protection without a reason of ${MIN_REASON_LENGTH} or more characters`
              : `${resource.type} can be destroyed by an apply: it has no lifecycle.prevent_destroy`,
            hint: optOut
              ? "say why in the opt-out's reason (protectFromDestroy(resource, false, reason))"
              : "keep the construct's protect prop at its default (true), or opt out with protectFromDestroy(resource, false, reason)",
          },
        ];
      });
  },
};
