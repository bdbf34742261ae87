import type { Problem } from "../errors";
import { contains, hostAt, hostOffset, network } from "../net/cidr";
import type { AgencySpec } from "../spec/agency";
import type { Sourced } from "../spec/load";
import type { WorkloadSpec } from "../spec/system";

/** Host numbers kept outside each zone subnet's DHCP pool (see planTenantNetwork). */
const FIRST_FIXED = 2;
const LAST_FIXED = 9;

/**
 * The workload's declared fixed IPs at a site. They are declared in `home`, the zone's subnet at
 * the system's own site, and checked there; at another site (the DR standby) the same host
 * numbers are used in that site's subnet `cidr`, which has the same size. Undefined when none
 * are declared or one is wrong (the problem is recorded).
 */
export function fixedIpsAt(
  agency: Sourced<AgencySpec>,
  workload: WorkloadSpec,
  home: string,
  cidr: string,
  path: readonly PropertyKey[],
  problems: Problem[],
): string[] | undefined {
  if (!workload.fixedIps) return undefined;
  const reserved = new Set([network(home).start, network(home).start + network(home).size - 1n]);
  const addresses: string[] = [];
  workload.fixedIps.forEach((address, i) => {
    const offset = hostOffset(home, address);
    const location = agency.source.locate([...path, "fixedIps", i]);
    if (offset === undefined || !contains(home, `${address}/32`)) {
      problems.push({
        location,
        message: `fixed IP ${address} is outside zone ${workload.zone}'s subnet ${home}`,
        received: address,
        allowed: `an address of ${home} other than the network, gateway and broadcast addresses`,
        hint: "pick a free address of the zone's subnet (tamna list shows the subnets), or drop fixedIps",
      });
      return;
    }
    // .1 is the gateway; .2-.9 are kept out of the DHCP pool for exactly such fixed addresses.
    // An address inside the pool could already be held by a DHCP port, a load balancer or a
    // server when this port is created, and the apply would fail on the order of creation.
    if (
      offset < FIRST_FIXED ||
      offset > LAST_FIXED ||
      reserved.has(network(home).start + BigInt(offset))
    ) {
      problems.push({
        location,
        message: `fixed IP ${address} is not one of the addresses of ${home} kept for fixed IPs`,
        received: address,
        allowed: `${hostAt(home, FIRST_FIXED)} to ${hostAt(home, LAST_FIXED)} (.1 is the gateway; from .10 on Neutron hands addresses out itself)`,
        hint: "pick a free address in that range, or drop fixedIps and let Neutron choose",
      });
      return;
    }
    addresses.push(hostAt(cidr, offset));
  });
  return addresses.length === workload.fixedIps.length ? addresses : undefined;
}
