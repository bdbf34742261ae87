import type { PolicyRule } from "../rule";
import { adminPortsFromManagement } from "./admin-ports-from-management";
import { dataZoneIngressFromFlows } from "./data-zone-ingress-from-flows";
import { gpuWorkloadsInGpuZones } from "./gpu-workloads-in-gpu-zones";
import { noIngressFromAnywhere } from "./no-ingress-from-anywhere";
import { noSecretLiterals } from "./no-secret-literals";
import { noSecretsInUserData } from "./no-secrets-in-user-data";
import { quotasHoldWorkloads } from "./quotas-hold-workloads";
import { resourceNames } from "./resource-names";
import { statefulResourcesProtected } from "./stateful-resources-protected";
import { systemsHaveDrDecision } from "./systems-have-dr-decision";
import { tamnaTags } from "./tamna-tags";
import { zonesRouteOutByReach } from "./zones-route-out-by-reach";

/** The tamna policy pack, in rule ID order. */
export const TAMNA_RULES: readonly PolicyRule[] = [
  quotasHoldWorkloads,
  statefulResourcesProtected,
  systemsHaveDrDecision,
  gpuWorkloadsInGpuZones,
  noIngressFromAnywhere,
  adminPortsFromManagement,
  dataZoneIngressFromFlows,
  zonesRouteOutByReach,
  noSecretLiterals,
  noSecretsInUserData,
  tamnaTags,
  resourceNames,
];
