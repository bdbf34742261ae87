/**
 * The three formats of the DR report on the example region: text for a terminal, Markdown for a
 * wiki or a pull request, JSON with a pinned, versioned shape.
 */
import { describe, expect, it } from "vitest";
import { buildDrReport } from "../../../lib/report/dr-report";
import { formatJson } from "../../../lib/report/format-json";
import { formatMarkdown } from "../../../lib/report/format-markdown";
import { formatText } from "../../../lib/report/format-text";
import { exampleRegion } from "../../helpers/example-region";
import { planWithActiveSite, planWithBackupInterval } from "./helpers";

const report = buildDrReport(exampleRegion().plan);

/**
 * The lines of one system in the text format, up to the next blank line, as one line: wrapped
 * values are joined again, so that assertions do not depend on where a line breaks.
 */
function textBlock(text: string, heading: RegExp): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`no line matches ${heading}`);
  const end = lines.findIndex((line, i) => i > start && line === "");
  return lines
    .slice(start, end)
    .join("\n")
    .replace(/\n {6,}/g, " ");
}

describe("formatText", () => {
  const text = formatText(report);

  it("GIVEN the example THEN it opens with the region and the counts", () => {
    expect(text.split("\n")[0]).toBe("DR report: region jeju, 7 agencies, 12 systems");
  });

  it("GIVEN the example THEN the summary table has a row per mode and per grade column, with totals", () => {
    expect(text).toMatch(/^ {2}mode +systems +grade 1 +grade 2 +grade 3 +grade 4$/m);
    expect(text).toMatch(/^ {2}warm-standby +3 +2 +1 +0 +0$/m);
    expect(text).toMatch(/^ {2}total +12 +4 +5 +2 +1$/m);
    expect(text).toMatch(
      /without a live copy at another site \(2\):\n +jeju-city\/parking +grade 3, backup-only/,
    );
    expect(text).toMatch(/served from the DR site now: none/);
  });

  it("GIVEN a pilot-light system THEN it says nothing runs at the DR site now and what runs after failover", () => {
    const block = textBlock(text, /^ {2}hr-payroll /);
    expect(block).toMatch(/mainland-drc +now: nothing running \(pilot light/);
    expect(block).toMatch(/after failover: was 2 x m1\.large \+ LB; db 1 x db1\.2xlarge/);
    expect(block).toMatch(
      /failover +tamna failover --agency jeju-province --system hr-payroll --to mainland-drc/,
    );
  });

  it("GIVEN a backup-only system THEN it says there is no live copy and how it is restored", () => {
    const block = textBlock(text, /^ {2}parking /);
    expect(block).toMatch(/not replicated; only backups \(backup_policy daily-35d-offsite\)/);
    expect(block).toMatch(
      /RPO 1d \(backups every 1d by\s+daily-35d-offsite\) for declared RTO 3d, RPO 1d/,
    );
    expect(block).not.toMatch(/NOT MET/);
    expect(block).toMatch(/mainland-drc +nothing running and no live copy: backups only/);
    expect(block).toMatch(/failover restore-from-backup: no live copy/);
    expect(block).not.toMatch(/tamna failover/);
  });

  it("GIVEN backups rarer than the RPO THEN the system and the summary say the RPO is not met", () => {
    const weekly = formatText(
      buildDrReport(planWithBackupInterval("jeju-city", "parking", 7 * 24 * 60)),
    );
    expect(textBlock(weekly, /^ {2}parking /)).toMatch(
      /RPO 7d \(backups every 7d by daily-35d-offsite\) for declared RTO 3d, RPO 1d; RPO NOT MET/,
    );
    expect(weekly).toMatch(
      /RPO not met \(backups too rare for the declared RPO\) \(1\):\n +jeju-city\/parking/,
    );
    expect(text).toMatch(/RPO not met \(backups too rare for the declared RPO\): none/);
  });

  it("GIVEN an active-active system THEN it says no failover is needed", () => {
    expect(textBlock(text, /^ {2}dispatch-119 /)).toMatch(
      /failover +none needed: both sites serve/,
    );
  });

  it("GIVEN long actions THEN no line but a command is wider than 100 columns", () => {
    const wide = text.split("\n").filter((line) => [...line].length > 100);
    expect(wide.every((line) => /^ {4}failover +tamna failover /.test(line))).toBe(true);
  });

  it("GIVEN the example THEN it ends with each manual step once and the systems it concerns", () => {
    const steps = text.slice(text.indexOf("MANUAL STEPS"));
    expect(steps).toMatch(/^ {2}cinder-failover \(failover\): Promote the mirrored volumes/m);
    expect(steps).toMatch(
      /^ {6}for jeju-medical-center\/pacs, jeju-province\/saeol, paasta\/paasta$/m,
    );
    expect(steps.match(/^ {2}backup-schedule /gm)).toHaveLength(1);
  });

  it("GIVEN a failed-over agency THEN its systems are listed as served from the DR site, with the failback", () => {
    const after = formatText(
      buildDrReport(planWithActiveSite("jeju-province", { site: "mainland-drc" })),
    );
    expect(after).toMatch(
      /served from the DR site now \(3\):\n +jeju-province\/saeol +at mainland-drc/,
    );
    expect(textBlock(after, /^ {2}saeol \(새올행정시스템\)/)).toMatch(
      /failback +tamna failover --agency jeju-province --system saeol --to jeju-cdc/,
    );
  });
});

describe("formatMarkdown", () => {
  const markdown = formatMarkdown(report);

  it("GIVEN the example THEN it has a title, a summary and a section per agency and system", () => {
    expect(markdown.split("\n")[0]).toBe("# DR report: region `jeju`");
    expect(markdown).toMatch(/^## Summary$/m);
    expect(markdown.match(/^## /gm)).toHaveLength(1 + 7 + 1);
    expect(markdown.match(/^### /gm)).toHaveLength(12);
    expect(markdown).toMatch(/^### jeju-province\/saeol: 새올행정시스템$/m);
  });

  it("GIVEN the example THEN every table row has as many cells as its header", () => {
    const lines = markdown.split("\n");
    let columns: number | undefined;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        columns = undefined;
        continue;
      }
      // Escaped pipes inside cells do not separate columns.
      const cells = line.replace(/\\\|/g, "").split("|").length;
      columns ??= cells;
      expect(cells, line).toBe(columns);
    }
  });

  it("GIVEN the example THEN the agency table and the summary rows carry the decisions", () => {
    expect(markdown).toContain(
      "| `saeol` | 2 | 4h / 1h | hot-standby (override) | 30m / 15m | jeju-cdc | mainland-drc | jeju-cdc |",
    );
    expect(markdown).toContain("| warm-standby | 3 | 2 | 1 | 0 | 0 |");
  });

  it("GIVEN commands and manual steps THEN commands are code spans", () => {
    expect(markdown).toContain(
      "- **Failover:** `tamna failover --agency jeju-province --system saeol --to mainland-drc`",
    );
    expect(markdown).toMatch(/^ {2}- failover, `cinder-failover`: promote the mirrored images/m);
    expect(markdown).toMatch(/^## Manual steps outside Terraform$/m);
  });
});

describe("formatJson", () => {
  const json = formatJson(report);
  const parsed = JSON.parse(json);

  it("GIVEN the example THEN it is the report as it is, indented, with a final newline", () => {
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json.endsWith("}\n")).toBe(true);
    expect(json.split("\n")[1]).toBe('  "version": 1,');
  });

  it("GIVEN the documented shape THEN the keys of the report and of a system are pinned", () => {
    expect(Object.keys(parsed)).toEqual([
      "version",
      "region",
      "agencies",
      "summary",
      "manualSteps",
    ]);
    expect(Object.keys(parsed.summary)).toEqual([
      "systems",
      "byMode",
      "byGrade",
      "withoutLiveCopy",
      "rpoNotMet",
      "failedOver",
      "overrides",
    ]);
    const saeol = parsed.agencies[3].systems[0];
    expect(Object.keys(saeol)).toEqual([
      "agency",
      "system",
      "displayName",
      "grade",
      "declared",
      "mode",
      "decidedBy",
      "achieves",
      "backup",
      "effectiveRpoMinutes",
      "rpoMet",
      "homeSite",
      "drSite",
      "activeSite",
      "failedOver",
      "liveCopy",
      "copies",
      "home",
      "standby",
      "dns",
      "switch",
      "manualSteps",
    ]);
  });

  it("GIVEN the same plan twice THEN the output is byte-identical", () => {
    expect(formatJson(buildDrReport(exampleRegion().plan))).toBe(json);
  });
});
