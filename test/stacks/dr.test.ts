/**
 * The DR pieces of the synthesized example stacks: the container-sync key only ever as the
 * sensitive variable, container sync pointing at the agency's Swift account at the DR site
 * through a provider aliased to that site, and DNS records only where the system is served.
 */
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { AgencyStack } from "../../stacks/agency-stack";
import { exampleRegion } from "../helpers/example-region";
import { dataSourcesOf, resourcesOf, synthesize, type SynthesizedStack } from "../helpers/cdktf";

const CONTAINER = "openstack_objectstorage_container_v1";
const RECORDSET = "openstack_dns_recordset_v2";

const synthesized = new Map<string, SynthesizedStack>();
/** An agency stack of the example, synthesized once with validations on. */
function stack(name: string): SynthesizedStack {
  let out = synthesized.get(name);
  if (!out) {
    const plan = exampleRegion().plan.stacks.find((s) => s.name === name);
    if (plan?.layer !== "agency") throw new Error(`no agency stack ${name}`);
    out = synthesize(new AgencyStack(Testing.app(), plan));
    synthesized.set(name, out);
  }
  return out;
}

function recordNames(out: SynthesizedStack): string[] {
  return Object.values(resourcesOf(out, RECORDSET))
    .map((record) => String(record.name))
    .sort();
}

const agencyStacks = () =>
  exampleRegion()
    .plan.stacks.filter((s) => s.layer === "agency")
    .map((s) => s.name);

describe("DR in the synthesized example stacks", () => {
  describe("GIVEN every agency stack of the example", () => {
    it("THEN a container's sync key is always ${var.container_sync_key}, and the variable is sensitive", () => {
      let synced = 0;
      for (const name of agencyStacks()) {
        const out = stack(name) as SynthesizedStack & {
          variable?: Record<string, Record<string, unknown>>;
        };
        for (const container of Object.values(resourcesOf(out, CONTAINER))) {
          if (!("container_sync_key" in container)) continue;
          synced++;
          expect(container.container_sync_key, name).toBe("${var.container_sync_key}");
          expect(out.variable?.container_sync_key, name).toMatchObject({
            type: "string",
            sensitive: true,
          });
          // No default: the value can only come from TF_VAR_container_sync_key.
          expect(out.variable?.container_sync_key, name).not.toHaveProperty("default");
        }
      }
      // saeol (jeju-province) and pacs (jeju-medical-center), each at both sites
      expect(synced).toBe(4);
    });

    it("THEN no stack without synced containers declares the key variable", () => {
      for (const name of [
        "jeju-city-jeju-cdc",
        "jeju-fire-mainland-drc",
        "jeju-tourism-jeju-cdc",
      ]) {
        expect((stack(name) as { variable?: object }).variable ?? {}, name).not.toHaveProperty(
          "container_sync_key",
        );
      }
    });
  });

  describe("GIVEN jeju-province at its home site jeju-cdc", () => {
    const out = () => stack("jeju-province-jeju-cdc");

    it("THEN saeol's container syncs to the same container in the agency's account at mainland-drc", () => {
      const [container] = Object.values(resourcesOf(out(), CONTAINER));
      expect(container).toMatchObject({
        name: "jeju-province-saeol-documents",
        container_sync_to:
          "//jeju/mainland-drc/AUTH_${data.openstack_identity_auth_scope_v3.Scope-mainland-drc.project_id}/jeju-province-saeol-documents",
      });
    });

    it("THEN that account is read through a provider aliased to mainland-drc and scoped to the agency's project there", () => {
      expect(dataSourcesOf(out(), "openstack_identity_auth_scope_v3")).toEqual({
        "Scope-mainland-drc": {
          name: "jeju-province-mainland-drc",
          provider: "openstack.mainland-drc",
        },
      });
      expect(out().provider?.openstack).toContainEqual({
        alias: "mainland-drc",
        cloud: "mainland-drc",
        region: "MainlandDRC",
        tenant_name: "jeju-province",
        project_domain_name: "jeju",
      });
    });

    it("THEN it holds the records of all three systems, served from here", () => {
      expect(recordNames(out())).toEqual([
        "insa.jeju-province.cloud.jeju.example.go.kr.",
        "minwon.jeju-province.cloud.jeju.example.go.kr.",
        "saeol-was.jeju-province.cloud.jeju.example.go.kr.",
        "saeol.jeju-province.cloud.jeju.example.go.kr.",
      ]);
    });
  });

  describe("GIVEN jeju-province at its DR site mainland-drc", () => {
    const out = () => stack("jeju-province-mainland-drc");

    it("THEN the container exists with the key but syncs nowhere (sync runs home to DR)", () => {
      const [container] = Object.values(resourcesOf(out(), CONTAINER));
      expect(container).toMatchObject({
        name: "jeju-province-saeol-documents",
        container_sync_key: "${var.container_sync_key}",
      });
      expect(container).not.toHaveProperty("container_sync_to");
      expect(out().provider?.openstack).toHaveLength(1);
    });

    it("THEN the zone exists, ready for a failover, but holds no record", () => {
      expect(Object.values(resourcesOf(out(), "openstack_dns_zone_v2"))).toEqual([
        expect.objectContaining({ name: "jeju-province.cloud.jeju.example.go.kr." }),
      ]);
      expect(recordNames(out())).toEqual([]);
    });
  });

  describe("GIVEN jeju-fire, whose dispatch-119 is active-active", () => {
    it("THEN both sites hold the dispatch record, each pointing at its own load balancer", () => {
      const home = Object.values(resourcesOf(stack("jeju-fire-jeju-cdc"), RECORDSET));
      const dr = Object.values(resourcesOf(stack("jeju-fire-mainland-drc"), RECORDSET));
      for (const records of [home, dr]) {
        expect(records).toEqual([
          expect.objectContaining({
            name: "dispatch.jeju-fire.cloud.jeju.example.go.kr.",
            records: [
              expect.stringMatching(/^\$\{openstack_lb_loadbalancer_v2\..*\.vip_address\}$/),
            ],
          }),
        ]);
      }
    });
  });

  describe("GIVEN the hot and warm standbys of the example at mainland-drc", () => {
    it("THEN none of their records is at the DR site while the home site serves", () => {
      expect(recordNames(stack("jeju-medical-center-mainland-drc"))).toEqual([]);
      expect(recordNames(stack("jeju-city-mainland-drc"))).toEqual([]);
      expect(recordNames(stack("seogwipo-city-mainland-drc"))).toEqual([]);
      expect(recordNames(stack("seogwipo-city-jeju-cdc"))).toEqual([
        "saeol.seogwipo-city.cloud.jeju.example.go.kr.",
      ]);
    });
  });
});
