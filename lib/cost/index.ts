/**
 * Usage fees and capacity: the monthly cost of a region plan under its price book, and whether
 * its sites hold what is planned. Pure over the spec and the plan: no cdktf, no synthesized JSON.
 */
export { costModel } from "./lines";
export * from "./model";
export { costReport, type AgencyCost, type CostReport, type CostSelection } from "./report";
export { COST_JSON_VERSION, costJson, formatCostJson } from "./format-json";
export { CSV_COLUMNS, formatCostCsv } from "./format-csv";
export { formatCostMarkdown } from "./format-markdown";
export { formatCostText } from "./format-text";
export { ISO_DATE, priceBookOn } from "./price-book";
export { costDelta, type AgencyCostDelta, type CostDelta } from "./delta";
export {
  capacityReport,
  CRITICAL_GRADES,
  type CapacityProblem,
  type CapacityReport,
  type ZoneCapacity,
  type ZoneLoss,
} from "./capacity";
export { CAPACITY_JSON_VERSION, formatCapacityJson, formatCapacityText } from "./format-capacity";
