/**
 * `tamna agency new` on temp copies of the test-owned example region: the file it writes (the
 * modeline, the lowest free block, the placeholders that fail loudly, the commented example),
 * and the refusals that write nothing. The CLI runs in process through main(); the end-to-end
 * run on the kept example, with synth, validate and list, is in test/stacks/example-as-kept.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PLACEHOLDER } from "../../lib/spec/common";
import {
  expectIdenticalTrees,
  expectNoStackTrace,
  readTree,
  REPO_ROOT,
  Workspaces,
} from "../helpers/tamna-cli";
import { tamnaInProcess as tamna } from "../helpers/tamna-in-process";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

/** A fresh copy of the fixture region; returns its directory. */
function region(): string {
  return path.join(workspaces.withRegion("agency-new"), "jeju");
}

function agencyFile(dir: string, slug: string): string {
  return path.join(dir, "agencies", `${slug}.yaml`);
}

/** Uncomments the example system at the end of a written file, as its comment says to. */
function withExampleSystem(text: string): string {
  const [head, example] = text.split("systems: []\n");
  return head + example!.replace(/^# ?/gm, "");
}

const FULL = ["--csap-tier", "moderate", "--owner-name", "정보화담당관"];

describe("tamna agency new", () => {
  describe("GIVEN the fixture region (index 5 at jeju-cdc is jeju-tourism's explicit CIDR)", () => {
    it("WHEN only a name is given THEN the file has the modeline, block index 6, and placeholders that validate refuses at their lines", async () => {
      const dir = region();
      const run = await tamna("agency", "new", "jeju-education", "-r", dir, "--name", "교육청");
      expect(run.code, run.stderr).toBe(0);
      const file = agencyFile(dir, "jeju-education");
      const text = fs.readFileSync(file, "utf8");

      const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      expect(modeline).not.toBeNull();
      expect(path.resolve(path.dirname(file), modeline![1]!)).toBe(
        path.join(REPO_ROOT, "schemas", "agency.schema.json"),
      );
      const spec = parse(text) as Record<string, unknown>;
      expect(spec).toMatchObject({
        slug: "jeju-education",
        name: "교육청",
        addressBlock: { index: 6 },
        zones: ["dmz", "app", "db", "mgmt"],
        systems: [],
      });
      expect(spec).not.toHaveProperty("sites");
      expect(run.stdout).toMatch(
        /index 6 \(jeju-cdc 10\.10\.24\.0\/22, mainland-drc 10\.20\.24\.0\/22\)/,
      );
      // Each field is explained by a comment right above it.
      for (const field of [
        "slug",
        "name",
        "csapTier",
        "contacts",
        "addressBlock",
        "zones",
        "systems",
      ]) {
        const lines = text.split("\n");
        const at = lines.findIndex((line) => line.startsWith(`${field}:`));
        expect(lines[at - 1], field).toMatch(/^#/);
      }
      expect(text).toMatch(/Stable identity[^\n]*\n[^\n]*\nslug:/);

      const validate = await tamna("validate", "-r", dir, "--no-terraform", "-f", "json");
      expect(validate.code).toBe(2);
      const findings = (
        JSON.parse(validate.stdout) as {
          findings: { location: { file: string; line: number; path: string } }[];
        }
      ).findings;
      // Exactly the placeholders fail, at the lines the command printed.
      expect(findings.map((f) => f.location.path)).toEqual([
        "csapTier",
        "contacts[0].name",
        "contacts[0].email",
      ]);
      for (const { location } of findings) {
        expect(location.file).toMatch(/agencies\/jeju-education\.yaml$/);
        expect(run.stdout).toContain(`jeju-education.yaml:${location.line} ${location.path}\n`);
      }
    });

    it("WHEN every option is given and the example system is uncommented THEN the region validates", async () => {
      const dir = region();
      const run = await tamna(
        "agency",
        "new",
        "jeju-education",
        "-r",
        dir,
        "--name",
        "교육청",
        ...FULL,
        "--owner-email",
        "cloud@edu.example",
      );
      expect(run.code, run.stderr).toBe(0);
      const file = agencyFile(dir, "jeju-education");
      const text = fs.readFileSync(file, "utf8");
      expect(text).not.toContain(PLACEHOLDER);
      const validateBare = await tamna(
        "validate",
        "-r",
        dir,
        "--no-terraform",
        "-a",
        "jeju-education",
      );
      expect(validateBare.code, validateBare.stdout).toBe(0);

      fs.writeFileSync(file, withExampleSystem(text));
      expect((parse(fs.readFileSync(file, "utf8")) as { systems: unknown[] }).systems).toHaveLength(
        1,
      );
      const validate = await tamna("validate", "-r", dir, "--no-terraform", "-a", "jeju-education");
      expect(validate.code, validate.stdout).toBe(0);
    });

    it("WHEN --sites names the DR site only THEN its block is the lowest free there, and the example runs there", async () => {
      const dir = region();
      const run = await tamna(
        "agency",
        "new",
        "drc-only",
        "-r",
        dir,
        "--name",
        "DR",
        ...FULL,
        "--owner-email",
        "a@b.example",
        "--sites",
        "mainland-drc",
        "--zones",
        "app,db",
      );
      expect(run.code, run.stderr).toBe(0);
      const text = fs.readFileSync(agencyFile(dir, "drc-only"), "utf8");
      // jeju-tourism's CIDR is at jeju-cdc only: index 5 is free at mainland-drc.
      expect(parse(text)).toMatchObject({
        sites: ["mainland-drc"],
        zones: ["app", "db"],
        addressBlock: { index: 5 },
      });
      fs.writeFileSync(agencyFile(dir, "drc-only"), withExampleSystem(text));
      const validate = await tamna("validate", "-r", dir, "--no-terraform", "-a", "drc-only");
      expect(validate.code, validate.stdout).toBe(0);
    });

    it("WHEN the name needs quoting THEN it reaches the file as data", async () => {
      const dir = region();
      const name = "a: b # c ${x} \"q\" 's'";
      const run = await tamna("agency", "new", "quoted", "-r", dir, "--name", name);
      expect(run.code, run.stderr).toBe(0);
      expect(parse(fs.readFileSync(agencyFile(dir, "quoted"), "utf8"))).toMatchObject({ name });
    });
  });

  describe("GIVEN a request it must refuse", () => {
    const refusals: [string, string[], RegExp][] = [
      [
        "an invalid slug",
        ["agency", "new", "Jeju_Edu", "--name", "x"],
        /agency slug "Jeju_Edu" must be lowercase/,
      ],
      ["a reserved slug", ["agency", "new", "platform", "--name", "x"], /reserved/],
      [
        "an existing agency's slug",
        ["agency", "new", "jeju-city", "--name", "x"],
        /agencies\/jeju-city\.yaml:\d+:\d+ slug: agency "jeju-city" exists already/,
      ],
      [
        "an unknown site",
        ["agency", "new", "x-y", "--name", "x", "--sites", "jeju-cdx"],
        /--sites: unknown "jeju-cdx".*did you mean "jeju-cdc"/,
      ],
      [
        "an unknown zone",
        ["agency", "new", "x-y", "--name", "x", "--zones", "app,web"],
        /--zones: unknown "web"/,
      ],
      [
        "a bad owner email",
        ["agency", "new", "x-y", "--name", "x", "--owner-name", "n", "--owner-email", "nope"],
        /--owner-email: /,
      ],
    ];
    for (const [what, args, message] of refusals) {
      it(`WHEN given ${what} THEN it exits 2, says so and writes nothing`, async () => {
        const dir = region();
        const before = readTree(dir);
        const run = await tamna(...args, "-r", dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expectNoStackTrace(run.stderr);
        expectIdenticalTrees(readTree(dir), before);
      });
    }

    it("WHEN another agency's file sits at the agency's path THEN it is refused", async () => {
      const dir = region();
      const made = await tamna(
        "agency",
        "new",
        "not-stray",
        "-r",
        dir,
        "--name",
        "x",
        ...FULL,
        "--owner-email",
        "a@b.example",
      );
      expect(made.code, made.stderr).toBe(0);
      fs.renameSync(agencyFile(dir, "not-stray"), agencyFile(dir, "stray"));
      const before = readTree(dir);
      const run = await tamna("agency", "new", "stray", "--name", "x", "-r", dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/stray\.yaml: a file is already where the agency would go/);
      expectIdenticalTrees(readTree(dir), before);
    });

    it("WHEN every block of a site is taken THEN it names the full sites and writes nothing", async () => {
      const dir = region();
      // /19 supernets hold 8 blocks: the fixture's agencies take 0 to 5 at jeju-cdc.
      const regionFile = path.join(dir, "region.yaml");
      fs.writeFileSync(
        regionFile,
        fs
          .readFileSync(regionFile, "utf8")
          .replace(/jeju-cdc: 10\.10\.0\.0\/16/, "jeju-cdc: 10.10.0.0/19")
          .replace(/mainland-drc: 10\.20\.0\.0\/16/, "mainland-drc: 10.20.0.0/19")
          // The foundation's block 60 is outside a /19: this region has none.
          .replace(/\nplatforms:\n[\s\S]*?\nstate:/, "\nstate:"),
      );
      for (const slug of ["fill-six", "fill-seven"]) {
        const run = await tamna(
          "agency",
          "new",
          slug,
          "-r",
          dir,
          "--name",
          slug,
          ...FULL,
          "--owner-email",
          "a@b.example",
        );
        expect(run.code, run.stderr).toBe(0);
      }
      const before = readTree(dir);
      const run = await tamna("agency", "new", "one-more", "-r", dir, "--name", "x");
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /region\.yaml:\d+:\d+ addressPlan\.supernets: no free \/22 block: site jeju-cdc is full/,
      );
      expectIdenticalTrees(readTree(dir), before);
      // At the DR site alone, index 5 is still free.
      const drOnly = await tamna(
        "agency",
        "new",
        "one-more",
        "-r",
        dir,
        "--name",
        "x",
        "--sites",
        "mainland-drc",
      );
      expect(drOnly.code, drOnly.stderr).toBe(0);
      expect(parse(fs.readFileSync(agencyFile(dir, "one-more"), "utf8"))).toMatchObject({
        addressBlock: { index: 5 },
      });
    });
  });
});
