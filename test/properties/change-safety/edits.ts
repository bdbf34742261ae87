/**
 * The routine edits of the change-safety suite: what a platform engineer does to a region every
 * week (add an availability zone, scale a workload, add or remove a system, a workload or an
 * agency, reorder lists, rename things). fast-check generates each edit as a few numbers (which
 * target, by how much, in which order); `applyEdit` resolves them against the region as it is
 * now, so the suite keeps working whatever agencies the example holds, and says what the edit
 * may take away: everything else must come through untouched.
 */
import fc from "fast-check";
import { hostAt, hostOffset, overlaps, subnetAt, subnetCount } from "../../../lib/net/cidr";
import type { AgencyStackPlan, RegionPlan } from "../../../lib/plan/region-plan";
import type { PlacementLock } from "../../../lib/spec/placement-lock";

/* eslint-disable @typescript-eslint/no-explicit-any -- spec objects are edited as their YAML files hold them */

/** A region as its files say: region.yaml, the agency files and the committed placement locks. */
export interface RegionState {
  readonly region: any;
  readonly agencies: readonly any[];
  readonly locks: readonly PlacementLock[];
}

/** What an edit takes away on purpose, as `agency/system` and `agency/system/workload` keys. */
export interface EditEffect {
  readonly removedSystems: readonly string[];
  readonly removedWorkloads: readonly string[];
  /** Workloads scaled down: their highest-numbered instances go. */
  readonly scaledDown: readonly string[];
}

export interface AppliedEdit {
  readonly kind: EditKind;
  /** What was done, precisely enough to redo it by hand. */
  readonly description: string;
  readonly region: any;
  readonly agencies: any[];
  readonly effect: EditEffect;
}

export const EDIT_KINDS = [
  "add-zone",
  "scale",
  "add-system",
  "remove-system",
  "add-workload",
  "remove-workload",
  "add-agency",
  "reorder",
  "rename",
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/**
 * An edit as fast-check draws it: `pick` chooses the target among those the region has when the
 * edit is applied (modulo their number), `at` where a copy is inserted, `order` a permutation.
 */
export type EditChoice =
  | { readonly kind: "add-zone"; readonly pick: number; readonly hosts: boolean }
  | { readonly kind: "scale"; readonly pick: number; readonly by: number }
  | { readonly kind: "add-system"; readonly pick: number; readonly at: number }
  | { readonly kind: "remove-system"; readonly pick: number }
  | { readonly kind: "add-workload"; readonly pick: number; readonly at: number }
  | { readonly kind: "remove-workload"; readonly pick: number }
  | { readonly kind: "add-agency"; readonly pick: number }
  | { readonly kind: "reorder"; readonly pick: number; readonly order: readonly number[] }
  | { readonly kind: "rename"; readonly pick: number; readonly text: string };

/** Display names and descriptions a user might write, Korean and English. */
const NEW_TEXTS = [
  "개편된 업무 시스템",
  "민원 서비스 (2027 개편)",
  "Renamed after the 2027 reorganisation",
  "Hall D, fire compartment 4, power feed B",
  "운영 이관 예정",
  "Citizen services, second generation",
] as const;

const pick = fc.nat({ max: 1_000_000 });

/** One routine edit; scaling and zones come up more often, as they do in practice. */
export const editChoice: fc.Arbitrary<EditChoice> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("add-zone" as const), pick, hosts: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("scale" as const),
      pick,
      by: fc.constantFrom(-2, -1, 1, 2),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("add-system" as const), pick, at: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove-system" as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("add-workload" as const), pick, at: pick }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove-workload" as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("add-agency" as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reorder" as const),
      pick,
      order: fc.array(pick, { minLength: 8, maxLength: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rename" as const),
      pick,
      text: fc.constantFrom(...NEW_TEXTS),
    }),
  },
);

/** A sequence of 1 to 5 routine edits. */
export const editSequence: fc.Arbitrary<EditChoice[]> = fc.array(editChoice, {
  minLength: 1,
  maxLength: 5,
});

const NOTHING: EditEffect = { removedSystems: [], removedWorkloads: [], scaledDown: [] };

/**
 * Applies `choice` to copies of the state's files. `plan` is the current state's plan, for
 * facts the files only imply (zone subnets for fixed IPs). Undefined when the region has no
 * target for this kind of edit (no system left to remove, no list to reorder).
 */
export function applyEdit(
  state: RegionState,
  choice: EditChoice,
  plan: RegionPlan,
): AppliedEdit | undefined {
  const region = structuredClone(state.region);
  const agencies: any[] = structuredClone(state.agencies) as any[];
  const done = (description: string, effect: EditEffect = NOTHING): AppliedEdit => ({
    kind: choice.kind,
    description,
    region,
    agencies,
    effect,
  });
  switch (choice.kind) {
    case "add-zone": {
      const sites = Object.keys(region.sites ?? {}).sort();
      if (sites.length === 0) return undefined;
      const site = sites[choice.pick % sites.length]!;
      const zones: any[] = region.sites[site].availabilityZones;
      const name = newZoneName(region, site);
      const zone: any = { name, description: `New hall for ${name}` };
      if (choice.hosts && zones.some((z) => z.hosts))
        zone.hosts = [`${name}-cmp-01`, `${name}-cmp-02`];
      zones.push(zone);
      return done(
        `add availability zone ${name} to site ${site}${zone.hosts ? " with hosts" : ""}`,
      );
    }
    case "scale": {
      const targets = workloadsOf(agencies);
      if (targets.length === 0) return undefined;
      const { agency, system, workload } = targets[choice.pick % targets.length]!;
      return scale(agency, system, workload, choice.by, plan, done);
    }
    case "add-system": {
      const targets = systemsOf(agencies);
      if (targets.length === 0) return undefined;
      const { agency, system } = targets[choice.pick % targets.length]!;
      const copy = structuredClone(system);
      copy.name = uniqueSlug(
        system.name,
        agency.systems.map((s: any) => s.name),
      );
      copy.displayName = `${system.displayName} (사본)`;
      for (const workload of copy.workloads) detachCopy(workload);
      const at = choice.at % (agency.systems.length + 1);
      agency.systems.splice(at, 0, copy);
      return done(
        `add system ${agency.slug}/${copy.name} (a copy of ${system.name}) at position ${at}`,
      );
    }
    case "remove-system": {
      const targets = systemsOf(agencies);
      if (targets.length === 0) return undefined;
      const { agency, system } = targets[choice.pick % targets.length]!;
      agency.systems = agency.systems.filter((s: any) => s !== system);
      return done(`remove system ${agency.slug}/${system.name}`, {
        ...NOTHING,
        removedSystems: [`${agency.slug}/${system.name}`],
      });
    }
    case "add-workload": {
      const targets = workloadsOf(agencies);
      if (targets.length === 0) return undefined;
      const { agency, system, workload } = targets[choice.pick % targets.length]!;
      const copy = structuredClone(workload);
      copy.name = uniqueSlug(
        workload.name,
        system.workloads.map((w: any) => w.name),
      );
      detachCopy(copy);
      const at = choice.at % (system.workloads.length + 1);
      system.workloads.splice(at, 0, copy);
      return done(
        `add workload ${agency.slug}/${system.name}/${copy.name} (a copy of ${workload.name}) at position ${at}`,
      );
    }
    case "remove-workload": {
      const targets = workloadsOf(agencies).filter((t) => t.system.workloads.length > 1);
      if (targets.length === 0) return undefined;
      const { agency, system, workload } = targets[choice.pick % targets.length]!;
      system.workloads = system.workloads.filter((w: any) => w !== workload);
      return done(`remove workload ${agency.slug}/${system.name}/${workload.name}`, {
        ...NOTHING,
        removedWorkloads: [`${agency.slug}/${system.name}/${workload.name}`],
      });
    }
    case "add-agency": {
      if (agencies.length === 0) return undefined;
      const source = agencies[choice.pick % agencies.length]!;
      const copy = copyAgency(region, agencies, source);
      if (!copy) return undefined;
      agencies.splice(choice.pick % (agencies.length + 1), 0, copy);
      return done(
        `add agency ${copy.slug} (a copy of ${source.slug}) with address block ${JSON.stringify(copy.addressBlock)}`,
      );
    }
    case "reorder": {
      const lists = reorderableLists(region, agencies);
      if (lists.length === 0) return undefined;
      const list = lists[choice.pick % lists.length]!;
      const before = list.items();
      const order = permutation(before.length, choice.order);
      list.reorder(order);
      return done(`reorder ${list.what}: [${order.map((i) => before[i]).join(", ")}]`);
    }
    case "rename": {
      const fields = textFields(region, agencies);
      if (fields.length === 0) return undefined;
      const field = fields[choice.pick % fields.length]!;
      const text = field.owner[field.key] === choice.text ? `${choice.text} 2` : choice.text;
      field.owner[field.key] = text;
      return done(`set ${field.what} to "${text}"`);
    }
  }
}

interface SystemTarget {
  readonly agency: any;
  readonly system: any;
}
interface WorkloadTarget extends SystemTarget {
  readonly workload: any;
}

function systemsOf(agencies: readonly any[]): SystemTarget[] {
  return agencies.flatMap((agency) =>
    (agency.systems ?? []).map((system: any) => ({ agency, system })),
  );
}

function workloadsOf(agencies: readonly any[]): WorkloadTarget[] {
  return systemsOf(agencies).flatMap(({ agency, system }) =>
    system.workloads.map((workload: any) => ({ agency, system, workload })),
  );
}

/**
 * Scales a workload by `by` within 1..100. Fixed IPs follow the count: scaling down drops the
 * last addresses (those of the instances that go), scaling up takes free addresses of the
 * zone's fixed range; where none is free the workload scales down instead.
 */
function scale(
  agency: any,
  system: any,
  workload: any,
  by: number,
  plan: RegionPlan,
  done: (description: string, effect?: EditEffect) => AppliedEdit,
): AppliedEdit {
  const key = `${agency.slug}/${system.name}/${workload.name}`;
  const count: number = workload.count ?? 1;
  let to = Math.min(100, Math.max(1, count + by));
  if (to === count) to = Math.min(100, Math.max(1, count - by));
  if (workload.fixedIps && to > count) {
    const free = freeFixedIps(agency, system, workload, plan);
    to = Math.min(to, count + free.length);
    if (to === count) to = Math.max(1, count - Math.abs(by));
    else workload.fixedIps = [...workload.fixedIps, ...free.slice(0, to - count)];
  }
  if (workload.fixedIps && to < count) workload.fixedIps = workload.fixedIps.slice(0, to);
  workload.count = to;
  const ips = workload.fixedIps ? ` (fixedIps [${workload.fixedIps.join(", ")}])` : "";
  return done(
    `scale ${key} from ${count} to ${to}${ips}`,
    to < count ? { ...NOTHING, scaledDown: [key] } : NOTHING,
  );
}

/** Host numbers a zone subnet keeps out of DHCP for fixed IPs (see lib/plan/fixed-ips.ts). */
const FIXED_HOSTS = [2, 3, 4, 5, 6, 7, 8, 9];

/** Addresses of the workload's zone subnet at its home site that no workload of the agency holds. */
function freeFixedIps(agency: any, system: any, workload: any, plan: RegionPlan): string[] {
  const home = plan.stacks.find(
    (stack): stack is AgencyStackPlan =>
      stack.layer === "agency" &&
      stack.agency === agency.slug &&
      stack.compute.systems.some((s) => s.name === system.name && s.role === "primary"),
  );
  const cidr = home?.network.zones.find((zone) => zone.zone === workload.zone)?.cidr;
  if (cidr === undefined) return [];
  const used = new Set(
    workloadsOf([agency]).flatMap(({ workload: w }) =>
      (w.fixedIps ?? []).map((ip: string) => hostOffset(cidr, ip)),
    ),
  );
  return FIXED_HOSTS.filter((offset) => !used.has(offset)).map((offset) => hostAt(cidr, offset));
}

/** A copied workload gets what must stay unique anew: fixed IPs and explicit DNS names. */
function detachCopy(workload: any): void {
  delete workload.fixedIps;
  if (workload.expose) delete workload.expose.dnsName;
}

/** `<base>-c<n>` for the first n not taken, within the 32 characters of a slug. */
function uniqueSlug(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const suffix = `-c${n}`;
    const name = `${base.slice(0, 32 - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.includes(name)) return name;
  }
}

/** The next zone name in the site's own pattern (cdc-az1, cdc-az2 -> cdc-az3), unused anywhere. */
function newZoneName(region: any, site: string): string {
  const taken = new Set(
    Object.values<any>(region.sites).flatMap((s) => s.availabilityZones.map((z: any) => z.name)),
  );
  const names: string[] = region.sites[site].availabilityZones.map((z: any) => z.name);
  const pattern = names.map((name) => /^(.*?)(\d+)$/.exec(name)).find((m) => m !== null);
  const prefix = pattern ? pattern[1]! : `${site}-az`;
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/**
 * A copy of `source` under a new slug and address block, without what must stay unique in the
 * region: its own DNS zone name and fixed IPs. Undefined when the supernets are full.
 */
function copyAgency(region: any, agencies: readonly any[], source: any): any | undefined {
  const copy = structuredClone(source);
  copy.slug = uniqueSlug(
    source.slug,
    agencies.map((a) => a.slug),
  );
  copy.name = `${source.name} (신설)`;
  if (copy.englishName !== undefined) copy.englishName = `${source.englishName} (new)`;
  delete copy.dnsZone;
  for (const { workload } of workloadsOf([copy])) delete workload.fixedIps;
  for (const suppression of copy.suppressions ?? []) {
    if (typeof suppression.stack === "string" && suppression.stack.startsWith(`${source.slug}-`))
      suppression.stack = `${copy.slug}${suppression.stack.slice(source.slug.length)}`;
  }
  const sites: string[] = copy.sites ?? Object.keys(region.sites);
  const index = freeBlockIndex(region, agencies, sites);
  if (index === undefined) return undefined;
  const prefix: number = region.addressPlan.agencyPrefixLength;
  copy.addressBlock =
    "cidrs" in source.addressBlock
      ? {
          cidrs: Object.fromEntries(
            Object.keys(source.addressBlock.cidrs).map((site) => [
              site,
              subnetAt(region.addressPlan.supernets[site], prefix, index)!,
            ]),
          ),
        }
      : { index };
  return copy;
}

/** The lowest agency block index that no agency holds at any site, by index or by CIDR. */
function freeBlockIndex(region: any, agencies: readonly any[], sites: readonly string[]) {
  const prefix: number = region.addressPlan.agencyPrefixLength;
  const supernets: Record<string, string> = region.addressPlan.supernets;
  const held = (site: string): string[] =>
    agencies.flatMap((agency) => {
      if ("index" in agency.addressBlock) {
        const block = subnetAt(supernets[site]!, prefix, agency.addressBlock.index);
        return block ? [block] : [];
      }
      const cidr = agency.addressBlock.cidrs[site];
      return cidr ? [cidr] : [];
    });
  const size = Math.min(...sites.map((site) => Number(subnetCount(supernets[site]!, prefix))));
  for (let index = 0; index < size; index++) {
    const free = sites.every((site) => {
      const block = subnetAt(supernets[site]!, prefix, index)!;
      return !held(site).some((cidr) => overlaps(cidr, block));
    });
    if (free) return index;
  }
  return undefined;
}

/** A list (or map) whose order means nothing: reordering it must change nothing. */
interface ReorderableList {
  readonly what: string;
  items(): string[];
  reorder(order: readonly number[]): void;
}

function reorderableLists(region: any, agencies: any[]): ReorderableList[] {
  const lists: ReorderableList[] = [];
  const array = (what: string, owner: any, key: string, label: (item: any) => string) => {
    const items = owner?.[key];
    if (!Array.isArray(items) || items.length < 2) return;
    lists.push({
      what,
      items: () => owner[key].map(label),
      reorder: (order) => {
        const before = [...owner[key]];
        owner[key] = order.map((i) => before[i]);
      },
    });
  };
  const record = (what: string, owner: any, key: string) => {
    const map = owner?.[key];
    if (map === null || typeof map !== "object" || Object.keys(map).length < 2) return;
    lists.push({
      what,
      items: () => Object.keys(owner[key]),
      reorder: (order) => {
        const entries = Object.entries(owner[key]);
        owner[key] = Object.fromEntries(order.map((i) => entries[i]!));
      },
    });
  };
  const named = (item: any) => String(item?.name ?? JSON.stringify(item));

  array("the agency files", { agencies }, "agencies", (a) => a.slug);
  record("the sites of the region", region, "sites");
  record("the zone catalogue", region, "zones");
  record("the flavors", region, "flavors");
  record("the images", region, "images");
  record("the volume types", region, "volumeTypes");
  array("the flows", region, "flows", (flow) => `${flow.from}->${flow.to}`);
  for (const [name, site] of Object.entries<any>(region.sites ?? {})) {
    array(`the availability zones of site ${name}`, site, "availabilityZones", named);
    record(`the external networks of site ${name}`, site, "externalNetworks");
    for (const zone of site.availabilityZones ?? [])
      array(`the hosts of availability zone ${zone.name}`, zone, "hosts", String);
  }
  for (const agency of agencies) {
    array(`the zones of agency ${agency.slug}`, agency, "zones", String);
    array(`the systems of agency ${agency.slug}`, agency, "systems", named);
    record(`the key pairs of agency ${agency.slug}`, agency, "keyPairs");
    for (const system of agency.systems ?? []) {
      const at = `${agency.slug}/${system.name}`;
      array(`the workloads of system ${at}`, system, "workloads", named);
      array(`the containers of system ${at}`, system, "containers", named);
      for (const workload of system.workloads ?? []) {
        array(`the volumes of workload ${at}/${workload.name}`, workload, "volumes", named);
        array(
          `the listeners of workload ${at}/${workload.name}`,
          workload.expose,
          "listeners",
          (l) => `${l.protocol}:${l.port}`,
        );
      }
    }
  }
  return lists;
}

/** A permutation of 0..n-1 from the drawn numbers; never the identity when n > 1. */
function permutation(n: number, draws: readonly number[]): number[] {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => draws[a % draws.length]! - draws[b % draws.length]! || a - b,
  );
  if (order.every((value, i) => value === i)) order.push(order.shift()!);
  return order;
}

/** A display name or description a user may change at will. */
interface TextField {
  readonly what: string;
  readonly owner: any;
  readonly key: string;
}

function textFields(region: any, agencies: readonly any[]): TextField[] {
  const fields: TextField[] = [];
  const field = (what: string, owner: any, key: string, optional = false) => {
    if (owner && (typeof owner[key] === "string" || (optional && owner[key] === undefined)))
      fields.push({ what, owner, key });
  };
  field("the region's displayName", region, "displayName");
  for (const [name, site] of Object.entries<any>(region.sites ?? {})) {
    field(`the displayName of site ${name}`, site, "displayName");
    for (const zone of site.availabilityZones ?? [])
      field(`the description of availability zone ${zone.name}`, zone, "description");
  }
  for (const [name, zone] of Object.entries<any>(region.zones ?? {}))
    field(`the description of zone ${name}`, zone, "description");
  // Flow descriptions are left out: they become security group rule descriptions, which the
  // provider cannot update, so changing one replaces the rules (see flowDescriptionReplacesRules).
  for (const catalogue of ["flavors", "images", "volumeTypes"])
    for (const [name, entry] of Object.entries<any>(region[catalogue] ?? {}))
      field(`the description of ${catalogue} entry ${name}`, entry, "description");
  for (const agency of agencies) {
    field(`the name of agency ${agency.slug}`, agency, "name");
    field(`the englishName of agency ${agency.slug}`, agency, "englishName");
    for (const system of agency.systems ?? []) {
      const at = `${agency.slug}/${system.name}`;
      field(`the displayName of system ${at}`, system, "displayName");
      field(`the description of system ${at}`, system, "description", true);
      for (const container of system.containers ?? [])
        field(`the description of container ${at}/${container.name}`, container, "description");
    }
  }
  return fields;
}
