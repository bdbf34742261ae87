/**
 * Builds the DR report from a region plan: no cdktf, nothing synthesized. Everything comes from
 * the plan's DR decisions and the systems planned at each site, so the report says what the
 * synthesized stacks do, not what the agency files hope for.
 */
import { REPLICATION_ENABLED } from "../spec/catalogue";
import { DR_MODES, replicatesData, type DrMode } from "../spec/dr";
import type { SystemPlan, WorkloadPlan } from "../plan/compute";
import type { AgencyStackPlan, PaastaStackPlan, RegionPlan } from "../plan/region-plan";
import {
  DR_REPORT_VERSION,
  type AgencyDrReport,
  type DataCopy,
  type DnsRecordReport,
  type DnsZoneReport,
  type DrReport,
  type DrSummary,
  type ManualStepSummary,
  type SwitchCommand,
  type SystemDrReport,
  type SystemRef,
  type WorkloadFootprint,
} from "./dr-model";
import { MANUAL_STEPS, manualStepsOf } from "./manual-steps";
import { containerCopy } from "./container-copy";
import { paastaDrReport } from "./paasta-dr-report";

export interface DrReportOptions {
  /** Only these agencies (slugs). @default every agency */
  readonly agencies?: readonly string[];
  /** Region directory to put in the printed tamna commands. @default none (the working directory) */
  readonly regionDir?: string;
}

interface VolumeTypeFacts {
  readonly replicated: boolean;
  readonly backend?: string;
}

export function buildDrReport(plan: RegionPlan, options: DrReportOptions = {}): DrReport {
  const volumeTypes = volumeTypeFacts(plan);
  const agencyStacks = plan.stacks.filter(
    (stack): stack is AgencyStackPlan =>
      stack.layer === "agency" &&
      (options.agencies === undefined || options.agencies.includes(stack.agency)),
  );
  const slugs = [...new Set(agencyStacks.map((stack) => stack.agency))].sort();
  // A PaaS-TA foundation is a tenant with one system: itself.
  const foundationStacks = plan.stacks.filter(
    (stack): stack is PaastaStackPlan =>
      stack.layer === "paasta" &&
      (options.agencies === undefined || options.agencies.includes(stack.agency)),
  );
  const agencies = [
    ...slugs.map((slug) =>
      agencyReport(
        slug,
        agencyStacks.filter((stack) => stack.agency === slug),
        volumeTypes,
        options,
      ),
    ),
    ...(foundationStacks.length > 0 ? [paastaDrReport(foundationStacks)] : []),
  ].sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
  const systems = agencies.flatMap((agency) => agency.systems);
  return {
    version: DR_REPORT_VERSION,
    region: plan.region,
    agencies,
    summary: summarize(systems),
    manualSteps: summarizeSteps(systems),
  };
}

/** Volume types are the same at every site; the platform stacks carry their extra specs. */
function volumeTypeFacts(plan: RegionPlan): Map<string, VolumeTypeFacts> {
  const facts = new Map<string, VolumeTypeFacts>();
  for (const stack of plan.stacks) {
    if (stack.layer !== "platform") continue;
    for (const type of stack.volumeTypes) {
      const backend = type.extraSpecs["volume_backend_name"];
      facts.set(type.name, {
        replicated: type.extraSpecs["replication_enabled"] === REPLICATION_ENABLED,
        ...(backend !== undefined ? { backend } : {}),
      });
    }
  }
  return facts;
}

function agencyReport(
  agency: string,
  stacks: readonly AgencyStackPlan[],
  volumeTypes: ReadonlyMap<string, VolumeTypeFacts>,
  options: DrReportOptions,
): AgencyDrReport {
  const systems = stacks.flatMap((home) =>
    home.compute.systems
      .filter((system) => system.role === "primary")
      .map((system) => systemReport(agency, system, home, stacks, volumeTypes, options)),
  );
  const dnsZone = dnsZoneReport(stacks);
  return {
    agency,
    sites: stacks.map((stack) => stack.site),
    systems,
    ...(dnsZone ? { dnsZone } : {}),
  };
}

function dnsZoneReport(stacks: readonly AgencyStackPlan[]): DnsZoneReport | undefined {
  const withZone = stacks.filter((stack) => stack.dns !== undefined);
  if (withZone.length === 0) return undefined;
  const zone = withZone[0]!.dns!.zoneName;
  const createdAt = withZone.filter((stack) => !stack.dns!.zoneCreatedBy).map((s) => s.site);
  const serving = withZone.filter((stack) => stack.dns!.records.length > 0).map((s) => s.site);
  if (withZone.some((stack) => stack.dns!.zoneCreatedBy)) {
    return {
      zone,
      layout: "shared",
      createdAt,
      delegatedTo: withZone.map((stack) => stack.site),
      onFailover:
        "one zone in the Designate the sites share: a failover moves the records between the sites' stacks; the zone and its delegation stay",
    };
  }
  const others = withZone.map((s) => s.site).filter((site) => !serving.includes(site));
  return {
    zone,
    layout: "per-site",
    createdAt,
    delegatedTo: serving,
    onFailover:
      withZone.length === 1
        ? `only ${createdAt.join(", ")} holds the zone: nothing fails over`
        : serving.length > 1
          ? `${serving.join(" and ")} serve at once, each copy pointing at its own site: the parent zone delegates to the name servers of both; a lost site's name servers must be taken out of the delegation (outside Terraform)`
          : `each site's Designate holds its own copy; a failover moves the records to ${others.join(", ")}'s copy, and the parent zone's delegation must then point at that site's name servers (outside Terraform)`,
  };
}

function systemReport(
  agency: string,
  primary: SystemPlan,
  home: AgencyStackPlan,
  stacks: readonly AgencyStackPlan[],
  volumeTypes: ReadonlyMap<string, VolumeTypeFacts>,
  options: DrReportOptions,
): SystemDrReport {
  const dr = primary.dr;
  const drSite = dr.drSite ?? null;
  const liveCopy = replicatesData(dr.mode) && drSite !== null;
  const drStack = stacks.find((stack) => stack.site === drSite);
  const standbyPlan = drStack?.compute.systems.find(
    (system) => system.name === primary.name && system.role === "standby",
  );
  const images = new Map(home.compute.images.map((image) => [image.key, image.name]));
  const copies = copiesOf(primary, drSite, liveCopy, volumeTypes, images);
  const realm = home.syncTargets.find((target) => target.site === drSite)?.realm;
  const intervalMinutes = primary.backupIntervalMinutes ?? null;
  const effectiveRpoMinutes = liveCopy ? dr.achieves.rpoMinutes : intervalMinutes;
  const dns = dnsRecords(primary, stacks, liveCopy);
  // One Designate for both sites: the zone is created by one stack and found by the other.
  const sharedZone = stacks.find((stack) => stack.dns?.zoneCreatedBy)?.dns?.zoneName;
  return {
    agency,
    system: primary.name,
    displayName: primary.displayName,
    grade: primary.grade,
    declared: dr.declared,
    mode: dr.mode,
    decidedBy: dr.source,
    ...(dr.reason !== undefined ? { reason: dr.reason } : {}),
    achieves: dr.achieves,
    backup: {
      policy: primary.backupPolicy,
      chosenBy: primary.backupPolicySource,
      intervalMinutes,
    },
    effectiveRpoMinutes,
    rpoMet: effectiveRpoMinutes !== null && effectiveRpoMinutes <= dr.declared.rpoMinutes,
    homeSite: dr.homeSite,
    drSite,
    activeSite: dr.activeSite,
    failedOver: dr.activeSite !== dr.homeSite,
    liveCopy,
    copies,
    home: { site: dr.homeSite, workloads: primary.workloads.map(footprint) },
    standby: liveCopy
      ? {
          site: drSite,
          now: (standbyPlan?.workloads ?? []).map(footprint),
          afterFailover: primary.workloads.map(footprint),
        }
      : null,
    dns,
    switch: switchCommand(agency, primary, liveCopy, options),
    manualSteps: manualStepsOf({
      agency,
      system: primary.name,
      mode: dr.mode,
      homeSite: dr.homeSite,
      drSite,
      liveCopy,
      backupPolicy: primary.backupPolicy,
      achievesRtoMinutes: dr.achieves.rtoMinutes,
      copies,
      ...(realm !== undefined ? { realm } : {}),
      ...(sharedZone !== undefined && dns.length > 0
        ? { sharedDns: { zone: sharedZone, records: dns.map((record) => record.name) } }
        : {}),
    }),
  };
}

/**
 * Data volumes go by their volume type (a replicated type is mirrored by its Ceph backend),
 * containers by container sync, boot disks are rebuilt from the image wherever the system is
 * started. Whatever the platform does not copy is left to the backup tool.
 */
function copiesOf(
  primary: SystemPlan,
  drSite: string | null,
  liveCopy: boolean,
  volumeTypes: ReadonlyMap<string, VolumeTypeFacts>,
  images: ReadonlyMap<string, string>,
): DataCopy[] {
  const backupPolicy = primary.backupPolicy;
  const copies: DataCopy[] = [];
  for (const workload of primary.workloads) {
    const first = workload.instances[0];
    if (!first) continue;
    const count = workload.instances.length;
    const image = images.get(workload.image) ?? workload.image;
    const boot = first.bootVolume;
    copies.push({
      kind: "boot",
      workload: workload.name,
      name: boot ? "boot" : "root-disk",
      count,
      ...(boot
        ? {
            sizeGiB: boot.sizeGiB,
            volumeType: boot.volumeType,
            ...backendOf(volumeTypes, boot.volumeType),
          }
        : {}),
      image,
      method: "rebuilt-from-image",
      toSite: liveCopy ? drSite : null,
      backupPolicy,
    });
    for (const volume of first.dataVolumes) {
      const mirrored = volumeTypes.get(volume.volumeType)?.replicated === true;
      copies.push({
        kind: "data-volume",
        workload: workload.name,
        name: volume.key,
        count,
        sizeGiB: volume.sizeGiB,
        volumeType: volume.volumeType,
        ...backendOf(volumeTypes, volume.volumeType),
        method: mirrored ? "rbd-mirroring" : "backup",
        toSite: drSite,
        backupPolicy,
      });
    }
  }
  for (const container of primary.containers) {
    copies.push(containerCopy(container, drSite, backupPolicy));
  }
  return copies;
}

function backendOf(
  volumeTypes: ReadonlyMap<string, VolumeTypeFacts>,
  volumeType: string,
): { backend?: string } {
  const backend = volumeTypes.get(volumeType)?.backend;
  return backend !== undefined ? { backend } : {};
}

function footprint(workload: WorkloadPlan): WorkloadFootprint {
  const lb = workload.loadBalancer;
  return {
    workload: workload.name,
    zone: workload.zone,
    instances: workload.instances.length,
    flavor: workload.flavor,
    loadBalancer: lb ? { name: lb.name, public: lb.floatingIpNetwork !== undefined } : null,
  };
}

/** The system's records as the stacks hold them: each site's record points at its own LB. */
function dnsRecords(
  primary: SystemPlan,
  stacks: readonly AgencyStackPlan[],
  liveCopy: boolean,
): DnsRecordReport[] {
  const dr = primary.dr;
  const sitesByName = new Map<string, { workload: string; sites: string[] }>();
  for (const stack of stacks) {
    for (const record of stack.dns?.records ?? []) {
      if (record.system !== primary.name) continue;
      const entry = sitesByName.get(record.name) ?? { workload: record.workload, sites: [] };
      entry.sites.push(stack.site);
      sitesByName.set(record.name, entry);
    }
  }
  const afterFailover =
    dr.mode === "active-active" ? [dr.homeSite, dr.drSite!].sort() : [dr.drSite!];
  return [...sitesByName.keys()].sort().map((name) => {
    const { workload, sites } = sitesByName.get(name)!;
    const lb = primary.workloads.find((w) => w.name === workload)?.loadBalancer;
    return {
      name,
      workload,
      target: lb?.floatingIpNetwork !== undefined ? "floating-ip" : "load-balancer-vip",
      sites,
      sitesAfterFailover: liveCopy ? afterFailover : null,
    };
  });
}

function switchCommand(
  agency: string,
  primary: SystemPlan,
  liveCopy: boolean,
  options: DrReportOptions,
): SwitchCommand | null {
  const dr = primary.dr;
  // Both sites of an active-active system serve already: there is nothing to switch.
  if (!liveCopy || dr.drSite === undefined || dr.mode === "active-active") return null;
  const failedOver = dr.activeSite !== dr.homeSite;
  const to = failedOver ? dr.homeSite : dr.drSite;
  const region = options.regionDir !== undefined ? ` --region ${options.regionDir}` : "";
  return {
    direction: failedOver ? "failback" : "failover",
    to,
    command: `tamna failover${region} --agency ${agency} --system ${primary.name} --to ${to}`,
  };
}

function summarize(systems: readonly SystemDrReport[]): DrSummary {
  const zero = () =>
    Object.fromEntries(DR_MODES.map((mode) => [mode, 0])) as Record<DrMode, number>;
  const byMode = zero();
  const byGrade: Record<string, Record<DrMode, number>> = {
    "1": zero(),
    "2": zero(),
    "3": zero(),
    "4": zero(),
  };
  for (const system of systems) {
    byMode[system.mode]++;
    (byGrade[String(system.grade)] ??= zero())[system.mode]++;
  }
  const ref = (system: SystemDrReport): SystemRef => ({
    agency: system.agency,
    system: system.system,
    grade: system.grade,
    mode: system.mode,
    activeSite: system.activeSite,
    ...(system.reason !== undefined ? { reason: system.reason } : {}),
  });
  return {
    systems: systems.length,
    byMode,
    byGrade,
    withoutLiveCopy: systems.filter((system) => !system.liveCopy).map(ref),
    rpoNotMet: systems.filter((system) => !system.rpoMet).map(ref),
    failedOver: systems.filter((system) => system.failedOver).map(ref),
    overrides: systems.filter((system) => system.decidedBy === "override").map(ref),
  };
}

function summarizeSteps(systems: readonly SystemDrReport[]): ManualStepSummary[] {
  const ids = Object.keys(MANUAL_STEPS) as (keyof typeof MANUAL_STEPS)[];
  return ids.flatMap((id) => {
    const concerned = systems
      .filter((system) => system.manualSteps.some((step) => step.id === id))
      .map((system) => `${system.agency}/${system.system}`);
    if (concerned.length === 0) return [];
    return [{ id, when: MANUAL_STEPS[id].when, title: MANUAL_STEPS[id].title, systems: concerned }];
  });
}
