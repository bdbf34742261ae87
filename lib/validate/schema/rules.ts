/**
 * The checks of the provider-schema layer. Their IDs are an API (suppressions and code-scanning
 * alerts refer to them): a test pins the list.
 */
import type { RuleDescription } from "../rules";

export const SCHEMA_RULES = {
  unknownResourceType: {
    id: "SCHEMA-UNKNOWN-RESOURCE-TYPE",
    level: "error",
    shortDescription: "Unknown resource type",
    help:
      "The resource type is not in the provider schema (OpenStack provider 3.4.0). Check the " +
      "spelling and the version suffix (v2, v3); v3 of the provider removed compute_secgroup_v2, " +
      "compute_floatingip_v2 and blockstorage v1/v2.",
  },
  unknownDataSourceType: {
    id: "SCHEMA-UNKNOWN-DATA-SOURCE-TYPE",
    level: "error",
    shortDescription: "Unknown data-source type",
    help: "The data-source type is not in the provider schema (OpenStack provider 3.4.0).",
  },
  unknownProvider: {
    id: "SCHEMA-UNKNOWN-PROVIDER",
    level: "error",
    shortDescription: "Provider without a schema, or an undeclared provider configuration",
    help:
      "Either the provider has no schema here (tamna vendors the OpenStack provider 3.4.0 " +
      "only), or a resource's `provider` names an alias that no provider block declares.",
  },
  unknownAttribute: {
    id: "SCHEMA-UNKNOWN-ATTRIBUTE",
    level: "error",
    shortDescription: "Unknown argument or block",
    help:
      "The key is not an argument, a nested block or a meta-argument of this block. " +
      "Terraform reports it as an unsupported argument or block type.",
  },
  missingRequiredAttribute: {
    id: "SCHEMA-MISSING-REQUIRED-ATTRIBUTE",
    level: "error",
    shortDescription: "Required argument missing",
    help: "The schema marks the argument as required; set it (null counts as not set).",
  },
  missingRequiredBlock: {
    id: "SCHEMA-MISSING-REQUIRED-BLOCK",
    level: "error",
    shortDescription: "Required nested block missing",
    help: "The schema asks for at least one block of this type (min_items > 0).",
  },
  blockCount: {
    id: "SCHEMA-BLOCK-COUNT",
    level: "error",
    shortDescription: "Too many or too few nested blocks",
    help: "The number of blocks is outside the schema's min_items and max_items.",
  },
  wrongType: {
    id: "SCHEMA-WRONG-TYPE",
    level: "error",
    shortDescription: "Value of the wrong type",
    help:
      "The value cannot be converted to the argument's type. Terraform converts numbers and " +
      'bools to strings, numeric strings to numbers and "true"/"false"/"1"/"0" to bools; ' +
      "nothing else. An interpolation (`${...}`) is checked when Terraform evaluates it.",
  },
  computedAttribute: {
    id: "SCHEMA-COMPUTED-ATTRIBUTE",
    level: "error",
    shortDescription: "Read-only attribute set in the configuration",
    help: "The attribute is computed by the provider and not optional: it can be read, never set.",
  },
  undeclaredReference: {
    id: "SCHEMA-UNDECLARED-REFERENCE",
    level: "error",
    shortDescription: "Reference to something the stack does not declare",
    help:
      "An expression refers to a resource, data source, variable, local or module that this " +
      "stack does not declare, or uses each/count where they do not exist. Stacks plan on " +
      "their own: reach objects of other stacks through data sources.",
  },
  unknownReferenceAttribute: {
    id: "SCHEMA-UNKNOWN-REFERENCE-ATTRIBUTE",
    level: "error",
    shortDescription: "Reference to an attribute the type does not have",
    help: "The referenced resource or data source exists, but its type has no such attribute.",
  },
  invalidMetaArgument: {
    id: "SCHEMA-INVALID-META-ARGUMENT",
    level: "error",
    shortDescription: "Invalid meta-argument",
    help:
      "A meta-argument (count, for_each, depends_on, provider, lifecycle) has a shape " +
      "Terraform rejects, such as count and for_each together.",
  },
  invalidExpression: {
    id: "SCHEMA-INVALID-EXPRESSION",
    level: "error",
    shortDescription: "Malformed interpolation",
    help: "A `${` or `%{` is not closed. Write `$${` for a literal `${`.",
  },
  deprecated: {
    id: "SCHEMA-DEPRECATED",
    level: "warning",
    shortDescription: "Deprecated type, argument or block",
    help: "The provider marks it deprecated; it may go away in a later release.",
  },
} as const satisfies Record<string, RuleDescription>;

export type SchemaRule = (typeof SCHEMA_RULES)[keyof typeof SCHEMA_RULES];

export const SCHEMA_RULE_LIST: readonly RuleDescription[] = Object.values(SCHEMA_RULES);
