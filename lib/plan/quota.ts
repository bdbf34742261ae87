import type { Quota, QuotaOverride } from "../spec/common";

/** The quota of an agency's project: the region's defaults with the agency's overrides. */
export function agencyQuota(defaults: Quota, override: QuotaOverride | undefined): Quota {
  return { ...defaults, ...stripUndefined(override ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
