import type { TenancyStackPlan } from "../../plan/region-plan";
import type { Quota } from "../../spec/common";
import { isRecord, literalNumber, literalString } from "../json";
import {
  elementAt,
  parseReference,
  platformPlanOf,
  resolvedName,
  resourcesOfType,
  siblingView,
} from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";
import type { PolicyResource } from "../stack-view";

/** (h) The tenancy's Nova and Cinder quotas hold what the agency stack creates. */
export const quotasHoldWorkloads: PolicyRule = {
  id: "TAMNA-CAP-001",
  level: "error",
  title: "The agency's quotas hold its workloads at each site",
  explanation:
    "Quotas live in the tenancy stack, workloads in the agency stack, flavors in the platform " +
    "stack: each plans on its own, so nothing in Terraform notices that the instances, vCPUs, " +
    "RAM, volumes or gigabytes of an agency's workloads exceed its project's quota until the " +
    "apply fails halfway, or a DR failover cannot start its standby servers. This rule adds up " +
    "the agency stack's instances (by flavor, from the site's flavor catalogue) and volumes " +
    "(including boot volumes) and compares them with the tenancy stack's quota sets of the " +
    "same site (or the plan's quota and flavors when those stacks are not checked together).",
  check(context) {
    const { agency, site } = context.stack;
    if (context.stack.layer !== "agency" || !agency) return [];
    const catalogue = flavorCatalogue(context);
    const { usage, violations } = workloadUsage(context, catalogue);
    const quota = tenancyQuota(context);
    if (!quota) return violations;
    return [
      ...violations,
      ...quota.limits.flatMap((limit): Violation[] => {
        const needed = usage[limit.dimension];
        if (limit.value === undefined || limit.value < 0 || needed <= limit.value) return [];
        return [
          {
            ...(limit.resource ? { resource: limit.resource } : { stack: quota.stack }),
            attribute: limit.attribute,
            message: `agency ${agency} needs ${needed} ${limit.what} at site ${site}, but its quota (${limit.attribute}) is ${limit.value}`,
            hint: `raise the agency's quota (quota in its file, or the region's quotaDefaults) to at least ${limit.toSpec(needed)}, or shrink the workloads`,
          },
        ];
      }),
    ];
  },
};

type Dimension = "instances" | "cores" | "ramMiB" | "volumes" | "gigabytes";
type Usage = Record<Dimension, number>;

interface Flavor {
  readonly name: string;
  readonly flavorId?: string;
  readonly vcpus: number;
  readonly ramMiB: number;
}

interface Limit {
  readonly dimension: Dimension;
  readonly what: string;
  /** The quota set attribute. */
  readonly attribute: string;
  readonly value?: number;
  readonly resource?: PolicyResource;
  /** The value to write in the spec (which counts RAM in GiB). */
  toSpec(needed: number): string;
}

/** The site's flavors: the platform stack's when checked together, else the plan's. */
function flavorCatalogue(context: PolicyContext): Flavor[] {
  const platform = platformPlanOf(context, context.stack.site);
  const view = platform ? siblingView(context, platform.name) : undefined;
  if (view) {
    return resourcesOfType(view, "openstack_compute_flavor_v2").flatMap((flavor) => {
      const { name, flavor_id: flavorId, vcpus, ram } = flavor.attributes;
      const cores = literalNumber(vcpus);
      const ramMiB = literalNumber(ram);
      if (typeof name !== "string" || cores === undefined || ramMiB === undefined) return [];
      return [
        { name, ...(typeof flavorId === "string" ? { flavorId } : {}), vcpus: cores, ramMiB },
      ];
    });
  }
  return (platform?.flavors ?? []).map((flavor) => ({
    name: flavor.name,
    flavorId: flavor.flavorId,
    vcpus: flavor.vcpus,
    ramMiB: flavor.ramGiB * 1024,
  }));
}

function workloadUsage(
  context: PolicyContext,
  catalogue: readonly Flavor[],
): { usage: Usage; violations: Violation[] } {
  const usage: Usage = { instances: 0, cores: 0, ramMiB: 0, volumes: 0, gigabytes: 0 };
  const violations: Violation[] = [];
  const countOf = (resource: PolicyResource): number => {
    const count = multiplicity(resource);
    if (count !== undefined) return count;
    violations.push({
      resource,
      attribute: resource.attributes.count !== undefined ? "count" : "for_each",
      message: `${resource.type} has a count that is not a number in the output, so it cannot be checked against the quota`,
      hint: "give the construct a literal count (one resource per instance, as tamna's constructs do)",
    });
    return 1;
  };

  for (const instance of resourcesOfType(context, "openstack_compute_instance_v2")) {
    const count = countOf(instance);
    usage.instances += count;
    const flavor = flavorOf(context, instance, catalogue);
    if (flavor) {
      usage.cores += count * flavor.vcpus;
      usage.ramMiB += count * flavor.ramMiB;
    } else {
      violations.push({
        resource: instance,
        attribute: instance.attributes.flavor_name !== undefined ? "flavor_name" : "flavor_id",
        message: `the instance's flavor is not in the flavor catalogue of site ${context.stack.site}, so its vCPUs and RAM cannot be checked against the quota`,
        hint: "use a flavor of the region's catalogue (flavors in region.yaml), by name",
      });
    }
    for (const device of blockDevices(instance)) {
      if (device.destination_type !== "volume" || device.source_type === "volume") continue;
      usage.volumes += count;
      usage.gigabytes += count * (literalNumber(device.volume_size) ?? 0);
    }
  }
  for (const volume of resourcesOfType(context, "openstack_blockstorage_volume_v3")) {
    const count = countOf(volume);
    usage.volumes += count;
    usage.gigabytes += count * (literalNumber(volume.attributes.size) ?? 0);
  }
  return { usage, violations };
}

function flavorOf(
  context: PolicyContext,
  instance: PolicyResource,
  catalogue: readonly Flavor[],
): Flavor | undefined {
  const name = resolvedName(context, instance.attributes.flavor_name);
  if (name !== undefined) return catalogue.find((flavor) => flavor.name === name);
  const id = instance.attributes.flavor_id;
  const literalId = literalString(id);
  if (literalId !== undefined)
    return catalogue.find((flavor) => flavor.flavorId === literalId || flavor.name === literalId);
  // A data source that looks the flavor up by name or ID.
  const reference = parseReference(id);
  const lookup = reference ? elementAt(context, reference.address) : undefined;
  const byName = lookup?.attributes.name;
  const byId = lookup?.attributes.flavor_id;
  return catalogue.find(
    (flavor) =>
      (typeof byName === "string" && flavor.name === byName) ||
      (typeof byId === "string" && flavor.flavorId === byId),
  );
}

/** How many objects a resource block creates; undefined when it is not literal. */
function multiplicity(resource: PolicyResource): number | undefined {
  const { count, for_each: forEach } = resource.attributes;
  if (count !== undefined) return literalNumber(count);
  if (forEach === undefined) return 1;
  if (Array.isArray(forEach)) return forEach.length;
  return isRecord(forEach) ? Object.keys(forEach).length : undefined;
}

function blockDevices(instance: PolicyResource): Record<string, unknown>[] {
  const list = instance.attributes.block_device;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

const COMPUTE_QUOTA = "openstack_compute_quotaset_v2";
const BLOCK_QUOTA = "openstack_blockstorage_quotaset_v3";

/** Each quota checked: the quota set and attribute that hold it, and its field in the spec. */
const QUOTAS: readonly {
  readonly dimension: Dimension;
  readonly what: string;
  readonly quotaSet: string;
  readonly attribute: string;
  readonly specField: Exclude<keyof Quota, "objectStorageGiB" | "gpus">;
  /** Units of the quota set per unit of the spec field. @default 1 */
  readonly scale?: number;
}[] = [
  {
    dimension: "instances",
    what: "instances",
    quotaSet: COMPUTE_QUOTA,
    attribute: "instances",
    specField: "instances",
  },
  {
    dimension: "cores",
    what: "vCPUs",
    quotaSet: COMPUTE_QUOTA,
    attribute: "cores",
    specField: "cores",
  },
  // Nova counts RAM in MiB, the spec in GiB.
  {
    dimension: "ramMiB",
    what: "MiB of RAM",
    quotaSet: COMPUTE_QUOTA,
    attribute: "ram",
    specField: "ramGiB",
    scale: 1024,
  },
  {
    dimension: "volumes",
    what: "volumes",
    quotaSet: BLOCK_QUOTA,
    attribute: "volumes",
    specField: "volumes",
  },
  {
    dimension: "gigabytes",
    what: "GiB of volumes",
    quotaSet: BLOCK_QUOTA,
    attribute: "gigabytes",
    specField: "volumeGiB",
  },
];

/** The quota of the agency's project at the site: the tenancy stack's, else the plan's. */
function tenancyQuota(
  context: PolicyContext,
): { stack: string; limits: readonly Limit[] } | undefined {
  const tenancy = context.region.plan.stacks.find(
    (stack): stack is TenancyStackPlan =>
      stack.layer === "tenancy" &&
      stack.agency === context.stack.agency &&
      stack.site === context.stack.site,
  );
  if (!tenancy) return undefined;
  const view = siblingView(context, tenancy.name);
  return {
    stack: tenancy.name,
    limits: QUOTAS.map(({ dimension, what, quotaSet, attribute, specField, scale = 1 }) => {
      const resource = view && resourcesOfType(view, quotaSet)[0];
      const planned = tenancy.quota[specField] * scale;
      return {
        dimension,
        what,
        attribute,
        value: view ? literalNumber(resource?.attributes[attribute]) : planned,
        ...(resource ? { resource } : {}),
        toSpec: (needed: number) => `${specField}: ${Math.ceil(needed / scale)}`,
      };
    }),
  };
}
