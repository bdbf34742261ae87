/**
 * The stack classes of the three layers and the app builder, for programs that synthesize a
 * whole region as `tamna synth` does: `import { buildApp } from "tamna/stacks"`. Stable within
 * a major version, like the main entry point.
 *
 * @module stacks
 */
export { appStacks, buildApp, buildStack } from "./app";
export type { BuildAppOptions } from "./app";
export { AgencyStack } from "./agency-stack";
export { PaastaStack } from "./paasta-stack";
export { PlatformStack } from "./platform-stack";
export { REQUIRED_TERRAFORM_VERSION, TamnaStack } from "./tamna-stack";
export { TenancyStack } from "./tenancy-stack";
