import { resourcesOf, type SynthesizedStack } from "../../helpers/cdktf";

/** Shared lookups for the construct tests: resources by OpenStack name, and references to them. */

/** The resource of `type` whose `name` attribute is `name`, with its logical ID. */
export function named(
  out: SynthesizedStack,
  type: string,
  name: string,
): { id: string; resource: Record<string, unknown> } {
  const resources = resourcesOf(out, type);
  const matches = Object.keys(resources).filter((key) => resources[key]!.name === name);
  if (matches.length !== 1)
    throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
  return { id: matches[0]!, resource: resources[matches[0]!]! };
}

/** The Terraform reference `${type.<id of the resource named name>.attribute}`. */
export function refTo(out: SynthesizedStack, type: string, name: string, attribute = "id"): string {
  return `\${${type}.${named(out, type, name).id}.${attribute}}`;
}

/** The resources of `type` whose logical ID contains `part`, by logical ID. */
export function withIdPart(
  out: SynthesizedStack,
  type: string,
  part: string,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resourcesOf(out, type)).filter(([id]) => id.includes(part)),
  );
}
