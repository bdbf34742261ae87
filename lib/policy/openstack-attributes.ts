/**
 * Which OpenStack resource types (of those tamna binds, see openstack-bindings.json) take
 * `tags` and `name`, per the vendored provider 3.4.0 schema. A test derives both lists from
 * vendor/openstack/provider-schema.json and fails when they drift, so the rules need no schema
 * at run time.
 */

export const TAGGED_TYPES: readonly string[] = [
  "openstack_compute_instance_v2",
  "openstack_identity_project_v3",
  "openstack_lb_listener_v2",
  "openstack_lb_loadbalancer_v2",
  "openstack_lb_member_v2",
  "openstack_lb_pool_v2",
  "openstack_networking_floatingip_v2",
  "openstack_networking_network_v2",
  "openstack_networking_port_v2",
  "openstack_networking_router_v2",
  "openstack_networking_secgroup_v2",
  "openstack_networking_subnet_v2",
];

export const NAMED_TYPES: readonly string[] = [
  "openstack_blockstorage_volume_type_v3",
  "openstack_blockstorage_volume_v3",
  "openstack_compute_aggregate_v2",
  "openstack_compute_flavor_v2",
  "openstack_compute_instance_v2",
  "openstack_compute_keypair_v2",
  "openstack_compute_servergroup_v2",
  "openstack_dns_recordset_v2",
  "openstack_dns_zone_v2",
  "openstack_identity_group_v3",
  "openstack_identity_project_v3",
  "openstack_lb_listener_v2",
  "openstack_lb_loadbalancer_v2",
  "openstack_lb_member_v2",
  "openstack_lb_monitor_v2",
  "openstack_lb_pool_v2",
  "openstack_networking_network_v2",
  "openstack_networking_port_v2",
  "openstack_networking_router_v2",
  "openstack_networking_secgroup_v2",
  "openstack_networking_subnet_v2",
  "openstack_objectstorage_container_v1",
];
