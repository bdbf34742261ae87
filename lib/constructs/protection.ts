import type { TerraformResource } from "cdktf";

/**
 * Stateful resources (projects, domains, volumes, containers, DNS zones) get
 * `lifecycle.prevent_destroy` so that a plan that would destroy them fails instead. Opting out
 * is a prop on the construct that owns the resource, so it shows up in review.
 */
export function protectFromDestroy<T extends TerraformResource>(resource: T, protect: boolean): T {
  if (protect) resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  return resource;
}
