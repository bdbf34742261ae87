/**
 * How to keep a resource whose address moved, instead of letting Terraform destroy the old one
 * and create a new one: a `moved` block, or the cdktf call that writes it.
 */
import type { ResourceChange } from "./model";

export interface MoveFix {
  /** A Terraform `moved` block (HCL). */
  readonly terraform: string;
  /** The cdktf way, on the construct that now owns the resource. */
  readonly cdktf: string;
}

/** The fix for a moved resource, or undefined when there is nothing to fix. */
export function moveFix(change: ResourceChange): MoveFix | undefined {
  if (!change.movedFrom || change.moveDeclared || change.address.startsWith("data.")) {
    return undefined;
  }
  const from = change.movedFrom;
  const oldName = from.slice(from.lastIndexOf(".") + 1);
  const where = change.constructPath ? ` on the construct ${change.constructPath}` : "";
  return {
    terraform: `moved {\n  from = ${from}\n  to   = ${change.address}\n}`,
    cdktf:
      `resource.moveFromId("${from}")${where} (writes the moved block), ` +
      `or keep the old address with resource.overrideLogicalId("${oldName}")`,
  };
}
