/**
 * One result of `tamna validate`, whatever layer found it. Every layer (spec, construct
 * validations, policy pack, provider schema, terraform validate) reports in this shape so that
 * the text, JSON and SARIF formats treat them alike.
 */
import type { Location } from "./errors";

export type FindingLevel = "error" | "warning";

export type ValidationLayer = "spec" | "construct" | "policy" | "schema" | "terraform";

export interface Finding {
  /** Stable ID: a policy rule ID (e.g. `TAMNA-NET-001`) or a schema check (`SCHEMA-...`). */
  readonly ruleId: string;
  readonly level: FindingLevel;
  readonly layer: ValidationLayer;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** Synthesized stack name, e.g. `jeju-province-jeju-cdc`. */
  readonly stack?: string;
  /** Terraform address inside the stack, e.g. `openstack_networking_secgroup_rule_v2.web_https`. */
  readonly address?: string;
  /** Attribute path inside the resource, e.g. `rule[0].port_range_min`. */
  readonly attribute?: string;
  /** Where the input that caused it lives (spec file and line, or construct path). */
  readonly location?: Location;
  /**
   * 1-based line of `address` (or of `attribute` inside it) in the stack's synthesized
   * `cdk.tf.json`, when known; lets code scanning point into the output.
   */
  readonly outputLine?: number;
  /** How to fix it. */
  readonly hint?: string;
  /** Present when a suppression with a reason silenced this finding; it no longer fails. */
  readonly suppressed?: { readonly reason: string };
}
