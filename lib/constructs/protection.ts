import type { TerraformResource } from "cdktf";
import { PROTECTION_OPT_OUT, TAMNA_MARKER_KEY } from "../policy/markers";

/** The opt-out reason recorded when the construct's `protect: false` is all that was given. */
export const DEFAULT_OPT_OUT_REASON = "protect: false was set on the construct";

/**
 * Stateful resources (projects, domains, volumes, containers, DNS zones) get
 * `lifecycle.prevent_destroy` so that a plan that would destroy them fails instead. Opting out
 * is a prop on the construct that owns the resource, so it shows up in review; it also writes
 * an opt-out marker with the reason into the resource's `//` block, where the policy rule
 * TAMNA-DATA-001 (and a reviewer reading the synthesized JSON) finds it.
 *
 * @param reason why the resource may be destroyed, at least 10 characters; only used when
 *   `protect` is false. @default DEFAULT_OPT_OUT_REASON
 */
export function protectFromDestroy<T extends TerraformResource>(
  resource: T,
  protect: boolean,
  reason?: string,
): T {
  if (protect) {
    resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  } else {
    resource.addOverride(`//.${TAMNA_MARKER_KEY}.protection`, PROTECTION_OPT_OUT);
    resource.addOverride(
      `//.${TAMNA_MARKER_KEY}.protectionReason`,
      reason ?? DEFAULT_OPT_OUT_REASON,
    );
  }
  return resource;
}
