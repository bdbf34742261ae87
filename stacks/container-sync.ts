import { TerraformVariable } from "cdktf";
import { configureOpenstackProvider } from "../lib/constructs/provider";
import type { SyncTarget } from "../lib/constructs/system-containers";
import { DataOpenstackIdentityAuthScopeV3 } from "../lib/openstack";
import type { SyncTargetPlan } from "../lib/plan/region-plan";
import type { TamnaStack } from "./tamna-stack";

/** What a stack's synced containers need: the shared key and each DR site's Swift account. */
export interface ContainerSync {
  readonly key: string;
  readonly targets: Record<string, SyncTarget>;
}

/**
 * The container-sync key as a sensitive variable (never in the output: TF_VAR_container_sync_key)
 * and, per DR site, the tenant's project ID there, read through a provider scoped to it.
 */
export function containerSync(
  stack: TamnaStack,
  plan: { readonly agency: string; readonly syncTargets: readonly SyncTargetPlan[] },
  keyDescription: string,
): ContainerSync {
  const key = new TerraformVariable(stack, "container_sync_key", {
    type: "string",
    sensitive: true,
    description: keyDescription,
  });
  const targets: Record<string, SyncTarget> = {};
  for (const target of plan.syncTargets) {
    const provider = configureOpenstackProvider(stack, target.provider, target.site);
    const scope = new DataOpenstackIdentityAuthScopeV3(stack, `Scope-${target.site}`, {
      name: `${plan.agency}-${target.site}`,
      provider,
    });
    targets[target.site] = {
      realm: target.realm,
      cluster: target.cluster,
      projectId: scope.projectId,
    };
  }
  return { key: key.stringValue, targets };
}
