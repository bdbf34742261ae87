/**
 * The sentences the text and Markdown formats share, so that both say the same thing in the same
 * words: objectives, workloads, copies and DNS records.
 */
import { minutesText } from "../plan/dr";
import type {
  DataCopy,
  DnsRecordReport,
  DnsZoneReport,
  Objectives,
  SystemDrReport,
  WorkloadFootprint,
} from "./dr-model";

export function objectives(value: Objectives): string {
  return `RTO ${minutesText(value.rtoMinutes)}, RPO ${minutesText(value.rpoMinutes)}`;
}

export function modeLine(system: SystemDrReport): string {
  const by =
    system.decidedBy === "override" ? `override (${system.reason ?? "no reason given"})` : "policy";
  // Without a live copy the latest backup is what is restored: its interval is the RPO.
  const rpo =
    system.effectiveRpoMinutes === null ? "unknown" : minutesText(system.effectiveRpoMinutes);
  const backups = system.liveCopy
    ? ""
    : ` (backups every ${system.backup.intervalMinutes === null ? "?" : minutesText(system.backup.intervalMinutes)} by ${system.backup.policy})`;
  return (
    `${system.mode} by ${by}; achieves RTO ${minutesText(system.achieves.rtoMinutes)}, RPO ${rpo}${backups} ` +
    `for declared ${objectives(system.declared)}${system.rpoMet ? "" : `; RPO NOT MET`}`
  );
}

/** The RPO a recovery really achieves, as a table cell: `24h`, or `7d (not met)`. */
export function effectiveRpo(system: SystemDrReport): string {
  const rpo =
    system.effectiveRpoMinutes === null ? "unknown" : minutesText(system.effectiveRpoMinutes);
  return system.rpoMet ? rpo : `${rpo} (not met)`;
}

export function sitesLine(system: SystemDrReport): string {
  const dr = system.drSite !== null ? system.drSite : "none";
  const active = system.failedOver ? `${system.activeSite} (failed over)` : system.activeSite;
  return `home ${system.homeSite}, DR ${dr}, active ${active}`;
}

/** `web 2 x m1.medium + public LB; db 1 x m1.large`, or a word when nothing runs. */
export function workloads(footprints: readonly WorkloadFootprint[], empty: string): string {
  if (footprints.length === 0) return empty;
  return footprints
    .map((w) => {
      const lb = w.loadBalancer ? ` + ${w.loadBalancer.public ? "public " : ""}LB` : "";
      return `${w.workload} ${w.instances} x ${w.flavor}${lb}`;
    })
    .join("; ");
}

/** What runs at the DR site now, in the words of the mode. */
export function standbyNow(system: SystemDrReport): string {
  const now = system.standby?.now ?? [];
  return workloads(now, "nothing running (pilot light: data only, servers built at failover)");
}

/** One copy of data: what it is, and how (or whether) it reaches the DR site. */
export function copyLine(copy: DataCopy): string {
  const what =
    copy.kind === "container"
      ? `container ${copy.name}`
      : `${copy.workload}/${copy.name} ${copy.count} x ${copy.sizeGiB ?? "?"} GiB ${copy.volumeType ?? ""}`.trimEnd();
  switch (copy.method) {
    case "rbd-mirroring":
      return `${what}: Ceph RBD mirroring by the Cinder backend${copy.backend ? ` ${copy.backend}` : ""} to ${copy.toSite ?? "the peer site"}`;
    case "container-sync":
      return `${what}: Swift container sync to ${copy.toSite}`;
    case "backup":
      return `${what}: not replicated; only backups (backup_policy ${copy.backupPolicy})`;
    case "rebuilt-from-image":
      return `${what}: rebuilt from image ${copy.image}${copy.toSite ? ` at ${copy.toSite}` : ""}`;
  }
}

/** Boot disks say the same thing for every workload: one line for all of them. */
export function bootLine(copies: readonly DataCopy[]): string | undefined {
  const boots = copies.filter((copy) => copy.kind === "boot");
  if (boots.length === 0) return undefined;
  const images = [...new Set(boots.flatMap((copy) => copy.image ?? []))].sort();
  const where =
    boots[0]!.toSite !== null ? ` at ${boots[0]!.toSite}` : " wherever the system is rebuilt";
  return (
    `boot disks of ${boots.map((copy) => copy.workload).join(", ")}: not copied; built from ` +
    `${images.join(", ")}${where}`
  );
}

export function dnsLine(record: DnsRecordReport, system: SystemDrReport): string {
  const target = record.target === "floating-ip" ? "the LB's floating IP" : "the LB's VIP";
  const at = record.sites.join(" and ");
  let next: string;
  if (record.sitesAfterFailover === null) next = "stays: no live copy to move to";
  else if (system.mode === "active-active") next = "both sites serve";
  else if (system.failedOver) next = `back to ${system.homeSite} at failback`;
  else next = `moves to ${record.sitesAfterFailover.join(" and ")} at failover`;
  return `${record.name} -> ${target} at ${at}; ${next}`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** The agency's zone: where it is created, who answers, and what a failover changes. */
export function dnsZoneLine(zone: DnsZoneReport): string {
  const answered =
    zone.layout === "shared"
      ? `one Designate for ${zone.delegatedTo.join(" and ")}`
      : `delegated to the name servers of ${zone.delegatedTo.length > 0 ? zone.delegatedTo.join(" and ") : "no site yet (no records)"}`;
  return `DNS zone ${zone.zone} (${zone.layout}, created at ${zone.createdAt.join(", ")}; ${answered}): ${zone.onFailover}`;
}
