import type { FlavorCatalogue, FlavorGpu, VolumeTypes } from "../spec/catalogue";
import { PCI_PASSTHROUGH_SPEC, REPLICATION_ENABLED, VGPU_SPEC } from "../spec/catalogue";
import { aggregateName, gpuAggregateName } from "../names";

/**
 * How GPU hosts are kept for GPU flavors: Nova's AggregateInstanceExtraSpecsFilter (it must be in
 * the scheduler's enabled_filters) passes a host only when, for every flavor extra spec scoped
 * `aggregate_instance_extra_specs:<key>`, the metadata of one of the host's aggregates has that
 * key with that value. A region with GPUs therefore marks every aggregate with `gpu` ("true" for
 * the GPU hosts' aggregates, "false" for the zones' general hosts) and every flavor with the
 * matching scoped spec: general flavors land on general hosts only, GPU flavors on GPU hosts only,
 * and a host in no tamna aggregate takes neither.
 */
export const GPU_AGGREGATE_KEY = "gpu";
export const GPU_FLAVOR_SPEC = `aggregate_instance_extra_specs:${GPU_AGGREGATE_KEY}`;

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
  /** GPUs per instance; 0 for a general flavor. */
  readonly gpus: number;
  /** GPU flavors are private: only the projects granted access (agencies with a GPU quota) see them. */
  readonly isPublic: boolean;
  /** Nova extra specs, keys sorted: the GPU request and the aggregate key; empty without GPUs. */
  readonly extraSpecs: Readonly<Record<string, string>>;
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

/**
 * Flavors are the same at every site: DR fails over to the same flavor names and IDs. With
 * `gpuIsolation` (the region has GPUs) each flavor says which hosts it may land on.
 */
export function planFlavors(flavors: FlavorCatalogue, gpuIsolation = false): FlavorPlan[] {
  return Object.keys(flavors)
    .sort()
    .map((name) => {
      const { vcpus, ramGiB, diskGiB, description, gpu } = flavors[name]!;
      return {
        name,
        flavorId: name,
        vcpus,
        ramGiB,
        diskGiB,
        ...(description !== undefined ? { description } : {}),
        gpus: gpu?.count ?? 0,
        isPublic: gpu === undefined,
        extraSpecs: flavorExtraSpecs(gpu, gpuIsolation),
      };
    });
}

/** The Nova extra specs of a flavor: its GPU request, and which aggregates it may land in. */
export function flavorExtraSpecs(
  gpu: FlavorGpu | undefined,
  gpuIsolation: boolean,
): Record<string, string> {
  const specs: Record<string, string> = {};
  if (gpu?.type === "passthrough") specs[PCI_PASSTHROUGH_SPEC] = `${gpu.alias}:${gpu.count}`;
  if (gpu?.type === "vgpu") specs[VGPU_SPEC] = String(gpu.count);
  if (gpuIsolation || gpu !== undefined) specs[GPU_FLAVOR_SPEC] = String(gpu !== undefined);
  return sortKeys(specs);
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

/**
 * One aggregate per availability zone that lists its hosts, and one more for the zone's GPU
 * hosts (in the same zone: Nova lets several aggregates expose one zone, a host being in one
 * zone only); zones without hosts get none. With `gpuIsolation` (the region has GPUs) every
 * aggregate carries the gpu key that flavors match (see GPU_AGGREGATE_KEY).
 */
export function planAggregates(
  site: string,
  zones: readonly {
    readonly name: string;
    readonly description?: string;
    readonly hosts?: readonly string[];
    readonly gpuHosts?: readonly string[];
  }[],
  gpuIsolation = false,
): AggregatePlan[] {
  const aggregates: AggregatePlan[] = [];
  for (const zone of zones) {
    const described: Record<string, string> =
      zone.description !== undefined ? { description: zone.description } : {};
    if (zone.hosts !== undefined && zone.hosts.length > 0) {
      aggregates.push({
        name: aggregateName(site, zone.name),
        zone: zone.name,
        hosts: [...new Set(zone.hosts)].sort(),
        metadata: { ...described, ...(gpuIsolation ? { [GPU_AGGREGATE_KEY]: "false" } : {}) },
      });
    }
    if (zone.gpuHosts !== undefined && zone.gpuHosts.length > 0) {
      aggregates.push({
        name: gpuAggregateName(site, zone.name),
        zone: zone.name,
        hosts: [...new Set(zone.gpuHosts)].sort(),
        metadata: { ...described, [GPU_AGGREGATE_KEY]: "true" },
      });
    }
  }
  return aggregates.sort((a, b) => compare(a.name, b.name));
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** Code-point order, the same in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
