/**
 * What a failover does, read from the plans before and after: which systems move and why the
 * others stay, and which single-system switches are refused.
 */
import { describe, expect, it } from "vitest";
import { agencyDecisions, failoverOutcome, switchRefusal } from "../../../lib/report/failover";
import { exampleRegion } from "../../helpers/example-region";
import { planWithActiveSite } from "./helpers";

const before = exampleRegion().plan;
const decision = (agency: string, system: string, plan = before) =>
  agencyDecisions(plan, agency).get(system)!;

describe("switchRefusal", () => {
  it("GIVEN a warm standby at home WHEN switched to its DR site THEN it is allowed", () => {
    expect(switchRefusal(decision("jeju-province", "saeol"), "mainland-drc")).toBeUndefined();
  });

  it("GIVEN a system served from its home site WHEN switched to it THEN it is refused, pointing at the DR site", () => {
    expect(switchRefusal(decision("jeju-province", "saeol"), "jeju-cdc")).toEqual({
      message: 'system "saeol" is already served from jeju-cdc',
      hint: "to fail it over, use --to mainland-drc",
    });
  });

  it("GIVEN a backup-only system WHEN switched to the DR site THEN it is refused: restore from backups", () => {
    const refusal = switchRefusal(decision("jeju-city", "parking"), "mainland-drc");
    expect(refusal?.message).toBe(
      'system "parking" has no live copy at mainland-drc: with backup-only it runs only at jeju-cdc',
    );
    expect(refusal?.hint).toMatch(/restore it from the backups kept at mainland-drc/);
  });

  it("GIVEN a failed-over system WHEN switched back home THEN it is allowed, and again to the DR site refused", () => {
    const after = planWithActiveSite("jeju-province", { site: "mainland-drc" });
    const saeol = decision("jeju-province", "saeol", after);
    expect(switchRefusal(saeol, "jeju-cdc")).toBeUndefined();
    expect(switchRefusal(saeol, "mainland-drc")?.hint).toBe("to fail it back, use --to jeju-cdc");
  });
});

describe("failoverOutcome", () => {
  it("GIVEN jeju-province failed over THEN its three systems move, each with what the move does", () => {
    const after = planWithActiveSite("jeju-province", { site: "mainland-drc" });
    const outcome = failoverOutcome(before, after, { agency: "jeju-province", to: "mainland-drc" });
    expect(outcome.stayed).toEqual([]);
    expect(outcome.moved.map((m) => `${m.system} ${m.direction} ${m.from}->${m.to}`)).toEqual([
      "saeol failover jeju-cdc->mainland-drc",
      "civil-portal failover jeju-cdc->mainland-drc",
      "hr-payroll failover jeju-cdc->mainland-drc",
    ]);
    expect(outcome.moved[0]!.effect).toMatch(/the standby scales up to the full size/);
    expect(outcome.moved[2]!.effect).toMatch(/its instances and load balancers are created/);
  });

  it("GIVEN jeju-city failed over THEN local-tax moves and parking stays, with the reason", () => {
    const after = planWithActiveSite("jeju-city", { site: "mainland-drc" });
    const outcome = failoverOutcome(before, after, { agency: "jeju-city", to: "mainland-drc" });
    expect(outcome.moved.map((m) => m.system)).toEqual(["local-tax"]);
    expect(outcome.stayed).toEqual([
      {
        system: "parking",
        mode: "backup-only",
        activeSite: "jeju-cdc",
        reason: "no-live-copy",
        detail: expect.stringMatching(/no live copy at mainland-drc; restore it from backups/),
      },
    ]);
  });

  it("GIVEN a pilot-light system without services THEN its move says there is no record to move", () => {
    const after = planWithActiveSite("jeju-medical-center", {
      system: "pacs",
      site: "mainland-drc",
    });
    const outcome = failoverOutcome(before, after, {
      agency: "jeju-medical-center",
      system: "pacs",
      to: "mainland-drc",
    });
    expect(outcome.moved.map((m) => m.effect)).toEqual([
      "no DNS record to move; its instances and load balancers are created",
    ]);
  });

  it("GIVEN one system of an agency switched THEN only it is considered", () => {
    const after = planWithActiveSite("jeju-province", {
      system: "hr-payroll",
      site: "mainland-drc",
    });
    const outcome = failoverOutcome(before, after, {
      agency: "jeju-province",
      system: "hr-payroll",
      to: "mainland-drc",
    });
    expect(outcome).toEqual({
      moved: [expect.objectContaining({ system: "hr-payroll", to: "mainland-drc" })],
      stayed: [],
    });
  });

  it("GIVEN a system pinned home by its own activeSite WHEN the agency fails over THEN it stays, saying why", () => {
    const pin = { system: "saeol", site: "jeju-cdc" };
    const pinned = planWithActiveSite("jeju-province", pin);
    const after = planWithActiveSite("jeju-province", pin, { site: "mainland-drc" });
    const outcome = failoverOutcome(pinned, after, { agency: "jeju-province", to: "mainland-drc" });
    expect(outcome.moved.map((m) => m.system)).toEqual(["civil-portal", "hr-payroll"]);
    expect(outcome.stayed).toEqual([
      expect.objectContaining({ system: "saeol", reason: "pinned" }),
    ]);
    expect(outcome.stayed[0]!.detail).toMatch(/its own activeSite keeps it at jeju-cdc/);
  });

  it("GIVEN active-active jeju-fire failed over THEN the move is recorded, with no resource to change", () => {
    const after = planWithActiveSite("jeju-fire", { site: "mainland-drc" });
    const outcome = failoverOutcome(before, after, { agency: "jeju-fire", to: "mainland-drc" });
    expect(outcome.moved).toEqual([
      expect.objectContaining({
        system: "dispatch-119",
        effect: "both sites serve already: only the recorded active site changes",
      }),
    ]);
  });
});
