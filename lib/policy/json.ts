import { templateLiteral } from "../template";

/** Narrowing helpers for reading Terraform JSON, whose shape is only known at run time. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A literal string value (template escapes such as `$${` decoded), or undefined for anything
 * else (references and other interpolations included).
 */
export function literalString(value: unknown): string | undefined {
  return typeof value === "string" ? templateLiteral(value) : undefined;
}

/** A finite number, also when written as a numeric string (as Terraform would convert it). */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
  return undefined;
}
