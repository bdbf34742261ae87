import { z } from "zod";
import { Ipv4Cidr, Slug } from "./common";

/**
 * Security zones (data-center zones) of a region: network segments by trust, the external
 * network class each may reach, and the flows allowed between them. Flows are deny by default:
 * nothing passes between zones unless a flow says so.
 */

const PORT = /^([0-9]{1,5})(?:-([0-9]{1,5}))?$/;

/** A port or an inclusive range "from-to". */
export const PortSpec = z
  .union([
    z.int().min(1).max(65535),
    z
      .string()
      .regex(PORT, { message: 'must be a port or a range such as "8000-8080"' })
      .refine(
        (value) => {
          // zod runs this check even when the pattern failed: that problem is reported already.
          const match = PORT.exec(value);
          if (!match) return true;
          const [, from, to] = match;
          const min = Number(from);
          const max = to === undefined ? min : Number(to);
          return min >= 1 && max <= 65535 && min <= max;
        },
        { message: "ports must be 1-65535 with the lower bound first" },
      ),
  ])
  .meta({ description: 'A port (443) or an inclusive range ("8000-8080").' });
export type PortSpec = z.infer<typeof PortSpec>;

export const Protocol = z.enum(["tcp", "udp", "icmp"]);
export type Protocol = z.infer<typeof Protocol>;

/** What a zone may exchange with the world outside the tenant. */
export const ExternalRule = z
  .strictObject({
    peer: z.enum(["internet", "intranet"]).meta({
      description:
        "internet: any address (0.0.0.0/0); intranet: the region's intranetRanges (the government business network).",
    }),
    protocol: Protocol,
    ports: z.array(PortSpec).min(1).optional().meta({
      description: "Ports, required for tcp and udp; not allowed for icmp.",
    }),
    description: z.string().optional(),
  })
  .meta({ description: "Traffic between a zone and the outside." });
export type ExternalRule = z.infer<typeof ExternalRule>;

/**
 * Traffic from outside the tenant a zone may accept. Unless zone-wide, a rule is an upper bound:
 * each agency's security group opens only the ports of it that the agency's load balancer
 * listeners in the zone use, so an agency that serves only 443 gets no rule for 80.
 */
export const IngressRule = ExternalRule.extend({
  zoneWide: z.boolean().optional().meta({
    description:
      "Open the rule's ports to every instance of the zone, in every agency that uses the zone, whether or not a listener uses them. ICMP rules are always zone-wide (no listener uses ICMP). @default false: only the ports the agency's listeners in the zone use",
  }),
}).meta({
  description:
    "Traffic from outside the tenant the zone may accept: by default only on the ports that the agency's load balancer listeners in the zone use.",
});
export type IngressRule = z.infer<typeof IngressRule>;

export const ZoneSpec = z
  .strictObject({
    description: z.string().optional(),
    classification: z.enum(["C", "S", "O"]).meta({
      description:
        "Data classification of the zone in the N²SF model: C (classified), S (sensitive), O (open). Only O zones may reach the internet.",
    }),
    reaches: z.enum(["internet", "intranet", "none"]).meta({
      description:
        "External network class the zone's router has a gateway to; none: no route out of the tenant at all.",
    }),
    subnet: z
      .strictObject({
        prefixLength: z.int().min(16).max(28).meta({ description: "Size of the zone's subnet." }),
        slot: z.int().min(0).meta({
          description:
            "Position of the subnet inside the agency's block, counted in subnets of this size: slot 2 of /24s in 10.10.4.0/22 is 10.10.6.0/24.",
        }),
      })
      .meta({
        description:
          "Where the zone's subnet sits inside each agency block (the same rule for every agency).",
      }),
    ingress: z.array(IngressRule).default([]).meta({
      description:
        "Traffic from outside the tenant the zone may accept; each agency's security group opens the ports its listeners in the zone use, or every port of a zoneWide rule. @default none",
    }),
    egress: z.array(ExternalRule).default([]).meta({
      description:
        "Traffic to outside the tenant the zone may send (DNS to the site resolvers is always allowed). @default none",
    }),
  })
  .meta({ description: "A security zone: one network per agency, with its own security group." });
export type ZoneSpec = z.infer<typeof ZoneSpec>;

export const FlowSpec = z
  .strictObject({
    from: Slug.meta({ description: "Zone the traffic starts in." }),
    to: Slug.meta({ description: "Zone that accepts it." }),
    protocol: Protocol,
    ports: z.array(PortSpec).min(1).optional().meta({
      description: "Ports, required for tcp and udp; not allowed for icmp.",
    }),
    description: z.string().optional(),
  })
  .meta({ description: "An allowed flow between two zones of the same agency." });
export type FlowSpec = z.infer<typeof FlowSpec>;

export const Management = z
  .strictObject({
    zone: Slug.default("mgmt").meta({
      description: "The zone administrators work from. @default mgmt",
    }),
    adminPorts: z.array(PortSpec).min(1).default([22, 3389, "5900-5999"]).meta({
      description:
        "Administrative ports (SSH, RDP, consoles). Only the management zone and bastionRanges may reach them. @default 22, 3389, 5900-5999",
    }),
    bastionRanges: z.array(Ipv4Cidr).default([]).meta({
      description:
        "Bastion hosts outside the tenants allowed to reach administrative ports; none may be wider than minBastionPrefixLength. @default none",
    }),
    minBastionPrefixLength: z.int().min(1).max(32).default(24).meta({
      description:
        "Shortest prefix (widest range) a bastion range may have: /16 is rejected under the default. 0.0.0.0/0 is never allowed. @default 24",
    }),
  })
  .meta({ description: "Where administrative access may come from." });
export type Management = z.infer<typeof Management>;

/** The zones of the design guide, used when a region file declares none. */
export const DEFAULT_ZONES: Record<string, z.input<typeof ZoneSpec>> = {
  dmz: {
    description: "Internet-facing web tier",
    classification: "O",
    reaches: "internet",
    subnet: { prefixLength: 24, slot: 0 },
    ingress: [{ peer: "internet", protocol: "tcp", ports: [80, 443] }],
  },
  app: {
    description: "Business network: application servers",
    classification: "S",
    reaches: "intranet",
    subnet: { prefixLength: 24, slot: 1 },
  },
  db: {
    description: "Data tier, no route out of the tenant",
    classification: "S",
    reaches: "none",
    subnet: { prefixLength: 24, slot: 2 },
  },
  mgmt: {
    description: "Administration",
    classification: "S",
    reaches: "intranet",
    subnet: { prefixLength: 25, slot: 6 },
  },
};

export const DEFAULT_FLOWS: z.input<typeof FlowSpec>[] = [
  { from: "dmz", to: "app", protocol: "tcp", ports: [8080, 8443] },
  { from: "app", to: "db", protocol: "tcp", ports: [5432] },
];

/** Normalised port range. */
export interface PortRange {
  readonly min: number;
  readonly max: number;
}

export function portRange(port: PortSpec): PortRange {
  if (typeof port === "number") return { min: port, max: port };
  const [, from, to] = PORT.exec(port)!;
  return { min: Number(from), max: Number(to ?? from) };
}
