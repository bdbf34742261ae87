/**
 * The shapes of PaaS-TA's deployment repository (PaaS-TA/paasta-deployment at 3c61edd):
 * `bosh/openstack-vars.yml` and `bosh/openstack/cloud-config.yml`, with the vm_extensions and
 * static ranges of `cloud-config/openstack-cloud-config.yml`.
 */
export const PAASTA_SHAPES = {
  /** The keys of openstack-vars.yml that the IaaS determines (the others are the operator's). */
  iaasVars: [
    "az",
    "bosh_ip",
    "default_key_name",
    "default_security_groups",
    "net_id",
    "openstack_domain",
    "openstack_project",
    "private_cidr",
    "private_gw",
    "region",
  ],
  /** Keys of openstack-vars.yml that hold secrets: never written by tamna. */
  secretVars: ["openstack_password", "openstack_username", "private_key"],
  cloudConfig: ["azs", "compilation", "disk_types", "networks", "vm_extensions", "vm_types"],
  az: ["cloud_properties", "name"],
  azCloudProperties: ["availability_zone"],
  vmType: ["cloud_properties", "name"],
  diskType: ["disk_size", "name"],
  manualNetwork: ["name", "subnets", "type"],
  subnet: ["azs", "cloud_properties", "dns", "gateway", "range", "reserved", "static"],
  subnetCloudProperties: ["net_id", "security_groups"],
  vipNetwork: ["name", "type"],
  compilation: ["az", "network", "reuse_compilation_vms", "vm_type", "workers"],
} as const;

/** A sample of what `terraform output` gives after apply: the network IDs. */
export const SAMPLE_IDS = {
  boshNetworkId: "0b7f2c1e-5a8d-4f3e-9c21-7d6e5b4a3f10",
  cfNetworkId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
};
