/**
 * CIDR containment for IPv4 and IPv6 (lib/net/cidr.ts is the address plan's IPv4 arithmetic).
 * Values that are not CIDRs, such as references, are only equal to themselves.
 */
import * as ipaddr from "ipaddr.js";

/** True when every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  if (!ipaddr.isValidCIDR(outer) || !ipaddr.isValidCIDR(inner)) return outer === inner;
  const [outerAddress, outerBits] = ipaddr.parseCIDR(outer);
  const [innerAddress, innerBits] = ipaddr.parseCIDR(inner);
  if (outerAddress.kind() !== innerAddress.kind() || innerBits < outerBits) return false;
  return innerAddress.match(outerAddress, outerBits);
}
