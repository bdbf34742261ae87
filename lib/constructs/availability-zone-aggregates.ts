import { Construct } from "constructs";
import { ComputeAggregateV2 } from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** One host aggregate: a name, the availability zone it exposes, and its hosts. */
export interface AvailabilityZoneAggregateProps {
  /** Aggregate name; also the construct ID, so the Terraform address follows it. */
  readonly name: string;
  /** The availability zone the hosts are put in. */
  readonly zone: string;
  /** Nova compute hosts (service host names); written sorted. */
  readonly hosts: readonly string[];
  /**
   * Aggregate metadata, e.g. the zone's fire and power description. Values are strings (Nova
   * stores nothing else); `availability_zone` comes from `zone`.
   * @default - no metadata
   */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Props of {@link AvailabilityZoneAggregates}. */
export interface AvailabilityZoneAggregatesProps {
  /** One aggregate per availability zone; names must be unique. */
  readonly aggregates: readonly AvailabilityZoneAggregateProps[];
}

/**
 * Host aggregates that put a site's compute hosts into its availability zones (Nova exposes a
 * zone through an aggregate's availability_zone). A host can be in one zone only.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class AvailabilityZoneAggregates extends Construct {
  /** The aggregate resources by aggregate name. */
  readonly aggregates: ReadonlyMap<string, ComputeAggregateV2>;

  constructor(scope: Construct, id: string, props: AvailabilityZoneAggregatesProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const aggregates = new Map<string, ComputeAggregateV2>();
    for (const aggregate of props.aggregates) {
      const metadata =
        aggregate.metadata && Object.keys(aggregate.metadata).length > 0
          ? { ...aggregate.metadata }
          : undefined;
      aggregates.set(
        aggregate.name,
        new ComputeAggregateV2(this, aggregate.name, {
          name: aggregate.name,
          zone: aggregate.zone,
          hosts: [...aggregate.hosts].sort(),
          metadata,
        }),
      );
    }
    this.aggregates = aggregates;
  }
}
