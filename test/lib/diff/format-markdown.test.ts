import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../../../lib/diff";
import { formatMarkdown } from "../../../lib/diff/format-markdown";
import { Outputs } from "./fixtures";
import { MIXED_STACK, mixedPair } from "./mixed-pair";

const outputs = new Outputs();
let report: DiffReport;
let markdown: string;

beforeAll(() => {
  report = mixedPair(outputs).report;
  markdown = formatMarkdown(report);
});
afterAll(() => outputs.removeAll());

describe("formatMarkdown", () => {
  it("THEN the order is: dangers, summary table, topology, details", () => {
    const positions = ["> [!CAUTION]", "| stack ", "```mermaid", "<details><summary><code>"].map(
      (marker) => markdown.indexOf(marker),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("THEN every danger is a bullet naming kind, stack and address", () => {
    for (const danger of report.dangers) {
      expect(markdown).toContain(
        `> - **${danger.kind}** \`${danger.stack}\` \`${danger.address}\`: `,
      );
    }
  });

  it("THEN the summary table has one row per stack with counts per action", () => {
    const row = markdown.split("\n").find((line) => line.startsWith(`| \`${MIXED_STACK}\``));
    expect(row).toMatch(
      /^\| `jeju-city-jeju-cdc` \| changed \| +\| +\d+ \| +\d+ \| +1 \| +1 \| +\| +\|$/,
    );
  });

  it("THEN the topology is a Mermaid flowchart, one subgraph per stack, coloured by action", () => {
    const chart = markdown.slice(
      markdown.indexOf("```mermaid"),
      markdown.indexOf("```", markdown.indexOf("```mermaid") + 3),
    );
    expect(chart).toContain("flowchart LR");
    expect(chart).toContain(`subgraph s0["${MIXED_STACK}"]`);
    expect(chart).toMatch(/\["subnet: jeju-city-app-subnet<br\/>replaced"\]:::replace/);
    expect(chart).toMatch(/\["router: jeju-city-internal<br\/>moved"\]:::move/);
    expect(chart).toContain("classDef replace ");
    expect(chart).toMatch(/n\d+ (===|---) n\d+/);
  });

  it("THEN each stack's details are collapsible, in a diff block", () => {
    expect(markdown).toContain(`<details><summary><code>${MIXED_STACK}</code> (changed): `);
    expect(markdown).toMatch(/```diff\n- {3}openstack_blockstorage_volume_v3\.Archive\n/);
  });

  it("GIVEN a size limit THEN details that do not fit are left out, and that is said", () => {
    const short = formatMarkdown(report, { maxLength: 3000 });
    expect(short.length).toBeLessThanOrEqual(3000);
    expect(short).toContain("> [!CAUTION]");
    expect(short).toMatch(/_Details of 1 more stack are left out/);
  });

  it("GIVEN no changes THEN only the heading and the sentence", () => {
    const empty: DiffReport = {
      base: "a",
      head: "b",
      stacks: [],
      dangers: [],
      notCompared: [],
      topology: { nodes: [], edges: [] },
    };
    expect(formatMarkdown(empty)).toBe(
      "## tamna diff\n\nBase `a`, head `b`. No changes: the head output matches the base.\n",
    );
  });
});
