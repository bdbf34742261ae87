/**
 * `tamna diff`: what applying one synthesized output instead of another would do, offline.
 * Pure over the output files: no cdktf, no cloud, no Terraform binary.
 */
export { diffOutputs } from "./compare";
export { formatJson, JSON_FORMAT_VERSION } from "./format-json";
export { formatMarkdown } from "./format-markdown";
export { formatText, wantsColor } from "./format-text";
export * from "./model";
export { loadSynthOutput, type SynthOutput } from "./synth-output";
export { withCost } from "./cost";
