import { z } from "zod";

/** Durations for RTO and RPO: a whole number and a unit. */

const DURATION_PATTERN = /^([1-9][0-9]*)(m|h|d)$/;
const MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;

/** A duration such as 15m, 4h or 2d, for RTO and RPO. */
export const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: "must be a whole number and a unit m, h or d, e.g. 4h" })
  .meta({ description: "A duration: a whole number and a unit m (minutes), h or d, e.g. 4h." });

/** Minutes in a duration that has passed validation. */
export function durationMinutes(duration: string): number {
  const [, amount, unit] = DURATION_PATTERN.exec(duration)!;
  return Number(amount) * MINUTES[unit as keyof typeof MINUTES];
}
