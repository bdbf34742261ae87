/**
 * Internet route: a zone gaining a path to the internet external network.
 *
 * Which external network reaches the internet is not in an agency stack: it only names the
 * network in a data source (`data.openstack_networking_network_v2.*`, by `name`). The platform
 * stack of the same site declares that network with `external: true` and the tag
 * `reaches=internet` (from the region file's `reaches: internet`), so the name is resolved there.
 * When the platform stack is not in the output (a partial synth) or carries no `reaches=` tags,
 * a network whose name contains "internet" is taken instead: the documented naming convention.
 *
 * Flagged, when new compared with the base (addresses followed through moves):
 * - a router that gets its gateway on such a network (an "internet router");
 * - a router interface that attaches a subnet with a gateway to an internet router: hosts there
 *   then route to the internet by default (transit subnets have no gateway and link routers);
 * - a static route on another router whose next hop is an internet router's port and whose
 *   destination lies outside the stack's own subnets: the zones behind it reach the internet.
 * Routes from the internet router to the agency's own subnets are by design (the DMZ reaching the
 * business zones through the transit subnet) and are not flagged.
 */
import { cidrContains } from "../cidr";
import type { Danger } from "../model";
import { referencedAddress, rewriteReferences } from "../references";
import type { SynthOutput } from "../synth-output";
import {
  blocksOf,
  isRecord,
  resourcesOfType,
  type Block,
  type Body,
  type TerraformJson,
} from "../terraform-json";
import { changesWith, displayName, platformStackOf, type DangerRule } from "./context";

const NETWORK = "openstack_networking_network_v2";
const ROUTER = "openstack_networking_router_v2";
const INTERFACE = "openstack_networking_router_interface_v2";
const ROUTE = "openstack_networking_router_route_v2";

export const internetRoute: DangerRule = ({ base, head, comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    if (!comparison.head) continue;
    const now = topology(comparison.head, comparison.diff.stack, head, new Map());
    const before = topology(comparison.base, comparison.diff.stack, base, comparison.moves);
    const add = (address: string, message: string) =>
      dangers.push({ kind: "internet-route", stack: comparison.diff.stack, address, message });

    for (const change of changesWith(comparison, ["create", "update", "replace"], ROUTER)) {
      const network = now.internetRouters.get(change.address);
      if (network !== undefined && !before.internetRouters.has(change.address)) {
        add(
          change.address,
          `router ${now.name(change.address)} gets its gateway on the internet external network ${network}`,
        );
      }
    }
    for (const change of changesWith(comparison, ["create", "update", "replace"], INTERFACE)) {
      const link = now.interfaces.get(change.address);
      if (
        !link ||
        !now.internetRouters.has(link.router) ||
        !hasGateway(comparison.head, link.subnet)
      )
        continue;
      if (before.internetLinks.has(`${link.router} ${link.subnet}`)) continue;
      add(
        change.address,
        `attaches subnet ${now.name(link.subnet)} to internet router ${now.name(link.router)}: its hosts get a default route to the internet`,
      );
    }
    for (const change of changesWith(comparison, ["create", "update", "replace"], ROUTE)) {
      const route = now.escapes(change.address);
      if (!route || before.escapeKeys.has(route.key)) continue;
      add(
        change.address,
        `routes ${route.destination} from router ${now.name(route.router)} through internet router ${now.name(route.via)}: the zones behind it reach the internet`,
      );
    }
  }
  return dangers;
};

interface Topology {
  /** Internet router address -> the external network's name. */
  readonly internetRouters: ReadonlyMap<string, string>;
  /** Interface address -> what it links. */
  readonly interfaces: ReadonlyMap<string, { router: string; subnet: string }>;
  /** `router subnet` for every subnet attached to an internet router. */
  readonly internetLinks: ReadonlySet<string>;
  /** `router destination` for every route that leaves through an internet router. */
  readonly escapeKeys: ReadonlySet<string>;
  escapes(
    route: string,
  ): { key: string; router: string; via: string; destination: string } | undefined;
  name(address: string): string;
}

/** The internet-facing parts of one stack, with addresses renamed through `moves` (for the base). */
function topology(
  json: TerraformJson | undefined,
  stack: string,
  output: SynthOutput,
  moves: ReadonlyMap<string, string>,
): Topology {
  const renamed = (block: Block): Block => ({
    ...block,
    address: moves.get(block.address) ?? block.address,
    body: rewriteReferences(block.body, moves) as Body,
  });
  const resources = new Map(
    [...blocksOf(json, "resource").values()].map(renamed).map((b) => [b.address, b]),
  );
  const data = [...blocksOf(json, "data").values()].map(renamed);
  const known = new Map([...resources, ...data.map((b) => [b.address, b] as const)]);

  const internetNames = internetNetworkNames(platformStackOf(stack, output) ?? json);
  const internetNetworks = new Map<string, string>();
  for (const block of [...data, ...resources.values()]) {
    const name = block.body.name;
    if (block.type === NETWORK && typeof name === "string" && internetNames(name)) {
      internetNetworks.set(block.address, name);
    }
  }
  const internetRouters = new Map<string, string>();
  for (const block of resources.values()) {
    if (block.type !== ROUTER) continue;
    const network = referencedAddress(block.body.external_network_id, internetNetworks);
    if (network) internetRouters.set(block.address, internetNetworks.get(network)!);
  }

  const interfaces = new Map<string, { router: string; subnet: string }>();
  const routerPortAddresses = new Map<string, string>();
  for (const block of resources.values()) {
    if (block.type !== INTERFACE) continue;
    const router = referencedAddress(block.body.router_id, known);
    const port = referencedAddress(block.body.port_id, known);
    const subnet =
      referencedAddress(block.body.subnet_id, known) ??
      (port ? portSubnet(resources.get(port), known) : undefined);
    if (router && subnet) interfaces.set(block.address, { router, subnet });
    if (router && port) {
      for (const address of portAddresses(resources.get(port)))
        routerPortAddresses.set(address, router);
    }
  }
  const internetLinks = new Set(
    [...interfaces.values()]
      .filter((link) => internetRouters.has(link.router))
      .map((link) => `${link.router} ${link.subnet}`),
  );
  const subnetCidrs = [...resources.values()]
    .filter((block) => block.type === "openstack_networking_subnet_v2")
    .map((block) => block.body.cidr)
    .filter((cidr): cidr is string => typeof cidr === "string");

  const escapes = (address: string) => {
    const route = resources.get(address);
    if (!route) return undefined;
    const router = referencedAddress(route.body.router_id, known);
    const via =
      typeof route.body.next_hop === "string"
        ? routerPortAddresses.get(route.body.next_hop)
        : undefined;
    const destination = route.body.destination_cidr;
    if (!router || !via || typeof destination !== "string") return undefined;
    if (!internetRouters.has(via) || internetRouters.has(router)) return undefined;
    if (subnetCidrs.some((cidr) => cidrContains(cidr, destination))) return undefined;
    return { key: `${router} ${destination}`, router, via, destination };
  };
  const escapeKeys = new Set(
    [...resources.values()]
      .filter((block) => block.type === ROUTE)
      .flatMap((block) => escapes(block.address)?.key ?? []),
  );
  const name = (address: string) => {
    const block = known.get(address);
    return block ? displayName(block) : address;
  };
  return { internetRouters, interfaces, internetLinks, escapeKeys, escapes, name };
}

/**
 * Which external network names reach the internet at a site: those the platform stack tags
 * `reaches=internet`; by name when no external network carries a `reaches=` tag.
 */
export function internetNetworkNames(
  platform: TerraformJson | undefined,
): (name: string) => boolean {
  const external = resourcesOfType(platform, NETWORK).filter(
    (block) => block.body.external === true,
  );
  const tagged = external.filter((block) =>
    tagsOf(block.body).some((tag) => tag.startsWith("reaches=")),
  );
  if (tagged.length === 0) return (name) => name.includes("internet");
  const names = new Set(
    tagged
      .filter((block) => tagsOf(block.body).includes("reaches=internet"))
      .map((block) => block.body.name)
      .filter((name): name is string => typeof name === "string"),
  );
  return (name) => names.has(name);
}

function tagsOf(body: Body): string[] {
  return Array.isArray(body.tags)
    ? body.tags.filter((tag): tag is string => typeof tag === "string")
    : [];
}

function hasGateway(json: TerraformJson, subnet: string): boolean {
  const block = blocksOf(json, "resource").get(subnet);
  return block?.body.no_gateway !== true;
}

function fixedIps(port: Block | undefined): Record<string, unknown>[] {
  const fixed = port?.body.fixed_ip;
  return Array.isArray(fixed) ? fixed.filter(isRecord) : [];
}

function portSubnet(
  port: Block | undefined,
  known: ReadonlyMap<string, Block>,
): string | undefined {
  return referencedAddress(fixedIps(port)[0]?.subnet_id, known);
}

function portAddresses(port: Block | undefined): string[] {
  return fixedIps(port)
    .map((ip) => ip.ip_address)
    .filter((address): address is string => typeof address === "string");
}
