/**
 * End-to-end: strings from agency and region files are data, never Terraform expressions.
 * `tamna synth` writes them escaped where Terraform evaluates templates, and refuses them with
 * a located error where Terraform evaluates nothing (provider and backend settings).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Workspaces,
  type CliResult,
  expectExit,
  expectNoStackTrace,
  lineOf,
  readStack,
  runTamna,
} from "../helpers/tamna-cli";
import { decodeTemplate } from "../helpers/terraform-template";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

function edit(file: string, from: RegExp, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  expect(text).toMatch(from);
  fs.writeFileSync(file, text.replace(from, to));
}

describe("tamna synth with Terraform template syntax in spec strings", () => {
  describe("GIVEN an englishName that calls file() and user data that uses ${HOME}", () => {
    const ws = workspaces.withRegion("injection");
    const agency = path.join(ws, "jeju", "agencies", "jeju-fire.yaml");
    edit(agency, /^englishName: .*$/m, `englishName: '\${file("/etc/passwd")}'`);
    edit(
      agency,
      /^(\s+)image: rocky-9$/m,
      '$1image: rocky-9\n$1userData: "#!/bin/sh\\necho ${HOME}\\n"',
    );
    let result: CliResult;
    beforeAll(async () => {
      result = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
    });

    it("THEN it synthesizes, and the output holds them escaped as literal text", () => {
      expectExit(result, 0);
      const tenancy = readStack(path.join(ws, "cdktf.out"), "tenancy-jeju-fire-jeju-cdc");
      const text = JSON.stringify(tenancy);
      expect(text).toContain('$${file(\\"/etc/passwd\\")}');
      expect(text).not.toMatch(/[^$]\$\{file\(/);

      const agencyStack = readStack(path.join(ws, "cdktf.out"), "jeju-fire-jeju-cdc");
      const instances = Object.values(
        agencyStack.resource.openstack_compute_instance_v2 as Record<
          string,
          { user_data?: string }
        >,
      );
      const userData = instances.map((i) => i.user_data).filter((u) => u !== undefined);
      expect(userData.length).toBeGreaterThan(0);
      for (const written of userData) {
        expect(written).toBe("#!/bin/sh\necho $${HOME}\n");
        expect(decodeTemplate(written!)).toEqual({ ok: true, text: "#!/bin/sh\necho ${HOME}\n" });
      }
    });
  });

  describe("GIVEN a site whose cloud is a Terraform expression", () => {
    const ws = workspaces.withRegion("injection-cloud");
    const region = path.join(ws, "jeju", "region.yaml");
    edit(region, /^(\s+)cloud: jeju-cdc$/m, "$1cloud: '${var.x}'");
    const line = lineOf(fs.readFileSync(region, "utf8"), /cloud: '\$\{var\.x\}'/);
    let result: CliResult;
    beforeAll(async () => {
      result = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
    });

    it("THEN it exits 2 with a located error saying Terraform allows no expressions there", () => {
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stderr).toMatch(
        new RegExp(
          `jeju/region\\.yaml:${line}:\\d+ sites\\.jeju-cdc\\.cloud: holds "\\$\\{" or "%\\{", and Terraform allows no expressions here`,
        ),
      );
      expect(fs.existsSync(path.join(ws, "cdktf.out"))).toBe(false);
    });
  });
});
