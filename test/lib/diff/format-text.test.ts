import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../../../lib/diff";
import { formatText, wantsColor } from "../../../lib/diff/format-text";
import { Outputs } from "./fixtures";
import { MIXED_STACK, mixedPair } from "./mixed-pair";

const outputs = new Outputs();
let report: DiffReport;

beforeAll(() => {
  report = mixedPair(outputs).report;
});
afterAll(() => outputs.removeAll());

describe("formatText", () => {
  it("GIVEN dangers THEN they come first, each with kind, stack, address and why", () => {
    const text = formatText(report);
    const dangers = text.indexOf("DANGER: ");
    expect(dangers).toBeGreaterThan(0);
    expect(dangers).toBeLessThan(text.indexOf(`== ${MIXED_STACK}`));
    for (const danger of report.dangers) {
      expect(text).toContain(`${danger.stack}  ${danger.address}`);
      expect(text).toContain(danger.message);
    }
  });

  it("THEN a replacement names the attribute forcing it, and a move shows how to keep it", () => {
    const text = formatText(report);
    expect(text).toMatch(
      /-\/\+ openstack_networking_subnet_v2\.\S+ {2}\(replaced: cidr forces replacement\)/,
    );
    expect(text).toContain('cidr: "10.10.5.0/24" -> "10.10.9.0/24"  # forces replacement');
    expect(text).toMatch(
      /> {3}openstack_networking_router_v2\.Internal_Router\w* {2}\(moved from /,
    );
    expect(text).toMatch(/^ {4}moved \{$/m);
    expect(text).toContain("resource.moveFromId(");
  });

  it("THEN it ends with one summary line", () => {
    expect(formatText(report).trimEnd().split("\n").pop()).toMatch(
      /^1 stack differs \(1 changed\): .*to replace.*; \d+ dangers?\.$/,
    );
  });

  it("GIVEN no colour THEN no escape codes; GIVEN colour THEN ANSI codes", () => {
    expect(formatText(report)).not.toContain("\x1b[");
    expect(formatText(report, { color: true })).toContain("\x1b[1;31mDANGER");
  });

  it("GIVEN no changes THEN it says so", () => {
    const empty: DiffReport = {
      base: "a",
      head: "b",
      stacks: [],
      dangers: [],
      notCompared: [],
      topology: { nodes: [], edges: [] },
    };
    expect(formatText(empty)).toBe(
      "tamna diff: a -> b\n\nNo changes: the head output matches the base.\n",
    );
  });
});

describe("wantsColor", () => {
  it("THEN colour only on a terminal without NO_COLOR", () => {
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
  });
});
