/**
 * Layer 4 of `tamna validate`: a synthesized stack (cdk.tf.json) checked against the provider
 * schema, statically and offline, for what `terraform validate` would reject.
 */
import type { Location } from "../../errors";
import type { Finding } from "../../finding";
import { isObject } from "./cty";
import { declarationsOf, entries, labelledBodies, type Body } from "./declarations";
import { checkElement } from "./element";
import type { Issue } from "./issue";
import { SCHEMA_RULES } from "./rules";
import { openstackSchemaIndex, type SchemaIndex } from "./schema-index";
import { checkTopLevel } from "./top-level";

/**
 * @param stack the stack name findings carry
 * @param config the parsed cdk.tf.json
 * @param index the provider schemas @default - the vendored OpenStack provider 3.4.0
 */
export function validateStackSchema(
  stack: string,
  config: unknown,
  index: SchemaIndex = openstackSchemaIndex(),
): Finding[] {
  if (!isObject(config)) {
    return [
      toFinding(stack, "", undefined, {
        rule: SCHEMA_RULES.wrongType,
        path: "",
        message: "a Terraform JSON configuration must be an object",
      }),
    ];
  }
  const declarations = declarationsOf(config);
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key === "//") continue;
    if (key === "resource" || key === "data") {
      for (const [type, named] of entries(value)) {
        for (const [name, body] of labelledBodies(named)) {
          const address = key === "data" ? `data.${type}.${name}` : `${type}.${name}`;
          for (const issue of checkElement(key, type, body, index, declarations)) {
            findings.push(toFinding(stack, address, constructPath(body), issue));
          }
        }
      }
      continue;
    }
    for (const { address, issues } of checkTopLevel(key, value, index, declarations)) {
      for (const issue of issues) findings.push(toFinding(stack, address, undefined, issue));
    }
  }
  return findings;
}

function toFinding(
  stack: string,
  address: string,
  construct: string | undefined,
  issue: Issue,
): Finding {
  const location: Location | undefined = construct ? { construct } : undefined;
  return {
    ruleId: issue.rule.id,
    level: issue.rule.level,
    layer: "schema",
    message: issue.message,
    stack,
    ...(address ? { address } : {}),
    ...(issue.path ? { attribute: issue.path } : {}),
    ...(location ? { location } : {}),
    ...(issue.hint ? { hint: issue.hint } : {}),
  };
}

/** cdktf records the construct path of each element under `//.metadata.path`. */
function constructPath(body: Body): string | undefined {
  const comment = body["//"];
  const metadata = isObject(comment) ? comment.metadata : undefined;
  const path = isObject(metadata) ? metadata.path : undefined;
  return typeof path === "string" ? path : undefined;
}
