/** The policy pack: pure rules over synthesized Terraform JSON, no cdktf. */
export { MIN_REASON_LENGTH, PROTECTION_OPT_OUT, TAMNA_MARKER_KEY } from "./markers";
export type { ResourceSuppression, TamnaMarkerJson } from "./markers";
export { isBlocking, policyFindings, type PolicyOptions } from "./pack";
export type { PolicyContext, PolicyRule, PolicyRuleInfo, RegionModel, Violation } from "./rule";
export { TAMNA_RULES } from "./rules";
export { policyRuleDescriptions, rulesDocument } from "./rules-doc";
export { stackInfo, stackView } from "./stack-view";
export type { StackInfo, StackView, SynthesizedStack, TerraformJson } from "./stack-view";
export { SUPPRESSION_CHECKS, type PolicySuppression } from "./suppressions";
