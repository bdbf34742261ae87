import { describe, expect, it } from "vitest";
import { planContainers } from "../../../lib/plan/containers";
import type { DrDecision } from "../../../lib/plan/dr";
import { SystemSpec } from "../../../lib/spec/system";

const lake = SystemSpec.parse({
  name: "data-lake",
  displayName: "Data lake",
  grade: 2,
  rto: "8h",
  rpo: "1h",
  containers: [
    { name: "raw", sizeGiB: 100, quotaGiB: 200, expireAfter: "90d" },
    { name: "curated", versioning: true },
  ],
});

const decision = (mode: DrDecision["mode"]) =>
  ({ mode, homeSite: "cdc", drSite: "drc" }) as unknown as DrDecision;

describe("planContainers", () => {
  describe("GIVEN a data lake (containers alone) whose mode keeps a copy", () => {
    const [raw, curated] = planContainers("city", lake, decision("pilot-light"), "primary", {
      agency: "city",
    });

    it("THEN its containers are named agency-system-container and sync to the DR site", () => {
      expect([raw!.name, raw!.syncToSite, raw!.synced]).toEqual([
        "city-data-lake-raw",
        "drc",
        true,
      ]);
    });

    it("THEN an expiry becomes seconds, in the plan and in the Expire-After metadata", () => {
      expect(raw!.expireAfterSeconds).toBe(90 * 86400);
      expect(raw!.metadata).toMatchObject({
        "Expire-After": String(90 * 86400),
        "Quota-Bytes": String(200 * 1024 ** 3),
      });
    });

    it("THEN versioning is kept, and a container without expiry has none", () => {
      expect([raw!.versioning, curated!.versioning]).toEqual([false, true]);
      expect(curated!.expireAfterSeconds).toBeUndefined();
      expect(curated!.metadata).not.toHaveProperty("Expire-After");
    });
  });

  it("GIVEN the DR site's copy THEN it receives the sync and keeps the same expiry and versioning", () => {
    const [raw, curated] = planContainers("city", lake, decision("pilot-light"), "standby", {});
    expect([raw!.syncToSite, raw!.synced, raw!.metadata["Expire-After"]]).toEqual([
      undefined,
      true,
      String(90 * 86400),
    ]);
    expect(curated!.versioning).toBe(true);
  });

  it("GIVEN a mode without a live copy THEN nothing syncs", () => {
    const [raw] = planContainers("city", lake, decision("backup-only"), "primary", {});
    expect([raw!.synced, raw!.syncToSite]).toEqual([false, undefined]);
  });
});
