import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DANGER_KINDS, type DiffReport } from "../../../lib/diff";
import { formatJson, JSON_FORMAT_VERSION } from "../../../lib/diff/format-json";
import { Outputs } from "./fixtures";
import { MIXED_STACK, mixedPair } from "./mixed-pair";

/* eslint-disable @typescript-eslint/no-explicit-any -- the parsed document is inspected freely */

const outputs = new Outputs();
let report: DiffReport;
let document: any;

beforeAll(() => {
  report = mixedPair(outputs).report;
  document = JSON.parse(formatJson(report));
});
afterAll(() => outputs.removeAll());

describe("formatJson", () => {
  it("THEN the top-level shape is pinned, with a version", () => {
    expect(Object.keys(document)).toEqual([
      "version",
      "base",
      "head",
      "changes",
      "summary",
      "notCompared",
      "dangers",
      "stacks",
    ]);
    expect(document.version).toBe(JSON_FORMAT_VERSION);
    expect(document.changes).toBe(true);
  });

  it("THEN the summary counts every action, the stacks and the dangers", () => {
    expect(Object.keys(document.summary)).toEqual([
      "create",
      "update",
      "replace",
      "destroy",
      "move",
      "stacksAdded",
      "stacksRemoved",
      "stacksChanged",
      "stacksNotCompared",
      "dangers",
    ]);
    expect(document.summary).toMatchObject({
      destroy: 1,
      move: 1,
      stacksChanged: 1,
      dangers: report.dangers.length,
    });
  });

  it("THEN dangers carry kind, stack, address and message, kinds from the documented list", () => {
    expect(document.dangers.length).toBeGreaterThan(0);
    for (const danger of document.dangers) {
      expect(Object.keys(danger)).toEqual(["kind", "stack", "address", "message"]);
      expect(DANGER_KINDS).toContain(danger.kind);
    }
  });

  it("THEN a replaced resource lists its changes and what forces it; a moved one its fix", () => {
    const stack = document.stacks.find((s: any) => s.stack === MIXED_STACK);
    const subnet = stack.resources.find((r: any) => r.type === "openstack_networking_subnet_v2");
    expect(subnet).toMatchObject({
      action: "replace",
      replacedBecause: ["cidr"],
      changes: [
        { path: "cidr", before: "10.10.5.0/24", after: "10.10.9.0/24", forcesReplacement: true },
      ],
    });
    const router = stack.resources.find((r: any) => r.action === "move");
    expect(router.fix.terraform).toMatch(/^moved \{\n {2}from = openstack_networking_router_v2\./);
    expect(router.fix.cdktf).toContain("moveFromId(");
  });

  it("THEN the danger kinds are pinned (a new kind is a documented change)", () => {
    expect(DANGER_KINDS).toEqual([
      "data-loss",
      "servers-replaced",
      "exposure",
      "internet-route",
      "dr-downgrade",
      "quota-below-usage",
      "cost-increase",
    ]);
  });
});
