/**
 * A PaaS-TA foundation in the DR report, as one system of its own tenant: its mode by grade, its
 * Cloud Controller containers synced to the DR site, the wildcard records of its system and
 * apps domains, and what an operator does by hand (BOSH runs the VMs, not Terraform).
 */
import { replicatesData } from "../spec/dr";
import type { PaastaStackPlan } from "../plan/region-plan";
import type { AgencyDrReport, DataCopy, DnsRecordReport, SystemDrReport } from "./dr-model";
import { containerCopy } from "./container-copy";
import { MANUAL_STEPS, manualStepsOf } from "./manual-steps";
import { paastaStackName } from "../names";

/** The foundation's stacks (one per site) as an agency with one system. */
export function paastaDrReport(stacks: readonly PaastaStackPlan[]): AgencyDrReport {
  const home = stacks.find((stack) => stack.foundation.role === "primary")!;
  const { foundation } = home;
  const { dr, backup } = foundation;
  const drSite = dr.drSite ?? null;
  const liveCopy = replicatesData(dr.mode) && drSite !== null;
  const copies: DataCopy[] = foundation.containers.map((container) =>
    containerCopy(container, drSite, backup.name),
  );
  const declared = dr.declared ?? dr.achieves;
  const effectiveRpoMinutes = liveCopy ? dr.achieves.rpoMinutes : (backup.intervalMinutes ?? null);
  const realm = home.syncTargets[0]?.realm;
  const system: SystemDrReport = {
    agency: foundation.foundation,
    system: foundation.foundation,
    displayName: foundation.displayName,
    grade: dr.grade,
    declared,
    mode: dr.mode,
    decidedBy: "policy",
    achieves: dr.achieves,
    backup: {
      policy: backup.name,
      chosenBy: "grade",
      intervalMinutes: backup.intervalMinutes ?? null,
    },
    effectiveRpoMinutes,
    rpoMet: effectiveRpoMinutes !== null && effectiveRpoMinutes <= declared.rpoMinutes,
    homeSite: dr.homeSite,
    drSite,
    activeSite: dr.activeSite,
    failedOver: dr.activeSite !== dr.homeSite,
    liveCopy,
    copies,
    // BOSH runs the VMs: Terraform holds no instance of the foundation at either site.
    home: { site: dr.homeSite, workloads: [] },
    standby: liveCopy ? { site: drSite, now: [], afterFailover: [] } : null,
    dns: dnsRecords(stacks, liveCopy),
    switch: null,
    manualSteps: [
      ...manualStepsOf({
        agency: foundation.foundation,
        system: foundation.foundation,
        mode: dr.mode,
        homeSite: dr.homeSite,
        drSite,
        liveCopy,
        backupPolicy: backup.name,
        achievesRtoMinutes: dr.achieves.rtoMinutes,
        copies,
        ...(realm !== undefined ? { realm } : {}),
      }),
      ...(liveCopy
        ? [
            {
              id: "bosh-redeploy" as const,
              when: MANUAL_STEPS["bosh-redeploy"].when,
              action:
                `BOSH, not Terraform, runs the foundation's VMs: at ${drSite}, write openstack-vars.yml ` +
                `and the cloud-config from the outputs of ${paastaStackName(foundation.foundation, drSite)}, ` +
                `bosh create-env the director, update the cloud-config and deploy PaaS-TA with the ` +
                `persistent disks promoted from the mirrored volumes (or the databases restored ` +
                `from backup); then set platforms.paasta.activeSite: ${drSite} so the DNS records move`,
            },
          ]
        : []),
    ],
  };
  return {
    agency: foundation.foundation,
    sites: stacks.map((stack) => stack.site),
    systems: [system],
  };
}

function dnsRecords(stacks: readonly PaastaStackPlan[], liveCopy: boolean): DnsRecordReport[] {
  const names = new Map<string, string[]>();
  for (const stack of stacks) {
    for (const record of stack.foundation.dns.records) {
      names.set(record.name, [...(names.get(record.name) ?? []), stack.site]);
    }
  }
  const { dr } = stacks[0]!.foundation;
  return [...names.keys()].sort().map((name) => ({
    name,
    workload: "gorouter",
    target: "floating-ip",
    sites: names.get(name)!,
    sitesAfterFailover: liveCopy && dr.drSite !== undefined ? [dr.drSite] : null,
  }));
}
