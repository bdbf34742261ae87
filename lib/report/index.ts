export * from "./dr-model";
export { buildDrReport, type DrReportOptions } from "./dr-report";
export { formatJson } from "./format-json";
export { formatMarkdown } from "./format-markdown";
export { formatText } from "./format-text";
export { MANUAL_STEPS } from "./manual-steps";
export {
  agencyDecisions,
  failoverOutcome,
  switchRefusal,
  type FailoverOutcome,
  type FailoverRequest,
  type StayReason,
  type SystemMove,
  type SystemStay,
} from "./failover";
