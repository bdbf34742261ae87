/**
 * The public API of the tamna package: what `import { ... } from "tamna"` gives. Everything
 * exported here is stable within a major version; any other module path is internal and may
 * change in any release.
 *
 * The pipeline, left to right: load or build the specs, plan (pure decisions, no cdktf), turn
 * plan pieces into OpenStack resources with the constructs, then check the synthesized output
 * with the policy pack and the provider-schema validator.
 *
 * @module tamna
 */

// Errors: the one error type, with where, what, received, allowed and how to fix.
export { TamnaError, formatProblem, formatProblems } from "./errors";
export type { Location, Problem } from "./errors";

// Specs: the region and agency files, from YAML or from plain objects.
export { loadFile, loadRegionDir, regionInputFromObjects } from "./spec/load";
export type { LoadOptions, RegionInput, Sourced } from "./spec/load";
export type { ParseCache } from "./spec/parse-cache";
export type { FieldPath, YamlSource } from "./spec/yaml-source";
export { RegionSpec } from "./spec/region";
export { AgencySpec } from "./spec/agency";
export type { Quota } from "./spec/common";
export { SystemSpec, WorkloadSpec } from "./spec/system";

// Plan: pure functions from specs to decisions.
export { planRegion } from "./plan/region-plan";
export type { Layer } from "./names";
export type {
  AgencyStackPlan,
  BackendPlan,
  ExternalNetworkPlan,
  GroupPlan,
  PaastaStackPlan,
  PlanOptions,
  PlatformStackPlan,
  ProjectPlan,
  ProviderPlan,
  RegionPlan,
  StackPlan,
  SyncTargetPlan,
  TenancyStackPlan,
} from "./plan/region-plan";
export { PaastaFoundation as PaastaFoundationSpec, Platforms } from "./spec/paasta";
export { planPaasta, PAASTA_QUOTAS } from "./plan/paasta";
export type { PaastaSitePlan, PaastaNetworkPlan, PaastaRouterPlan } from "./plan/paasta";
export { PAASTA_SIZES, type PaastaSize } from "./spec/paasta";
export type { EffectiveBackupPolicy } from "./spec/backup";
export type {
  AddressRange,
  PaastaAddresses,
  PaastaNetworkAddresses,
  PaastaNetworkKey,
} from "./plan/paasta-addresses";
export type { PaastaDrDecision } from "./plan/paasta-dr";
export { boshCloudConfig, boshVars } from "./plan/bosh-config";
export type { BoshIds, BoshPlan } from "./plan/bosh-config";
export { planAddresses } from "./plan/address-plan";
export type { AddressPlan, AgencyAddresses } from "./plan/address-plan";
export { planTenantNetwork } from "./plan/tenant-network";
export type { TenantNetworkPlan, ZoneNetworkPlan } from "./plan/tenant-network";
export type { AggregatePlan, FlavorPlan, VolumeTypePlan } from "./plan/catalogue";
export type { Reach, RouterPlan, RoutingPlan } from "./plan/tenant-routing";
export type { RulePlan, SecurityGroupPlan } from "./plan/security-rules";
export { decideDr } from "./plan/dr";
export type { DrDecision } from "./plan/dr";
export { planCompute } from "./plan/compute";
export type {
  ComputeContext,
  ComputePlan,
  ImagePlan,
  InstancePlan,
  KeyPairPlan,
  SystemPlan,
  VolumePlan,
  WorkloadPlan,
  WorkloadRole,
} from "./plan/compute";
export type { ContainerPlan } from "./plan/compute-types";
export type {
  ListenerPlan,
  LoadBalancerPlan,
  MemberRulePlan,
  MonitorPlan,
} from "./plan/load-balancer";
export { planDns } from "./plan/dns";
export type { DnsPlan, DnsRecordPlan } from "./plan/dns";

// Constructs: plan pieces as OpenStack resources (cdktf).
export { AgencyDnsZone } from "./constructs/agency-dns-zone";
export type { AgencyDnsZoneProps } from "./constructs/agency-dns-zone";
export { AgencyProject } from "./constructs/agency-project";
export type { AgencyGroupProps, AgencyProjectProps } from "./constructs/agency-project";
export { ProjectQuota } from "./constructs/project-quota";
export type { ProjectQuotaProps } from "./constructs/project-quota";
export { AgencySystems } from "./constructs/agency-systems";
export type { AgencySystemsProps } from "./constructs/agency-systems";
export { AvailabilityZoneAggregates } from "./constructs/availability-zone-aggregates";
export type {
  AvailabilityZoneAggregateProps,
  AvailabilityZoneAggregatesProps,
} from "./constructs/availability-zone-aggregates";
export { ExternalNetwork } from "./constructs/external-network";
export type { ExternalNetworkProps } from "./constructs/external-network";
export { FlavorCatalogue } from "./constructs/flavor-catalogue";
export type { FlavorCatalogueProps, FlavorProps } from "./constructs/flavor-catalogue";
export { FlavorAccess } from "./constructs/flavor-access";
export type { FlavorAccessProps } from "./constructs/flavor-access";
export { KeystoneDomain } from "./constructs/keystone-domain";
export type { KeystoneDomainProps } from "./constructs/keystone-domain";
export { ServiceLoadBalancer } from "./constructs/service-load-balancer";
export type { ServiceLoadBalancerProps } from "./constructs/service-load-balancer";
export { PaastaFoundation } from "./constructs/paasta-foundation";
export type { PaastaFoundationProps } from "./constructs/paasta-foundation";
export {
  BOSH_CLOUD_CONFIG_OUTPUT,
  BOSH_VARS_OUTPUT,
  BoshArtefacts,
} from "./constructs/bosh-artefacts";
export type { BoshArtefactsProps } from "./constructs/bosh-artefacts";
export { SystemContainers } from "./constructs/system-containers";
export type { SyncTarget, SystemContainersProps } from "./constructs/system-containers";
export { TenantNetwork } from "./constructs/tenant-network";
export type { TenantNetworkProps } from "./constructs/tenant-network";
export { TenantRouter } from "./constructs/tenant-router";
export type { TenantRouterProps } from "./constructs/tenant-router";
export { VolumeTypes } from "./constructs/volume-types";
export type { VolumeTypeProps, VolumeTypesProps } from "./constructs/volume-types";
export { Workload } from "./constructs/workload";
export type { WorkloadInstance, WorkloadProps } from "./constructs/workload";
export { ZoneNetwork } from "./constructs/zone-network";
export type { ZoneNetworkProps } from "./constructs/zone-network";
export { ZoneSecurityGroups } from "./constructs/zone-security-groups";
export type { ZoneSecurityGroupsProps } from "./constructs/zone-security-groups";
export { configureOpenstackProvider } from "./constructs/provider";
export { configureStateBackend } from "./constructs/state-backend";
export { keepStringsLiteral } from "./constructs/literal-strings";
export { addPolicyAspect, PolicyAspect, suppressRule } from "./constructs/policy-aspect";
export type { PolicyAspectProps } from "./constructs/policy-aspect";

// Policy: the rule pack over synthesized Terraform JSON, no cdktf.
export {
  isBlocking,
  MIN_REASON_LENGTH,
  policyFindings,
  rulesDocument,
  stackView,
  TAMNA_RULES,
} from "./policy";
export type {
  PolicyContext,
  PolicyOptions,
  PolicyRule,
  PolicyRuleInfo,
  PolicySuppression,
  RegionModel,
  StackView,
  SynthesizedStack,
  TerraformJson,
  Violation,
} from "./policy";
export type {
  PolicyBlock,
  PolicyOutput,
  PolicyResource,
  PolicyVariable,
  StackInfo,
} from "./policy/stack-view";
export type { ResourceSuppression, TamnaMarkers } from "./policy/markers";

// Validation: the provider-schema validator and the report formats of `tamna validate`.
export { openstackSchemaIndex, SchemaIndex, validateStackSchema } from "./validate/schema";
export type { IndexedProvider } from "./validate/schema/schema-index";
export type {
  CtyType,
  NestingMode,
  ProviderSchema,
  ProviderSchemaDocument,
  SchemaAttribute,
  SchemaBlock,
  SchemaBlockType,
  SchemaEntry,
} from "./validate/schema/provider-schema";
export type { Finding, FindingLevel, ValidationLayer } from "./finding";
export { hasBlockingFindings, summarize } from "./validate/report";
export type { SkippedLayer, Summary, ValidationReport } from "./validate/report";
export type { RuleDescription } from "./validate/rules";
export { formatText } from "./validate/format-text";
export { formatJson, toJsonReport } from "./validate/format-json";
export type { JsonReport } from "./validate/format-json";
export { formatSarif, toSarif } from "./validate/format-sarif";
export type { SarifOptions } from "./validate/format-sarif";
// Terraform JSON that tamna did not write (`tamna validate --json-dir`).
export { loadJsonDir, validateJsonConfigurations } from "./validate/json-dir";
export type { JsonConfiguration, JsonDirResult } from "./validate/json-dir";
export type { JsonFile } from "./validate/json-files";

// Usage fees and capacity: the plan priced with the region's price book (`tamna cost`), and its
// use of each availability zone against the hosts (`tamna capacity`).
export {
  capacityReport,
  COST_KINDS,
  costDelta,
  costModel,
  costReport,
  formatCapacityJson,
  formatCapacityText,
  formatCostCsv,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
  DR_REASONS,
  priceBookOn,
} from "./cost";
export type {
  AgencyCost,
  AgencyCostDelta,
  Amounts,
  ByDrReason,
  ByKind,
  CapacityProblem,
  CapacityReport,
  CostDelta,
  CostKind,
  CostLine,
  CostModel,
  CostNote,
  CostReport,
  CostSelection,
  DrReason,
  Minor,
  Pricing,
  SystemCost,
  Unrestarted,
  ZoneCapacity,
  ZoneLoss,
} from "./cost";
export type { PriceBook, Prices } from "./spec/prices";
