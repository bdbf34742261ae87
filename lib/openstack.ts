/**
 * The one entry point to the generated OpenStack provider bindings (`.gen/`, made at install
 * time from the vendored schema; see openstack-bindings.json). Constructs import from here.
 */
export { BlockstorageQuotasetV3 } from "../.gen/providers/openstack/blockstorage-quotaset-v3";
export { ComputeQuotasetV2 } from "../.gen/providers/openstack/compute-quotaset-v2";
export { DataOpenstackIdentityGroupV3 } from "../.gen/providers/openstack/data-openstack-identity-group-v3";
export { DataOpenstackIdentityRoleV3 } from "../.gen/providers/openstack/data-openstack-identity-role-v3";
export { DataOpenstackNetworkingNetworkV2 } from "../.gen/providers/openstack/data-openstack-networking-network-v2";
export { IdentityGroupV3 } from "../.gen/providers/openstack/identity-group-v3";
export { IdentityProjectV3 } from "../.gen/providers/openstack/identity-project-v3";
export { IdentityRoleAssignmentV3 } from "../.gen/providers/openstack/identity-role-assignment-v3";
export { NetworkingNetworkV2 } from "../.gen/providers/openstack/networking-network-v2";
export { NetworkingQuotaV2 } from "../.gen/providers/openstack/networking-quota-v2";
export { NetworkingSubnetV2 } from "../.gen/providers/openstack/networking-subnet-v2";
export { OpenstackProvider } from "../.gen/providers/openstack/provider";
export { DataOpenstackIdentityProjectV3 } from "../.gen/providers/openstack/data-openstack-identity-project-v3";
export { BlockstorageVolumeTypeV3 } from "../.gen/providers/openstack/blockstorage-volume-type-v3";
export { ComputeAggregateV2 } from "../.gen/providers/openstack/compute-aggregate-v2";
export { ComputeFlavorV2 } from "../.gen/providers/openstack/compute-flavor-v2";
export { NetworkingPortV2 } from "../.gen/providers/openstack/networking-port-v2";
export { NetworkingRouterInterfaceV2 } from "../.gen/providers/openstack/networking-router-interface-v2";
export { NetworkingRouterRouteV2 } from "../.gen/providers/openstack/networking-router-route-v2";
export { NetworkingRouterV2 } from "../.gen/providers/openstack/networking-router-v2";
export { NetworkingSecgroupRuleV2 } from "../.gen/providers/openstack/networking-secgroup-rule-v2";
export { NetworkingSecgroupV2 } from "../.gen/providers/openstack/networking-secgroup-v2";
export { BlockstorageVolumeV3 } from "../.gen/providers/openstack/blockstorage-volume-v3";
export { ComputeInstanceV2 } from "../.gen/providers/openstack/compute-instance-v2";
export { ComputeKeypairV2 } from "../.gen/providers/openstack/compute-keypair-v2";
export { ComputeServergroupV2 } from "../.gen/providers/openstack/compute-servergroup-v2";
export { ComputeVolumeAttachV2 } from "../.gen/providers/openstack/compute-volume-attach-v2";
export { DataOpenstackImagesImageV2 } from "../.gen/providers/openstack/data-openstack-images-image-v2";
export { DnsQuotaV2 } from "../.gen/providers/openstack/dns-quota-v2";
export { DnsRecordsetV2 } from "../.gen/providers/openstack/dns-recordset-v2";
export { DnsZoneV2 } from "../.gen/providers/openstack/dns-zone-v2";
export { DataOpenstackDnsZoneV2 } from "../.gen/providers/openstack/data-openstack-dns-zone-v2";
export { LbListenerV2 } from "../.gen/providers/openstack/lb-listener-v2";
export { LbLoadbalancerV2 } from "../.gen/providers/openstack/lb-loadbalancer-v2";
export { LbMemberV2 } from "../.gen/providers/openstack/lb-member-v2";
export { LbMonitorV2 } from "../.gen/providers/openstack/lb-monitor-v2";
export { LbPoolV2 } from "../.gen/providers/openstack/lb-pool-v2";
export { LbQuotaV2 } from "../.gen/providers/openstack/lb-quota-v2";
export { NetworkingFloatingipV2 } from "../.gen/providers/openstack/networking-floatingip-v2";
export { ObjectstorageAccountV1 } from "../.gen/providers/openstack/objectstorage-account-v1";
export { ObjectstorageContainerV1 } from "../.gen/providers/openstack/objectstorage-container-v1";
export { DataOpenstackIdentityAuthScopeV3 } from "../.gen/providers/openstack/data-openstack-identity-auth-scope-v3";
