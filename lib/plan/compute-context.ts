import type { AgencySpec } from "../spec/agency";
import type { RegionInput, Sourced } from "../spec/load";
import type { PlacementLock } from "../spec/placement-lock";
import type { DrDecision } from "./dr";
import type { TenantNetworkPlan } from "./tenant-network";

/** What planning an agency's compute at one site starts from (see compute.ts). */
export interface ComputeContext {
  readonly input: RegionInput;
  readonly agency: Sourced<AgencySpec>;
  readonly site: string;
  readonly network: TenantNetworkPlan;
  /** Name of the site's internet external network, for floating IPs. */
  readonly internetNetwork?: string;
  /** Each system's DR decision, by system name (see dr.ts). */
  readonly decisions: ReadonlyMap<string, DrDecision>;
  /**
   * The agency's zone subnets by site. A standby's declared fixed IPs are checked against the
   * home site's subnet and mirrored by host number into this site's.
   */
  readonly zoneCidrsBySite: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * The agency's placement lock: instances and server groups it holds keep their zone and policy.
   * @default - every instance placed afresh
   */
  readonly placements?: PlacementLock;
}
