import { z } from "zod";
import { AgencySpec } from "./agency";
import { RegionSpec } from "./region";

/**
 * The JSON Schemas editors use (through the `# yaml-language-server: $schema=` modeline) are
 * generated from the same zod definitions that validate at run time, so the two cannot drift.
 * `npm run schemas` writes them to schemas/; a test fails when the committed copies are stale.
 */
export const SPEC_SCHEMAS = {
  "region.schema.json": RegionSpec,
  "agency.schema.json": AgencySpec,
} as const;

export function jsonSchemaText(schema: z.ZodType, id: string): string {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "throw",
  });
  return `${JSON.stringify({ $id: id, ...json }, null, 2)}\n`;
}
