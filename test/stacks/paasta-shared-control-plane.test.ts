import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  planRegion,
  type PaastaStackPlan,
  type TenancyStackPlan,
} from "../../lib/plan/region-plan";
import { loadRegionDir } from "../../lib/spec/load";
import { buildApp } from "../../stacks/app";

/**
 * A PaaS-TA foundation where its two sites are two regions of one cloud sharing Keystone and
 * Designate (examples/shared-control-plane with a foundation added): like an agency's, its
 * project and its DNS zone exist once, created by the primary site's stacks and found by name
 * at the other.
 */
const SHARED_DIR = path.join(__dirname, "..", "..", "examples", "shared-control-plane");
const FOUNDATION = `platforms:
  paasta:
    grade: 2
    addressBlock: { index: 60 }
    exposure: { zone: dmz, ports: [80, 443] }
    diskTypes: { default: { sizeGiB: 10, volumeType: replicated } }
    publicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDocumentationOnlyJejuPaastaBosh00000000 bosh@jeju
`;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-paasta-shared-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

fs.cpSync(SHARED_DIR, scratch, { recursive: true });
const regionFile = path.join(scratch, "region.yaml");
fs.writeFileSync(
  regionFile,
  fs.readFileSync(regionFile, "utf8").replace("\nstate:\n", `\n${FOUNDATION}state:\n`),
);
const plan = planRegion(loadRegionDir(scratch));
const stack = <T>(name: string) => plan.stacks.find((s) => s.name === name) as T;

describe("a PaaS-TA foundation on sites that share a control plane", () => {
  it("THEN the DR site's tenancy finds the project the primary's creates, after it", () => {
    const home = stack<TenancyStackPlan>("tenancy-paasta-jeju-cdc");
    const dr = stack<TenancyStackPlan>("tenancy-paasta-mainland-drc");
    expect(home.sharedIdentity).toBeUndefined();
    expect(dr.sharedIdentity).toEqual({ site: "jeju-cdc", stack: home.name });
    expect(dr.dependsOn).toContain(home.name);
    const names = plan.stacks.map((s) => s.name);
    expect(names.indexOf(home.name)).toBeLessThan(names.indexOf(dr.name));
  });

  it("THEN the DR site's stack finds the zone the primary's stack creates, after it", () => {
    const home = stack<PaastaStackPlan>("paasta-jeju-cdc");
    const dr = stack<PaastaStackPlan>("paasta-mainland-drc");
    expect(home.foundation.dns.zoneCreatedBy).toBeUndefined();
    expect(dr.foundation.dns.zoneCreatedBy).toEqual({ site: "jeju-cdc", stack: home.name });
    expect(dr.dependsOn).toContain(home.name);
  });

  it("THEN synthesized, the project and the zone are created once, in the primary's stacks", () => {
    const outdir = path.join(scratch, "out");
    buildApp(plan, { outdir }).synth();
    const created = (type: string, name: string) =>
      plan.stacks.flatMap((s) => {
        const json = JSON.parse(
          fs.readFileSync(path.join(outdir, "stacks", s.name, "cdk.tf.json"), "utf8"),
        ) as { resource?: Record<string, Record<string, { name?: string }>> };
        return Object.values(json.resource?.[type] ?? {}).some((body) => body.name === name)
          ? [s.name]
          : [];
      });
    expect(created("openstack_identity_project_v3", "paasta")).toEqual(["tenancy-paasta-jeju-cdc"]);
    expect(created("openstack_dns_zone_v2", "paasta.cloud.jeju.example.go.kr.")).toEqual([
      "paasta-jeju-cdc",
    ]);
  });
});
