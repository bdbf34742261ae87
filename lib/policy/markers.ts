import { isRecord } from "./json";

/**
 * What tamna writes into a resource's `//` block of cdk.tf.json, next to cdktf's own
 * `metadata`: suppressions of policy rules and the opt-out of destroy protection. Terraform
 * ignores `//` keys, so the markers cost nothing at apply time, yet they survive synthesis:
 * `tamna validate` sees them in the output, and reviewers see them in the diff.
 *
 * ```json
 * "//": {
 *   "metadata": { "path": "...", "uniqueId": "..." },
 *   "tamna": {
 *     "suppressions": [{ "rule": "TAMNA-NET-001", "reason": "public NTP service, see ADR 7" }],
 *     "protection": "opt-out",
 *     "protectionReason": "scratch volume, rebuilt from the image"
 *   }
 * }
 * ```
 */

/** Key of tamna's markers inside a resource's `//` block. */
export const TAMNA_MARKER_KEY = "tamna";

/** Value of `protection` that opts a stateful resource out of `prevent_destroy`. */
export const PROTECTION_OPT_OUT = "opt-out";

/** Shortest reason accepted for a suppression or a protection opt-out, as in cdk-nag. */
export const MIN_REASON_LENGTH = 10;

export interface ResourceSuppression {
  readonly rule: string;
  readonly reason: string;
}

/** The markers as written in JSON. */
export interface TamnaMarkerJson {
  readonly suppressions?: readonly ResourceSuppression[];
  readonly protection?: typeof PROTECTION_OPT_OUT;
  readonly protectionReason?: string;
}

/** The markers as read back, tolerant of hand-edited JSON. */
export interface TamnaMarkers {
  readonly suppressions: readonly ResourceSuppression[];
  /** Present when the resource opts out of destroy protection. */
  readonly protectionOptOut?: { readonly reason: string };
}

/** Reads the markers of a resource from its `//` block; anything malformed reads as empty. */
export function readMarkers(comment: unknown): TamnaMarkers {
  const marker = isRecord(comment) ? comment[TAMNA_MARKER_KEY] : undefined;
  if (!isRecord(marker)) return { suppressions: [] };
  const suppressions = Array.isArray(marker.suppressions)
    ? marker.suppressions.map((entry: unknown) => ({
        rule: isRecord(entry) && typeof entry.rule === "string" ? entry.rule : "",
        reason: isRecord(entry) && typeof entry.reason === "string" ? entry.reason : "",
      }))
    : [];
  return marker.protection === PROTECTION_OPT_OUT
    ? {
        suppressions,
        protectionOptOut: {
          reason: typeof marker.protectionReason === "string" ? marker.protectionReason : "",
        },
      }
    : { suppressions };
}

/** True when a reason is long enough to tell a reviewer why. */
export function isReasonGiven(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}
