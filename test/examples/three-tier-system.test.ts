import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { ThreeTierSystemExample } from "../../examples/three-tier-system/main";
import { resourcesOf, synthesize } from "../helpers/cdktf";

function names(out: ReturnType<typeof synthesize>, type: string): unknown[] {
  return Object.values(resourcesOf(out, type))
    .map((r) => r.name)
    .sort();
}

describe("examples/three-tier-system", () => {
  describe("GIVEN the example built from TypeScript objects", () => {
    const out = synthesize(new ThreeTierSystemExample(Testing.app(), "sample-agency-hq"));

    it("THEN it has two instances per tier, spread over the availability zones", () => {
      const servers = Object.values(resourcesOf(out, "openstack_compute_instance_v2"));
      expect(servers.map((s) => s.name).sort()).toEqual([
        "sample-agency-minwon-db-01",
        "sample-agency-minwon-db-02",
        "sample-agency-minwon-was-01",
        "sample-agency-minwon-was-02",
        "sample-agency-minwon-web-01",
        "sample-agency-minwon-web-02",
      ]);
      // The two instances of each tier are in different zones (round robin).
      for (const tier of ["web", "was", "db"]) {
        const zones = servers
          .filter((s) => String(s.name).includes(`-${tier}-`))
          .map((s) => s.availability_zone);
        expect(new Set(zones).size).toBe(2);
      }
    });

    it("THEN the web tier is behind a public load balancer and the WAS behind an internal one", () => {
      expect(names(out, "openstack_lb_loadbalancer_v2")).toEqual([
        "sample-agency-minwon-was",
        "sample-agency-minwon-web",
      ]);
      expect(Object.values(resourcesOf(out, "openstack_networking_floatingip_v2"))).toEqual([
        expect.objectContaining({ pool: "ext-internet" }),
      ]);
      const listeners = Object.values(resourcesOf(out, "openstack_lb_listener_v2"));
      expect(listeners.map((l) => [l.name, l.allowed_cidrs]).sort()).toEqual([
        ["sample-agency-minwon-was-tcp-8443", ["10.50.12.0/24"]],
        ["sample-agency-minwon-web-http-80", undefined],
        ["sample-agency-minwon-web-https-443", undefined],
      ]);
    });

    it("THEN the databases have their fixed addresses and replicated data volumes", () => {
      const ports = Object.values(resourcesOf(out, "openstack_networking_port_v2"))
        .filter((p) => String(p.name).includes("-db-"))
        .map((p) => (p.fixed_ip as { ip_address?: string }[])[0]!.ip_address);
      expect(ports.sort()).toEqual(["10.50.14.5", "10.50.14.6"]);
      const data = Object.values(resourcesOf(out, "openstack_blockstorage_volume_v3")).filter(
        (v) => v.volume_type === "replicated",
      );
      expect(data.map((v) => v.name).sort()).toEqual([
        "sample-agency-minwon-db-01-data",
        "sample-agency-minwon-db-01-wal",
        "sample-agency-minwon-db-02-data",
        "sample-agency-minwon-db-02-wal",
      ]);
    });

    it("THEN the agency's zone has a record for each service", () => {
      expect(names(out, "openstack_dns_recordset_v2")).toEqual([
        "was.minwon.sample-agency.cloud.sample.example.",
        "www.sample-agency.cloud.sample.example.",
      ]);
    });

    it("THEN it matches its snapshot", () => {
      expect(out).toMatchSnapshot();
    });
  });
});
