import { describe, expect, it } from "vitest";
import { agencyTopology } from "../../../lib/graph/topology";
import { exampleRegion } from "../../helpers/example-region";

describe("agencyTopology of a PaaS-TA foundation", () => {
  const { input, plan } = exampleRegion();

  describe("GIVEN the fixture's foundation at both sites", () => {
    const graph = agencyTopology(input, plan, { agency: "paasta" });
    const node = (id: string) => graph.nodes.find((n) => n.id === id);

    it("THEN each site has the router, both networks, the director and the routers' balancer", () => {
      for (const site of ["jeju_cdc", "mainland_drc"]) {
        expect(node(`router_${site}_paasta_router`)?.kind).toBe("router");
        expect(node(`zone_${site}_paasta_bosh`)?.lines[1]).toBe("BOSH network");
        expect(node(`zone_${site}_paasta_cf`)?.classification).toBe("O");
        expect(node(`workload_${site}_paasta_director`)?.lines[0]).toBe("BOSH director");
        expect(node(`lb_${site}_paasta_routers`)?.kind).toBe("load-balancer");
      }
      expect(node("workload_jeju_cdc_paasta_director")?.lines[1]).toBe("bosh_ip 10.10.240.16");
    });

    it("THEN the records are at the active site only, and a DR edge pairs the sites", () => {
      expect(graph.edges).toContainEqual(
        expect.objectContaining({
          from: "dns_jeju_cdc_paasta_cloud_jeju_example_go_kr_",
          kind: "record",
        }),
      );
      expect(graph.edges.filter((e) => e.kind === "record")).toHaveLength(1);
      expect(graph.edges).toContainEqual({
        from: "sys_jeju_cdc_paasta",
        to: "sys_mainland_drc_paasta",
        kind: "dr",
        label: "pilot-light",
      });
      expect(graph.notes).toEqual([]);
    });
  });

  describe("GIVEN one site only", () => {
    it("THEN the DR pairing becomes a note", () => {
      const graph = agencyTopology(input, plan, { agency: "paasta", site: "mainland-drc" });
      expect(graph.nodes.some((n) => n.id.includes("jeju_cdc"))).toBe(false);
      expect(graph.notes).toEqual([
        "paasta: DR pilot-light from jeju-cdc to mainland-drc; active at jeju-cdc",
      ]);
    });
  });
});
