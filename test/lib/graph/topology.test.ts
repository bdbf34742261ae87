import { describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import {
  agencyTopology,
  type EdgeKind,
  type TopologyGraph,
  type TopologyNode,
} from "../../../lib/graph/topology";
import { planRegion } from "../../../lib/plan/region-plan";
import { loadRegionDir, type RegionInput } from "../../../lib/spec/load";
import { EXAMPLE_REGION_DIR, exampleRegion } from "../../helpers/example-region";

const { input, plan } = exampleRegion();
const topology = (agency: string, site?: string) =>
  agencyTopology(input, plan, { agency, ...(site !== undefined ? { site } : {}) });
const province = topology("jeju-province");

const nodeOf = (graph: TopologyGraph, id: string): TopologyNode => {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
};
const edgesOf = (graph: TopologyGraph, kind: EdgeKind) =>
  graph.edges.filter((edge) => edge.kind === kind).map((e) => [e.from, e.to, e.label]);

/** The example region with jeju-province failed over to the DR site. */
function failedOver(): RegionInput {
  return {
    region: input.region,
    agencies: input.agencies.map((agency) =>
      agency.spec.slug === "jeju-province"
        ? { ...agency, spec: { ...agency.spec, activeSite: "mainland-drc" } }
        : agency,
    ),
  };
}

describe("agencyTopology", () => {
  describe("GIVEN jeju-province at both sites", () => {
    it("THEN each site is a cluster, named with its role", () => {
      const sites = province.clusters.filter((cluster) => cluster.kind === "site");
      expect(sites.map((site) => [site.id, site.lines[0]])).toEqual([
        ["site_jeju_cdc", "jeju-cdc · primary site"],
        ["site_mainland_drc", "mainland-drc · DR site"],
      ]);
    });

    it("THEN each zone is a node with its network, classification, CIDR and security group", () => {
      const dmz = nodeOf(province, "zone_jeju_cdc_dmz");
      expect(dmz).toMatchObject({ kind: "zone", cluster: "site_jeju_cdc", classification: "O" });
      expect(dmz.lines).toEqual([
        "jeju-province-dmz",
        "zone dmz · class O",
        "10.10.0.0/24 · gateway 10.10.0.1",
        expect.stringMatching(/^security group jeju-province-dmz · \d+ rules$/),
      ]);
      expect(nodeOf(province, "zone_mainland_drc_db")).toMatchObject({ classification: "S" });
      expect(nodeOf(province, "zone_mainland_drc_db").lines).toContain(
        "10.20.2.0/24 · gateway 10.20.2.1",
      );
      const zones = province.nodes.filter((node) => node.kind === "zone").map((node) => node.id);
      expect(zones).toEqual([
        "zone_jeju_cdc_app",
        "zone_jeju_cdc_db",
        "zone_jeju_cdc_dmz",
        "zone_jeju_cdc_mgmt",
        "zone_mainland_drc_app",
        "zone_mainland_drc_db",
        "zone_mainland_drc_dmz",
        "zone_mainland_drc_mgmt",
      ]);
    });

    it("THEN routers hang off their external networks, and the internal router has no gateway", () => {
      expect(edgesOf(province, "gateway").filter(([from]) => from!.includes("jeju_cdc"))).toEqual([
        ["ext_jeju_cdc_ext_internet", "router_jeju_cdc_jeju_province_internet", undefined],
        ["ext_jeju_cdc_ext_intranet", "router_jeju_cdc_jeju_province_intranet", undefined],
      ]);
      const internal = nodeOf(province, "router_jeju_cdc_jeju_province_internal");
      expect(internal.lines).toEqual([
        "jeju-province-internal",
        "no gateway",
        "transit port 10.10.3.246",
        "10.10.0.0/24 via 10.10.3.244",
        "10.10.1.0/24 via 10.10.3.245",
        "10.10.3.0/25 via 10.10.3.245",
      ]);
    });

    it("THEN each zone is attached to its router by an unlabelled edge (the zone says its gateway)", () => {
      expect(edgesOf(province, "attachment").filter(([, to]) => to!.startsWith("zone_"))).toEqual(
        expect.arrayContaining([
          ["router_jeju_cdc_jeju_province_internet", "zone_jeju_cdc_dmz", undefined],
          ["router_jeju_cdc_jeju_province_intranet", "zone_jeju_cdc_app", undefined],
          ["router_jeju_cdc_jeju_province_intranet", "zone_jeju_cdc_mgmt", undefined],
          ["router_jeju_cdc_jeju_province_internal", "zone_jeju_cdc_db", undefined],
        ]),
      );
    });

    it("THEN only DR pairings carry an edge label: addresses and names are in the nodes", () => {
      for (const graph of [province, topology("jeju-city"), topology("jeju-tourism")]) {
        const labelled = graph.edges.filter((edge) => edge.label !== undefined);
        expect(labelled.map((edge) => edge.kind).filter((kind) => kind !== "dr")).toEqual([]);
      }
    });

    it("THEN the transit network links every router of a site, which names its transit port", () => {
      expect(edgesOf(province, "transit").filter(([from]) => from!.includes("jeju_cdc"))).toEqual([
        [
          "router_jeju_cdc_jeju_province_internal",
          "transit_jeju_cdc_jeju_province_transit",
          undefined,
        ],
        [
          "router_jeju_cdc_jeju_province_internet",
          "transit_jeju_cdc_jeju_province_transit",
          undefined,
        ],
        [
          "router_jeju_cdc_jeju_province_intranet",
          "transit_jeju_cdc_jeju_province_transit",
          undefined,
        ],
      ]);
      expect(nodeOf(province, "router_jeju_cdc_jeju_province_internet").lines).toContain(
        "transit port 10.10.3.244",
      );
    });

    it("THEN workloads show count × flavor and their instances by availability zone", () => {
      expect(nodeOf(province, "workload_jeju_cdc_saeol_db").lines).toEqual([
        "workload db",
        "2 × db1.2xlarge",
        "cdc-az1: db-01 (10.10.2.5)",
        "cdc-az2: db-02 (10.10.2.6)",
      ]);
      // Warm standby: one instance at the DR site, its fixed IP mirrored into that site's subnet.
      expect(nodeOf(province, "workload_mainland_drc_saeol_db").lines).toEqual([
        "workload db",
        "1 × db1.2xlarge",
        "drc-az1: db-01 (10.20.2.5)",
      ]);
    });

    it("THEN a public load balancer has listeners, a floating IP and a DNS name; an internal one no floating IP", () => {
      const web = "lb_jeju_cdc_jeju_province_saeol_web";
      expect(nodeOf(province, web).lines).toEqual([
        "load balancer jeju-province-saeol-web",
        "HTTPS 443, HTTP 80",
        "floating IP on ext-internet",
        "DNS name saeol",
      ]);
      expect(edgesOf(province, "floating-ip")).toContainEqual([
        "ext_jeju_cdc_ext_internet",
        web,
        undefined,
      ]);
      expect(edgesOf(province, "vip")).toContainEqual(["zone_jeju_cdc_dmz", web, undefined]);
      expect(edgesOf(province, "member")).toContainEqual([
        web,
        "workload_jeju_cdc_saeol_web",
        undefined,
      ]);

      const was = "lb_jeju_cdc_jeju_province_saeol_was";
      expect(nodeOf(province, was).lines).toContain("internal VIP only");
      expect(edgesOf(province, "floating-ip").map(([, to]) => to)).not.toContain(was);
    });

    it("THEN DNS records point at the load balancers of the serving site only", () => {
      expect(edgesOf(province, "record")).toEqual([
        [
          "dns_jeju_cdc_jeju_province_cloud_jeju_example_go_kr_",
          "lb_jeju_cdc_jeju_province_civil_portal_web",
          undefined,
        ],
        [
          "dns_jeju_cdc_jeju_province_cloud_jeju_example_go_kr_",
          "lb_jeju_cdc_jeju_province_hr_payroll_was",
          undefined,
        ],
        [
          "dns_jeju_cdc_jeju_province_cloud_jeju_example_go_kr_",
          "lb_jeju_cdc_jeju_province_saeol_was",
          undefined,
        ],
        [
          "dns_jeju_cdc_jeju_province_cloud_jeju_example_go_kr_",
          "lb_jeju_cdc_jeju_province_saeol_web",
          undefined,
        ],
      ]);
    });

    it("THEN each system's home node is paired with its DR copy by an edge labelled with the mode", () => {
      expect(edgesOf(province, "dr")).toEqual([
        ["sys_jeju_cdc_civil_portal", "sys_mainland_drc_civil_portal", "warm-standby"],
        ["sys_jeju_cdc_hr_payroll", "sys_mainland_drc_hr_payroll", "pilot-light"],
        ["sys_jeju_cdc_saeol", "sys_mainland_drc_saeol", "warm-standby"],
      ]);
      expect(province.notes).toEqual([]);
    });

    it("THEN the pilot-light copy is drawn as a system without workloads", () => {
      expect(nodeOf(province, "sys_mainland_drc_hr_payroll").lines).toEqual([
        "인사급여 시스템",
        "grade 2 · DR pilot-light",
        "DR copy of jeju-cdc",
        "standby: active at jeju-cdc",
      ]);
      expect(
        province.nodes.filter((n) => n.cluster === "system_mainland_drc_hr_payroll"),
      ).toHaveLength(1);
    });

    it("THEN the active site of every system is highlighted", () => {
      const serving = province.clusters.filter((cluster) => cluster.serving).map((c) => c.id);
      expect(serving).toEqual([
        "system_jeju_cdc_civil_portal",
        "system_jeju_cdc_hr_payroll",
        "system_jeju_cdc_saeol",
      ]);
      expect(province.nodes.filter((node) => node.serving).map((node) => node.id)).toEqual([
        "sys_jeju_cdc_civil_portal",
        "sys_jeju_cdc_hr_payroll",
        "sys_jeju_cdc_saeol",
      ]);
    });

    it("THEN identifiers are unique, valid in Mermaid and DOT, and every edge joins declared nodes", () => {
      const ids = [...province.clusters, ...province.nodes].map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      const nodes = new Set(province.nodes.map((node) => node.id));
      for (const edge of province.edges) {
        expect(nodes.has(edge.from), edge.from).toBe(true);
        expect(nodes.has(edge.to), edge.to).toBe(true);
      }
      const clusters = new Set(province.clusters.map((cluster) => cluster.id));
      for (const node of province.nodes) expect(clusters.has(node.cluster), node.id).toBe(true);
    });

    it("THEN the same input gives the same graph, loaded afresh", () => {
      const again = loadRegionDir(EXAMPLE_REGION_DIR);
      const graph = agencyTopology(again, planRegion(again), { agency: "jeju-province" });
      expect(graph).toEqual(province);
    });
  });

  describe("GIVEN one site", () => {
    const drc = topology("jeju-province", "mainland-drc");

    it("THEN only that site is drawn", () => {
      expect(drc.clusters.filter((c) => c.kind === "site").map((c) => c.id)).toEqual([
        "site_mainland_drc",
      ]);
      expect(drc.nodes.every((node) => node.id.includes("mainland_drc"))).toBe(true);
      expect(drc.title).toBe("jeju-province · 제주특별자치도청 at mainland-drc");
    });

    it("THEN the DR pairings are listed as notes instead of edges", () => {
      expect(edgesOf(drc, "dr")).toEqual([]);
      expect(drc.notes).toEqual([
        "civil-portal: DR warm-standby from jeju-cdc to mainland-drc; active at jeju-cdc",
        "hr-payroll: DR pilot-light from jeju-cdc to mainland-drc; active at jeju-cdc",
        "saeol: DR warm-standby from jeju-cdc to mainland-drc; active at jeju-cdc",
      ]);
    });
  });

  describe("GIVEN an agency whose system has no DR copy (jeju-tourism)", () => {
    const tourism = topology("jeju-tourism");

    it("THEN its one site is drawn and a note says the system has no copy", () => {
      expect(tourism.clusters.filter((c) => c.kind === "site").map((c) => c.id)).toEqual([
        "site_jeju_cdc",
      ]);
      expect(edgesOf(tourism, "dr")).toEqual([]);
      expect(tourism.notes).toEqual([
        "visit-jeju: DR none; no standby copy, runs only at jeju-cdc",
      ]);
    });
  });

  describe("GIVEN jeju-province failed over to the DR site", () => {
    const failed = failedOver();
    const graph = agencyTopology(failed, planRegion(failed), { agency: "jeju-province" });

    it("THEN the DR site's copies are highlighted and carry the DNS records", () => {
      expect(graph.clusters.filter((cluster) => cluster.serving).map((c) => c.id)).toEqual([
        "system_mainland_drc_civil_portal",
        "system_mainland_drc_hr_payroll",
        "system_mainland_drc_saeol",
      ]);
      expect(new Set(edgesOf(graph, "record").map(([from]) => from))).toEqual(
        new Set(["dns_mainland_drc_jeju_province_cloud_jeju_example_go_kr_"]),
      );
    });

    it("THEN the pairing edges still run from home to copy", () => {
      expect(edgesOf(graph, "dr").map(([from, to]) => [from, to])).toEqual(
        edgesOf(province, "dr").map(([from, to]) => [from, to]),
      );
    });
  });

  describe("GIVEN an unknown agency or site", () => {
    it("THEN an unknown agency is an error listing the agencies and the closest one", () => {
      expect(() => topology("jeju-provinse")).toThrow(TamnaError);
      expect(() => topology("jeju-provinse")).toThrow(
        /agency "jeju-provinse" is not in the region; received jeju-provinse; allowed: jeju-city, jeju-fire, jeju-medical-center, jeju-province, jeju-tourism, paasta, seogwipo-city\. Fix: did you mean "jeju-province"\?/,
      );
    });

    it("THEN a site where the agency has no tenant is an error listing its sites", () => {
      expect(() => topology("jeju-tourism", "mainland-drc")).toThrow(
        /agency "jeju-tourism" has no tenant at site "mainland-drc"; received mainland-drc; allowed: jeju-cdc/,
      );
      expect(() => topology("jeju-province", "seoul")).toThrow(/allowed: jeju-cdc, mainland-drc/);
    });
  });
});
