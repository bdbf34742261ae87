import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadRegionDir } from "../../../lib/spec/load";
import {
  formatPlacementLock,
  lockedPlacement,
  type PlacementLock,
} from "../../../lib/spec/placement-lock";
import { copyJeju, expectProblem, problemsOf, writeFile } from "./helpers";

const LOCK: PlacementLock = {
  version: 1,
  agency: "alpha",
  sites: {
    "site-b": {
      "web/app": { serverGroupPolicy: "anti-affinity", instances: { "02": "b2", "01": "b1" } },
    },
    "site-a": { "db/db": { serverGroupPolicy: "soft-anti-affinity", instances: { "01": "a1" } } },
  },
};

describe("placement lock file", () => {
  it("GIVEN a lock THEN its text is sorted at every level and parses back to the same data", () => {
    const text = formatPlacementLock(LOCK);
    expect(text).toMatch(/^# Placement lock, written by tamna synth/);
    expect(text.indexOf("site-a")).toBeLessThan(text.indexOf("site-b"));
    expect(text.indexOf('"01"')).toBeLessThan(text.indexOf('"02"'));
    expect(parse(text)).toEqual(LOCK);
  });

  it("GIVEN the same lock with keys in another order THEN the bytes are the same", () => {
    const reordered: PlacementLock = {
      ...LOCK,
      sites: { "site-a": LOCK.sites["site-a"]!, "site-b": LOCK.sites["site-b"]! },
    };
    expect(formatPlacementLock(reordered)).toBe(formatPlacementLock(LOCK));
  });

  it("GIVEN lookups of keys an object prototype has THEN nothing is found", () => {
    expect(lockedPlacement(LOCK, "constructor", "web/app")).toBeUndefined();
    expect(lockedPlacement(LOCK, "site-b", "__proto__")).toBeUndefined();
    expect(lockedPlacement(LOCK, "site-b", "web/app")?.instances["01"]).toBe("b1");
  });

  it("GIVEN a lock naming another agency than its file's THEN loading fails at its agency field", () => {
    const dir = copyJeju();
    const slug = loadRegionDir(dir).agencies[0]!.spec.slug;
    writeFile(dir, `placement/${slug}.lock.yaml`, "version: 1\nagency: someone-else\nsites: {}\n");
    expectProblem(
      problemsOf(() => loadRegionDir(dir)),
      {
        file: path.join(dir, "placement", `${slug}.lock.yaml`),
        line: 2,
        path: "agency",
        message: /belongs to no agency file/,
      },
    );
  });
});
