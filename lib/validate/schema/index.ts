export { SCHEMA_RULE_LIST, SCHEMA_RULES } from "./rules";
export { normalizeSource, openstackSchemaIndex, SchemaIndex } from "./schema-index";
export { validateStackSchema } from "./validate-stack";
