import type { ValidationReport } from "../../../lib/validate/report";

/** A report with a finding of every layer, a suppressed one and a skipped layer. */
export const SAMPLE_REPORT: ValidationReport = {
  region: "jeju",
  stacks: ["platform-jeju-cdc", "jeju-city-jeju-cdc"],
  layers: ["spec", "construct", "policy", "schema"],
  skipped: [{ layer: "terraform", reason: "terraform not installed (not on PATH)" }],
  rules: [
    {
      id: "TAMNA-NET-001",
      level: "error",
      shortDescription: "No ingress from anywhere",
      help: "Security groups never open a port to 0.0.0.0/0 outside the DMZ.",
    },
  ],
  findings: [
    {
      ruleId: "SPEC-INVALID-INPUT",
      level: "error",
      layer: "spec",
      message: 'unknown zone "dmzz"; allowed: dmz, app, db, mgmt',
      location: {
        file: "stacks/jeju/agencies/jeju-city.yaml",
        line: 15,
        column: 8,
        path: "zones[0]",
      },
      hint: "use a zone of region.yaml",
    },
    {
      ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
      level: "error",
      layer: "schema",
      message: 'openstack_networking_network_v2 has no argument or nested block "admin_state_upp"',
      stack: "jeju-city-jeju-cdc",
      address: "openstack_networking_network_v2.Network_Zones_app_Network_0645C6E7",
      attribute: "admin_state_upp",
      location: { construct: "jeju-city-jeju-cdc/Network/Zones/app/Network" },
      outputLine: 87,
      hint: 'did you mean "admin_state_up"?',
    },
    {
      ruleId: "TAMNA-TAG-001",
      level: "warning",
      layer: "policy",
      message: "the network has no owner tag",
      stack: "platform-jeju-cdc",
      address: "openstack_networking_network_v2.External",
    },
    {
      ruleId: "TAMNA-NET-001",
      level: "error",
      layer: "policy",
      message: "ingress from 0.0.0.0/0 on port 443",
      stack: "jeju-city-jeju-cdc",
      address: "openstack_networking_secgroup_rule_v2.Web",
      suppressed: { reason: "the public portal is internet-facing by design (ticket 42)" },
    },
  ],
};
