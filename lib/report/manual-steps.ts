/**
 * What Terraform cannot do for a system's recovery, said plainly: backup schedules, the Swift
 * container-sync realm and key, object expiry by the loaders, promoting the mirrored volumes at a
 * failover, records a lost site leaves in a shared Designate, restoring or rebuilding systems
 * without a live copy, and copying back before a failback. Each step names
 * the system's own sites, volumes and containers.
 */
import { minutesText } from "../plan/dr";
import { agencyStackName } from "../names";
import type { DrMode } from "../spec/dr";
import type { DataCopy, ManualStep, ManualStepId, ManualStepWhen } from "./dr-model";

/** Every step, in the order the report lists them: setup first, then failover, then failback. */
export const MANUAL_STEPS: Readonly<
  Record<ManualStepId, { readonly when: ManualStepWhen; readonly title: string }>
> = {
  "backup-schedule": {
    when: "setup",
    title: "Schedule backups by the backup_policy metadata and copy them to another site",
  },
  "container-sync-realm": {
    when: "setup",
    title: "Configure the Swift container-sync realm at both sites",
  },
  "container-sync-key": {
    when: "setup",
    title: "Set TF_VAR_container_sync_key from the secret store before plan and apply",
  },
  "object-expiry": {
    when: "setup",
    title: "Have the loaders expire objects by the container's Expire-After metadata",
  },
  "application-replication": {
    when: "setup",
    title: "Keep the data of both serving sites consistent (application-level replication)",
  },
  "cinder-failover": {
    when: "failover",
    title: "Promote the mirrored volumes at the DR site and attach them",
  },
  "dns-stale-record": {
    when: "failover",
    title: "Shared Designate, primary region lost: delete the records its stack left behind",
  },
  "restore-from-backup": {
    when: "failover",
    title: "No live copy: rebuild at another site and restore the latest backup",
  },
  rebuild: { when: "failover", title: "No DR: rebuild from images and configuration" },
  "bosh-redeploy": {
    when: "failover",
    title: "Recreate the BOSH director and redeploy PaaS-TA at the DR site",
  },
  "failback-resync": {
    when: "failback",
    title: "Copy back what changed at the DR site before failing back",
  },
};

/** What the steps of one system are worded from. */
export interface SystemRecoveryFacts {
  readonly agency: string;
  readonly system: string;
  readonly mode: DrMode;
  readonly homeSite: string;
  readonly drSite: string | null;
  readonly liveCopy: boolean;
  readonly backupPolicy: string;
  readonly achievesRtoMinutes: number;
  readonly copies: readonly DataCopy[];
  /** Container-sync realm of the DR site, when containers are synced. */
  readonly realm?: string;
  /** The system's records, when both sites share one Designate (one zone, one record set). */
  readonly sharedDns?: { readonly zone: string; readonly records: readonly string[] };
}

export function manualStepsOf(facts: SystemRecoveryFacts): ManualStep[] {
  const { agency, system, homeSite: home, drSite, mode, liveCopy } = facts;
  const steps: ManualStep[] = [];
  const add = (id: ManualStepId, action: string) =>
    steps.push({ id, when: MANUAL_STEPS[id].when, action });

  const synced = facts.copies.filter((copy) => copy.method === "container-sync");
  const mirrored = facts.copies.filter((copy) => copy.method === "rbd-mirroring");
  const elsewhere = drSite ?? `a site other than ${home}`;

  add(
    "backup-schedule",
    `have the backup tool back up the volumes and containers tagged backup_policy=${facts.backupPolicy} ` +
      `on that schedule and copy every backup to ${elsewhere}: Terraform only writes the metadata, ` +
      `and a backup kept at ${home} burns with the primary`,
  );
  if (synced.length > 0 && drSite !== null) {
    const realm = facts.realm ?? "(the region's realm)";
    add(
      "container-sync-realm",
      `declare realm ${realm} with clusters ${home} and ${drSite} (their Swift endpoints and the ` +
        `realm key) in container-sync-realms.conf at both sites and keep container_sync in the ` +
        `proxy pipeline; Terraform only sets X-Container-Sync-To on ${names(synced)}`,
    );
    add(
      "container-sync-key",
      `export TF_VAR_container_sync_key from the secret store (the same key at both sites) before ` +
        `planning or applying ${agencyStackName(agency, home)} and ${agencyStackName(agency, drSite)}; ` +
        `never commit it`,
    );
  }
  const expiring = facts.copies.filter((copy) => copy.expireAfterSeconds !== undefined);
  if (expiring.length > 0) {
    add(
      "object-expiry",
      `Swift expires objects one by one, not by container: have the loaders of ` +
        `${expiring.map((copy) => `${copy.name} (${copy.expireAfterSeconds} s)`).join(", ")} send ` +
        `X-Delete-After with that value on every upload (read it from X-Container-Meta-Expire-After), ` +
        `or run a job that sets it on older objects; Terraform only writes the metadata` +
        (synced.length > 0
          ? `; check that the synced copies at ${drSite} expire too (or run the job there as well)`
          : ""),
    );
  }
  if (mode === "active-active" && mirrored.length > 0) {
    add(
      "application-replication",
      `both ${home} and ${drSite} serve and write: replicate the databases between them at the ` +
        `application level; RBD mirroring copies ${names(mirrored)}, it does not merge two writers`,
    );
  }
  if (liveCopy && mode !== "active-active" && drSite !== null && mirrored.length > 0) {
    const backends = [...new Set(mirrored.flatMap((copy) => copy.backend ?? []))].sort();
    add(
      "cinder-failover",
      `promote the mirrored images of ${names(mirrored)} at ${drSite}: \`cinder failover-host ` +
        `<host>@<backend>\` where one Cinder manages both Ceph clusters, else \`rbd mirror image ` +
        `promote\` in the ${backends.join(", ")} pools at ${drSite} and \`cinder manage\` the ` +
        `images there; then attach them to the ${drSite} instances in place of the empty data ` +
        `volumes Terraform creates for the standby`,
    );
  }
  if (facts.sharedDns && liveCopy && mode !== "active-active" && drSite !== null) {
    const { zone, records } = facts.sharedDns;
    add(
      "dns-stale-record",
      `one Designate serves both sites, and a name has one record set: with ${home}'s region ` +
        `lost, ${agencyStackName(agency, home)} cannot be applied to remove ${records.join(", ")}, ` +
        `so ${agencyStackName(agency, drSite)} cannot create them until they are deleted by hand ` +
        `(\`openstack recordset delete ${zone} <name>\`); when ${home} is back, ` +
        `\`terraform state rm\` them from ${agencyStackName(agency, home)} before applying it`,
    );
  }
  if (mode === "backup-only") {
    add(
      "restore-from-backup",
      `no live copy: rebuild ${system} at ${elsewhere} (set its site: there, then synth and apply) ` +
        `and restore the latest backup kept there; data written since that backup is lost`,
    );
  }
  if (mode === "none") {
    add(
      "rebuild",
      `no DR: rebuild ${system} from its images and configuration at ${home} once it is back, or ` +
        `at another site of the agency by setting its site:, and reload the last export ` +
        `(about ${minutesText(facts.achievesRtoMinutes)})`,
    );
  }
  if (liveCopy && mode !== "active-active" && drSite !== null) {
    const pieces = [
      ...(mirrored.length > 0
        ? [`resync the RBD images from ${drSite} to ${home} (\`rbd mirror image resync\`)`]
        : []),
      ...(synced.length > 0
        ? [`copy back objects written to ${names(synced)} at ${drSite} (sync runs one way)`]
        : []),
    ];
    if (pieces.length > 0) {
      add(
        "failback-resync",
        `before the failback to ${home} is applied: ${pieces.join("; ")}, then demote the ` +
          `copies at ${drSite}`,
      );
    }
  }
  return steps;
}

function names(copies: readonly DataCopy[]): string {
  return copies
    .map((copy) => (copy.workload !== null ? `${copy.workload}/${copy.name}` : copy.name))
    .join(", ");
}
