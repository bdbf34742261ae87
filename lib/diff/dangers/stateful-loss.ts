/**
 * Data loss: a stateful resource destroyed or replaced. Replacing deletes the old object, so a
 * replaced volume loses its data just like a destroyed one.
 */
import type { Danger } from "../model";
import { isRecord } from "../terraform-json";
import { baseBlockOf, changesWith, type DangerRule } from "./context";

/** Types whose objects hold data or identity that a re-creation does not bring back. */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  openstack_blockstorage_volume_v3: "Cinder volume",
  openstack_objectstorage_container_v1: "Swift container",
  openstack_identity_project_v3: "Keystone project",
  openstack_dns_zone_v2: "DNS zone",
};

export const statefulLoss: DangerRule = ({ comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    for (const change of changesWith(comparison, ["destroy", "replace"])) {
      const lifecycle = baseBlockOf(comparison, change)?.body.lifecycle;
      const protectedByLifecycle = isRecord(lifecycle) && lifecycle.prevent_destroy === true;
      const noun = STATEFUL_TYPES[change.type];
      if (!noun && !protectedByLifecycle) continue;
      const what = noun ? `a ${noun}` : "a resource marked prevent_destroy";
      const refusal = protectedByLifecycle
        ? "; it is marked prevent_destroy, so Terraform refuses the plan until that is lifted"
        : "";
      const message =
        change.action === "destroy"
          ? `destroys ${what}: its data is lost${refusal}`
          : `replaces ${what} (${(change.replacedBecause ?? []).join(", ")} forces replacement): the old one and its data are deleted${refusal}`;
      dangers.push({
        kind: "data-loss",
        stack: comparison.diff.stack,
        address: change.address,
        message,
      });
    }
  }
  return dangers;
};
