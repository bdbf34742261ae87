/**
 * Checks one resource or data source: its type against the provider schema, then its
 * meta-arguments and its body.
 */
import { checkBody } from "./body";
import {
  providerLocalName,
  providerSource,
  type Body,
  type ElementKind,
  type StackDeclarations,
} from "./declarations";
import { checkExpressions } from "./expression-check";
import type { Issue } from "./issue";
import { checkMetaArguments, META_ARGUMENTS } from "./meta-arguments";
import type { ReferenceScope } from "./references";
import { SCHEMA_RULES } from "./rules";
import type { SchemaIndex } from "./schema-index";
import { suggestion } from "./suggest";

export function checkElement(
  kind: ElementKind,
  type: string,
  body: Body,
  index: SchemaIndex,
  declarations: StackDeclarations,
): Issue[] {
  const issues: Issue[] = [];
  const scope: ReferenceScope = {
    declarations,
    index,
    each: "for_each" in body,
    count: "count" in body,
    locals: new Set(),
  };
  const localName = providerLocalName(type, body);
  const source = providerSource(declarations, localName);
  const provider = index.provider(source);
  const what = kind === "data" ? "data-source type" : "resource type";
  const rule =
    kind === "data" ? SCHEMA_RULES.unknownDataSourceType : SCHEMA_RULES.unknownResourceType;
  const known = kind === "data" ? provider?.dataSources : provider?.resources;
  const schema = known?.get(type);

  if (!provider || !known) {
    issues.push({
      rule,
      path: "",
      message: `${type}: no schema for its provider "${localName}" (${source}), so it cannot be checked`,
      hint: `tamna validates against the OpenStack provider 3.4.0 schema only (${index.sources().join(", ")}); use an openstack_* type`,
    });
  } else if (!schema) {
    const other = kind === "data" ? provider.resources : provider.dataSources;
    issues.push({
      rule,
      path: "",
      message: `${type} is not a ${what} of ${source}`,
      hint: other.has(type)
        ? `${type} is a ${kind === "data" ? "resource" : "data source"}: declare it under "${kind === "data" ? "resource" : "data"}"`
        : (suggestion(type, known.keys()) ?? "check the type name and its version suffix"),
    });
  } else if (schema.deprecated) {
    issues.push({
      rule: SCHEMA_RULES.deprecated,
      path: "",
      message: `${type} is deprecated by the provider`,
      hint: schema.description,
    });
  }

  checkMetaArguments(kind, body, schema, scope, issues);
  if (schema) {
    checkBody(body, schema, type, "", scope, issues, META_ARGUMENTS[kind]);
  } else {
    // Without a schema the body cannot be checked, but its references can.
    for (const [key, value] of Object.entries(body)) {
      if (!META_ARGUMENTS[kind].has(key)) checkExpressions(value, key, scope, issues);
    }
  }
  return issues;
}
