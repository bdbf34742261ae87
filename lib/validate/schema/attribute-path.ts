/**
 * Follows the steps of a reference (`fixed_ip[0].ip_address`) through a schema block and the
 * cty types of its attributes, as Terraform does when it validates references statically.
 */
import type { TraversalStep } from "./expressions";
import type { CtyType, SchemaBlock } from "./provider-schema";

export interface UnknownStep {
  /** The steps up to and including the one that does not exist, e.g. `fixed_ip[0].bogus`. */
  readonly path: string;
  readonly name: string;
  /** Names that would have been valid there. */
  readonly known: readonly string[];
  /** Set when the value there has no attributes at all (a string, a number). */
  readonly primitive?: string;
}

export function unknownStep(
  block: SchemaBlock,
  steps: readonly TraversalStep[],
): UnknownStep | undefined {
  return walkBlock(block, steps, "");
}

function walkBlock(
  block: SchemaBlock,
  steps: readonly TraversalStep[],
  path: string,
): UnknownStep | undefined {
  const [step, ...rest] = steps;
  if (!step) return undefined;
  if (step.kind !== "attr") return undefined; // an index into a block is not checked
  const here = `${path}${path ? "." : ""}${step.name}`;
  const attribute = block.attributes?.[step.name];
  if (attribute) return attribute.type ? walkType(attribute.type, rest, here) : undefined;
  const nested = block.block_types?.[step.name];
  if (nested) {
    const inner = nested.nesting_mode === "single" || nested.nesting_mode === "group";
    const [first, ...after] = rest;
    if (inner) return walkBlock(nested.block, rest, here);
    if (first && first.kind !== "attr")
      return walkBlock(nested.block, after, `${here}${render(first)}`);
    return undefined; // a whole list or set of blocks; attribute access on it is Terraform's call
  }
  return {
    path: here,
    name: step.name,
    known: [...Object.keys(block.attributes ?? {}), ...Object.keys(block.block_types ?? {})],
  };
}

function walkType(
  type: CtyType,
  steps: readonly TraversalStep[],
  path: string,
): UnknownStep | undefined {
  const [step, ...rest] = steps;
  if (!step || type === "dynamic") return undefined;
  if (typeof type === "string") {
    return step.kind === "attr"
      ? { path: `${path}.${step.name}`, name: step.name, known: [], primitive: type }
      : undefined;
  }
  const [kind, element] = type;
  if (kind === "object") {
    if (step.kind !== "attr") return undefined;
    const here = `${path}.${step.name}`;
    const attributeType = element[step.name];
    if (attributeType === undefined)
      return { path: here, name: step.name, known: Object.keys(element) };
    return walkType(attributeType, rest, here);
  }
  if (kind === "map") {
    return step.kind === "attr" || step.kind === "index"
      ? walkType(element, rest, `${path}${render(step)}`)
      : undefined;
  }
  if (kind === "tuple") return undefined;
  // list and set: the next step picks (or splats) elements
  return step.kind === "attr" ? undefined : walkType(element, rest, `${path}${render(step)}`);
}

function render(step: TraversalStep): string {
  switch (step.kind) {
    case "attr":
      return `.${step.name}`;
    case "splat":
      return "[*]";
    case "index":
      return step.key === undefined ? "[...]" : `[${JSON.stringify(step.key)}]`;
  }
}
