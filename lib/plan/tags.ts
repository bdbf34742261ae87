import type { AgencySpec } from "../spec/agency";

/**
 * OpenStack tags that let operators and tooling find what this library manages. Keystone and
 * Neutron tags are plain strings without "/" or ",", so key=value pairs are used.
 */
export const MANAGED_BY_TAG = "managed-by=tamna";

export function regionTags(region: string): string[] {
  return [MANAGED_BY_TAG, `region=${region}`];
}

export function agencyTags(region: string, agency: AgencySpec): string[] {
  return [...regionTags(region), `agency=${agency.slug}`, `csap=${agency.csapTier}`].sort();
}
