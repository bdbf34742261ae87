/**
 * Quota cut below usage: a tenancy stack lowers a Nova or Cinder quota to less than what the
 * agency's workloads in the head output use. Applying it would not delete anything, but every
 * later change (a resize, a rebuild, a failover to standby) would fail on quota.
 *
 * Usage is counted in the head's `<agency>-<site>` stack: instances, their flavors' vCPUs and
 * RAM (looked up by `flavor_name` or `flavor_id` in the site's platform stack), volumes and their
 * sizes. A flavor that cannot be resolved counts nothing, so usage is a lower bound and a flag is
 * never wrong about the shortfall. A quota of -1 is unlimited.
 */
import { templateLiteral } from "../../template";
import type { Danger } from "../model";
import { referencedAddress } from "../references";
import { blocksOf, resourcesOfType, type Block, type TerraformJson } from "../terraform-json";
import { baseBlockOf, changesWith, headBlockOf, platformStackOf, type DangerRule } from "./context";

/** The quota fields checked, per quota type, with the unit they are counted in. */
const QUOTA_FIELDS: Readonly<Record<string, readonly { field: keyof Usage; unit: string }[]>> = {
  openstack_compute_quotaset_v2: [
    { field: "instances", unit: "instances" },
    { field: "cores", unit: "vCPUs" },
    { field: "ram", unit: "MiB of RAM" },
  ],
  openstack_blockstorage_quotaset_v3: [
    { field: "volumes", unit: "volumes" },
    { field: "gigabytes", unit: "GiB" },
  ],
};

export interface Usage {
  readonly instances: number;
  readonly cores: number;
  readonly ram: number;
  readonly volumes: number;
  readonly gigabytes: number;
}

export const quotaCut: DangerRule = ({ head, comparisons }) => {
  const dangers: Danger[] = [];
  for (const comparison of comparisons) {
    const stack = comparison.diff.stack;
    if (!stack.startsWith("tenancy-")) continue;
    const workloads = head.stacks.get(stack.slice("tenancy-".length));
    if (!workloads) continue;
    let usage: Usage | undefined;
    for (const [type, fields] of Object.entries(QUOTA_FIELDS)) {
      for (const change of changesWith(comparison, ["update", "replace"], type)) {
        const before = baseBlockOf(comparison, change)?.body;
        const after = headBlockOf(comparison, change)?.body;
        if (!before || !after) continue;
        usage ??= workloadUsage(workloads, platformStackOf(stack, head));
        for (const { field, unit } of fields) {
          const was = before[field];
          const is = after[field];
          if (typeof was !== "number" || typeof is !== "number" || is < 0) continue;
          const used = usage[field];
          if ((was < 0 || is < was) && is < used) {
            dangers.push({
              kind: "quota-below-usage",
              stack,
              address: change.address,
              message: `${field} quota cut from ${was < 0 ? "unlimited" : was} to ${is}, below the ${used} ${unit} the workloads in ${stack.slice("tenancy-".length)} use`,
            });
          }
        }
      }
    }
  }
  return dangers;
};

/** What the workloads of one agency stack use, with flavors from the site's platform stack. */
export function workloadUsage(
  workloads: TerraformJson,
  platform: TerraformJson | undefined,
): Usage {
  const flavors = resourcesOfType(platform, "openstack_compute_flavor_v2");
  const flavorData = blocksOf(workloads, "data");
  let instances = 0;
  let cores = 0;
  let ram = 0;
  for (const instance of resourcesOfType(workloads, "openstack_compute_instance_v2")) {
    const count = typeof instance.body.count === "number" ? instance.body.count : 1;
    const flavor = flavorOf(instance, flavors, flavorData);
    instances += count;
    cores += count * (typeof flavor?.body.vcpus === "number" ? flavor.body.vcpus : 0);
    ram += count * (typeof flavor?.body.ram === "number" ? flavor.body.ram : 0);
  }
  let volumes = 0;
  let gigabytes = 0;
  for (const volume of resourcesOfType(workloads, "openstack_blockstorage_volume_v3")) {
    const count = typeof volume.body.count === "number" ? volume.body.count : 1;
    volumes += count;
    gigabytes += count * (typeof volume.body.size === "number" ? volume.body.size : 0);
  }
  return { instances, cores, ram, volumes, gigabytes };
}

/** The platform flavor an instance names, directly or through a flavor data source. */
function flavorOf(
  instance: Block,
  flavors: readonly Block[],
  data: ReadonlyMap<string, Block>,
): Block | undefined {
  const resolve = (value: unknown, attribute: "name" | "flavor_id") => {
    const source = referencedAddress(value, data);
    const literal = source ? data.get(source)?.body[attribute] : value;
    return typeof literal === "string" ? templateLiteral(literal) : undefined;
  };
  const name = resolve(instance.body.flavor_name, "name");
  const id = resolve(instance.body.flavor_id, "flavor_id");
  return flavors.find(
    (flavor) =>
      (name !== undefined && flavor.body.name === name) ||
      (id !== undefined && flavor.body.flavor_id === id),
  );
}
