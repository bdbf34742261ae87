import { constructError } from "../errors";
import { Construct } from "constructs";
import { DataOpenstackDnsZoneV2, DnsRecordsetV2, DnsZoneV2 } from "../openstack";
import type { DnsPlan } from "../plan/dns";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link AgencyDnsZone}. */
export interface AgencyDnsZoneProps {
  /** The zone (name, email, TTL) and its records, from `planDns`. */
  readonly plan: DnsPlan;
  /** The address each record points at, by record key. */
  readonly addresses: Readonly<Record<string, string>>;
  /**
   * Refuse to destroy the zone: deleting it drops every record an agency's users rely on.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * The agency's Designate zone and an A record set per service. When the plan says another stack
 * creates the zone (a Designate shared by two regions of one cloud), the zone is found by name
 * and only the records are created here.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class AgencyDnsZone extends Construct {
  /** The Designate zone: created here, or found by name when another stack creates it. */
  readonly zone: DnsZoneV2 | DataOpenstackDnsZoneV2;

  constructor(scope: Construct, id: string, props: AgencyDnsZoneProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan } = props;
    this.zone = plan.zoneCreatedBy
      ? new DataOpenstackDnsZoneV2(this, "SharedZone", { name: plan.zoneName })
      : protectFromDestroy(
          new DnsZoneV2(this, "Zone", {
            name: plan.zoneName,
            email: plan.email,
            ttl: plan.ttl,
            type: "PRIMARY",
            description: plan.description,
          }),
          props.protect ?? true,
        );
    for (const record of plan.records) {
      const address = Object.hasOwn(props.addresses, record.key)
        ? props.addresses[record.key]
        : undefined;
      if (address === undefined)
        throw constructError(this, `no address for DNS record ${record.key}`, {
          hint: `pass an address for "${record.key}" in addresses`,
        });
      new DnsRecordsetV2(this, `Record-${record.key}`, {
        zoneId: this.zone.id,
        name: record.name,
        type: "A",
        ttl: record.ttl,
        records: [address],
        description: `${record.system}/${record.workload}`,
      });
    }
  }
}
