import type { FlavorCatalogue, VolumeTypes } from "../spec/catalogue";
import { REPLICATION_ENABLED } from "../spec/catalogue";
import { aggregateName } from "../names";

/**
 * The platform layer's catalogue as plain data: flavors, volume types and the host aggregates
 * of availability zones. Every list is sorted by name and every mapping by key, so that the
 * output does not depend on the order of the region file.
 */

export interface FlavorPlan {
  readonly name: string;
  /** Nova flavor ID: the name, so that a flavor has the same ID at every site. */
  readonly flavorId: string;
  readonly vcpus: number;
  readonly ramGiB: number;
  /** Root disk in GiB; 0 means boot from volume. */
  readonly diskGiB: number;
  readonly description?: string;
}

export interface VolumeTypePlan {
  readonly name: string;
  readonly description: string;
  /** Cinder extra specs, keys sorted. */
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export interface AggregatePlan {
  readonly name: string;
  /** The availability zone the aggregate's hosts are in. */
  readonly zone: string;
  /** Nova compute hosts, sorted. */
  readonly hosts: readonly string[];
  /** Aggregate metadata; values are strings. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Flavors are the same at every site: DR fails over to the same flavor names and IDs. */
export function planFlavors(flavors: FlavorCatalogue): FlavorPlan[] {
  return Object.keys(flavors)
    .sort()
    .map((name) => {
      const { vcpus, ramGiB, diskGiB, description } = flavors[name]!;
      return {
        name,
        flavorId: name,
        vcpus,
        ramGiB,
        diskGiB,
        ...(description !== undefined ? { description } : {}),
      };
    });
}

export function planVolumeTypes(types: VolumeTypes): VolumeTypePlan[] {
  return Object.keys(types)
    .sort()
    .map((name) => {
      const type = types[name]!;
      return { name, description: type.description, extraSpecs: volumeTypeExtraSpecs(type) };
    });
}

/**
 * A volume type's Cinder extra specs: the backend, replication when asked for, then the
 * type's own extra specs (which the spec keeps from naming the first two).
 */
export function volumeTypeExtraSpecs(type: {
  readonly backendName: string;
  readonly replicated?: boolean;
  readonly extraSpecs?: Readonly<Record<string, string>>;
}): Record<string, string> {
  const specs: Record<string, string> = {
    volume_backend_name: type.backendName,
    ...(type.replicated ? { replication_enabled: REPLICATION_ENABLED } : {}),
    ...type.extraSpecs,
  };
  return sortKeys(specs);
}

/** One aggregate per availability zone that lists its hosts; zones without hosts get none. */
export function planAggregates(
  site: string,
  zones: readonly {
    readonly name: string;
    readonly description?: string;
    readonly hosts?: readonly string[];
  }[],
): AggregatePlan[] {
  return zones
    .filter((zone) => zone.hosts !== undefined && zone.hosts.length > 0)
    .map((zone) => {
      const metadata: Record<string, string> = {};
      if (zone.description !== undefined) metadata.description = zone.description;
      return {
        name: aggregateName(site, zone.name),
        zone: zone.name,
        hosts: [...new Set(zone.hosts)].sort(),
        metadata,
      };
    })
    .sort((a, b) => compare(a.name, b.name));
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** Code-point order, the same in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
