import { Construct } from "constructs";
import { ComputeFlavorAccessV2 } from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link FlavorAccess}. */
export interface FlavorAccessProps {
  /** The Keystone project granted the flavors (an agency's project at one site). */
  readonly projectId: string;
  /**
   * Nova IDs of the private flavors to grant, e.g. the region's GPU flavors (their IDs are their
   * names, the same at every site); each is also its grant's construct ID.
   */
  readonly flavorIds: readonly string[];
}

/**
 * Grants one project the use of private Nova flavors (`openstack_compute_flavor_access_v2`):
 * GPU flavors are private, so only the agencies with a GPU quota can boot them. Each grant is
 * keyed by flavor ID, so adding or removing a flavor leaves the other grants alone.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class FlavorAccess extends Construct {
  /** The grants by flavor ID. */
  readonly grants: ReadonlyMap<string, ComputeFlavorAccessV2>;

  constructor(scope: Construct, id: string, props: FlavorAccessProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const grants = new Map<string, ComputeFlavorAccessV2>();
    for (const flavorId of [...new Set(props.flavorIds)].sort()) {
      grants.set(
        flavorId,
        new ComputeFlavorAccessV2(this, flavorId, { flavorId, tenantId: props.projectId }),
      );
    }
    this.grants = grants;
  }
}
