/**
 * The cost of the fixture region, checked against figures worked out by hand from its files:
 * test/fixtures/jeju/region.yaml (prices) and agencies/jeju-fire.yaml (the systems).
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  costModel,
  costReport,
  formatCostCsv,
  formatCostJson,
  formatCostMarkdown,
  formatCostText,
} from "../../../lib/cost";
import { planRegion } from "../../../lib/plan/region-plan";
import { loadRegionDir } from "../../../lib/spec/load";
import { aiPoolRegion } from "../../helpers/ai-pool-region";
import { JEJU_DIR, problemsOf } from "../spec/helpers";

const INPUT = loadRegionDir(JEJU_DIR);
const PLAN = planRegion(INPUT);
const report = (date: string, selection = {}) =>
  costReport(costModel(INPUT.region, PLAN, date), selection);

describe("cost of the fixture region", () => {
  describe("GIVEN jeju-fire (dispatch-119, grade 1, hot standby at mainland-drc) and the 2026 book", () => {
    const fire = report("2026-12-06").agencies.find((agency) => agency.agency === "jeju-fire")!;

    it("THEN its monthly cost is the hand-computed figure", () => {
      // c1.xlarge is not listed: 8 vCPU x 18,000 + 16 GiB x 5,000 = 224,000 a month.
      const c1xlarge = 8 * 18_000 + 16 * 5_000;
      // db1.2xlarge is listed: 1,150,000.
      const db12xlarge = 1_150_000;
      // Volumes, all of type replicated (250 a GiB): was boots 4 x 40, db boots 2 x 60 and
      // data 2 x 500 = 1,280 GiB.
      const storage = (4 * 40 + 2 * 60 + 2 * 500) * 250;
      // The was tier's load balancer (45,000); no floating IP: the app zone faces the intranet.
      const loadBalancer = 45_000;
      const computeAtHome = 4 * c1xlarge + 2 * db12xlarge;
      const home = computeAtHome + storage + loadBalancer;
      // Hot standby: the same instances at half price (drStandbyDiscountPercent: 50), the same
      // volumes and load balancer.
      const standby = computeAtHome / 2 + storage + loadBalancer;
      expect(home).toBe(3_561_000);
      expect(standby).toBe(1_963_000);

      expect(fire.monthly).toBe(home + standby);
      expect(fire.sites).toEqual([
        { site: "jeju-cdc", monthly: home },
        { site: "mainland-drc", monthly: standby },
      ]);
      expect(fire.byKind).toEqual({
        compute: computeAtHome + computeAtHome / 2,
        storage: 2 * storage,
        network: 2 * loadBalancer,
        objectStorage: 0,
      });
      // DR adds the whole standby and the replication of the running system's volumes.
      expect(fire.dr).toEqual({
        standby,
        replicated: storage,
        drSite: 0,
        total: standby + storage,
      });
    });

    it("WHEN priced on a day of the 2027 book THEN that book applies", () => {
      const later = report("2027-03-01");
      expect(later.priceBook).toBe("2027-01-01");
      const fire2027 = later.agencies.find((agency) => agency.agency === "jeju-fire")!;
      const compute = 4 * (8 * 19_000 + 16 * 5_200) + 2 * 1_200_000;
      const storage = 1_280 * 250;
      expect(fire2027.monthly).toBe(compute + storage + 45_000 + compute / 2 + storage + 45_000);
    });
  });

  it("GIVEN GPU servers priced by the unit THEN each GPU adds perGpu to its vCPUs and RAM", () => {
    const { input, plan } = aiPoolRegion();
    const lines = costModel(input.region, plan, "2026-12-06").lines.filter(
      (line) => line.system === "ai-analytics" && line.kind === "compute",
    );
    // g1.a100 is not listed: 16 vCPU x 18,000 + 128 GiB x 5,000 + 1 GPU x 1,200,000 = 2,128,000,
    // two servers at jeju-cdc; grade 3 is backup-only, so no standby at the DR site.
    const g1a100 = 16 * 18_000 + 128 * 5_000 + 1 * 1_200_000;
    expect(lines.map((line) => [line.site, line.item, line.quantity, line.unitPrice])).toEqual([
      ["jeju-cdc", expect.stringContaining("g1.a100"), 2, g1a100],
    ]);
    expect(lines[0]!.amount).toBe(2 * g1a100);
  });

  it("WHEN the day is before every book THEN it is a located error at prices.books", () => {
    const [problem] = problemsOf(() => report("2025-12-31"));
    expect(problem!.location.path).toBe("prices.books");
    expect(problem!.message).toMatch(
      /no price book is in effect on 2025-12-31: the earliest takes effect on 2026-01-01/,
    );
  });

  it("WHEN a site is selected THEN only its lines count, and the agencies still sum to the total", () => {
    const dr = report("2026-12-06", { site: "mainland-drc" });
    expect(dr.lines.every((line) => line.site === "mainland-drc")).toBe(true);
    expect(dr.agencies.reduce((total, agency) => total + agency.monthly, 0)).toBe(dr.total);
    expect(dr.selection).toEqual({ site: "mainland-drc" });
  });

  describe("GIVEN the PaaS-TA foundation (grade 2, standby at mainland-drc)", () => {
    const full = report("2026-12-06");
    const paasta = full.agencies.find((agency) => agency.agency === "paasta")!;

    it("THEN what Terraform creates is priced like an agency's: the routers' load balancer and its floating IP at each site", () => {
      // 45,000 for the load balancer and 9,000 for its floating IP (the dmz reaches the internet).
      const site = 45_000 + 9_000;
      expect(paasta.sites).toEqual([
        { site: "jeju-cdc", monthly: site },
        { site: "mainland-drc", monthly: site },
      ]);
      expect(paasta.byKind).toEqual({
        compute: 0,
        storage: 0,
        network: 2 * site,
        objectStorage: 0,
      });
      // The standby site's load balancer is there for DR only.
      expect(paasta.dr).toEqual({ standby: site, replicated: 0, drSite: 0, total: site });
      expect(paasta.systems.map((system) => [system.system, system.site])).toEqual([
        ["paasta", "jeju-cdc"],
        ["paasta", "mainland-drc"],
      ]);
    });

    it("THEN the report says that BOSH's VMs and disks are not priced, with the quota that bounds them", () => {
      expect(full.notes).toEqual([
        {
          agency: "paasta",
          sites: ["jeju-cdc", "mainland-drc"],
          text: expect.stringMatching(
            /^PaaS-TA foundation paasta: the VMs and disks BOSH deploys .* not priced, .* its quota bounds them at each site: 60 instances, 160 vCPUs, 480 GiB RAM, 4096 GiB of volumes$/,
          ),
        },
      ]);
      expect(formatCostText(full)).toMatch(/^Note: PaaS-TA foundation paasta: .*\.$/m);
      expect(formatCostMarkdown(full)).toMatch(/^Note: PaaS-TA foundation paasta: .*\.$/m);
      expect(JSON.parse(formatCostJson(full)).notes).toEqual(full.notes);
    });

    it("WHEN an agency is selected THEN the foundation's lines and note are left out", () => {
      const fire = report("2026-12-06", { agencies: ["jeju-fire"] });
      expect(fire.lines.some((line) => line.agency === "paasta")).toBe(false);
      expect(fire.notes).toEqual([]);
    });
  });

  describe("formats", () => {
    const full = report("2026-12-06");

    it("JSON is versioned and its agencies sum to its total", () => {
      const json = JSON.parse(formatCostJson(full));
      expect(json).toMatchObject({ version: 1, currency: "KRW", period: "month" });
      expect(
        json.agencies
          .map((agency: { monthly: number }) => agency.monthly)
          .reduce((a: number, b: number) => a + b),
      ).toBe(json.total);
      expect(json.total).toBe(full.total);
    });

    it("CSV has one row per agency, system, site and kind, and its rows sum to the total", () => {
      const rows = parse(formatCostCsv(full), { columns: true }) as Record<string, string>[];
      const keys = rows.map((row) => `${row.agency}/${row.system}/${row.site}/${row.kind}`);
      expect(new Set(keys).size).toBe(rows.length);
      expect(rows.reduce((total, row) => total + Number(row.monthly), 0)).toBe(full.total);
      expect(rows).toContainEqual(
        expect.objectContaining({
          agency: "jeju-fire",
          system: "dispatch-119",
          site: "jeju-cdc",
          kind: "storage",
          monthly: "320000",
          dr: "320000",
          drReasons: "replicated",
        }),
      );
    });

    it("text and markdown show each agency with grouped figures", () => {
      expect(formatCostText(full)).toMatch(/^jeju-fire +5,524,000 /m);
      expect(formatCostMarkdown(full)).toMatch(/^\| `jeju-fire` \| 5,524,000 \|/m);
    });
  });
});
