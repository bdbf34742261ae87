/**
 * Where tamna finds the region without --region: the working directory when it holds
 * region.yaml, else the `region` of the nearest tamna.json in it or a parent (resolved against
 * that file's directory). `--region` always wins. A bad tamna.json is a located error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyExampleRegion,
  expectExit,
  expectNoStackTrace,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

/** The stack names `tamna matrix` prints when run in `cwd` with `args`. */
async function stacksIn(cwd: string, args: readonly string[] = []): Promise<string[]> {
  const result = await runTamna(cwd, ["matrix", "--per-stack", ...args]);
  expectExit(result, 0);
  return (JSON.parse(result.stdout) as { include: { stack: string }[] }).include.map(
    (entry) => entry.stack,
  );
}

describe("the project setting tamna.json", () => {
  describe("GIVEN a project root whose tamna.json names stacks/jeju, and a second region `other` without jeju-fire", () => {
    let root: string;
    let all: string[];
    beforeAll(async () => {
      root = workspaces.make("project");
      copyExampleRegion(path.join(root, "stacks", "jeju"));
      copyExampleRegion(path.join(root, "other"));
      fs.rmSync(path.join(root, "other", "agencies", "jeju-fire.yaml"));
      fs.mkdirSync(path.join(root, "docs", "deep"), { recursive: true });
      fs.writeFileSync(path.join(root, "tamna.json"), '{\n  "region": "stacks/jeju"\n}\n');
      all = await stacksIn(root, ["--region", "stacks/jeju"]);
    });

    it("WHEN a command runs at the root without --region THEN it uses the configured region", async () => {
      expect(all).toContain("jeju-fire-jeju-cdc");
      expect(await stacksIn(root)).toEqual(all);
    });

    it("WHEN it runs in a subdirectory THEN tamna.json is found by walking up, its path resolved against its own directory", async () => {
      expect(await stacksIn(path.join(root, "docs", "deep"))).toEqual(all);
    });

    it("WHEN --region is given THEN it wins over tamna.json", async () => {
      const other = await stacksIn(root, ["--region", "other"]);
      expect(other).not.toContain("jeju-fire-jeju-cdc");
      expect(other.length).toBeLessThan(all.length);
    });

    it("WHEN the working directory holds region.yaml THEN that region wins (the nearest region)", async () => {
      expect(await stacksIn(path.join(root, "other"))).not.toContain("jeju-fire-jeju-cdc");
    });

    it("WHEN synth runs at the root THEN the output goes to the working directory's cdktf.out", async () => {
      const result = await runTamna(root, ["synth", "--agency", "jeju-tourism", "-q"]);
      expectExit(result, 0);
      expect(fs.existsSync(path.join(root, "cdktf.out", "stacks", "jeju-tourism-jeju-cdc"))).toBe(
        true,
      );
    });
  });

  describe("GIVEN a bad tamna.json", () => {
    const cases: readonly [string, string, RegExp][] = [
      [
        "a misspelt key",
        '{\n  "regoin": "stacks/jeju"\n}\n',
        /tamna\.json:2:3 regoin: unknown field "regoin"; allowed: region\. Fix: remove it, or did you mean "region"\?/,
      ],
      [
        "a region directory without region.yaml",
        '{\n  "region": "stacks/nowhere"\n}\n',
        /tamna\.json:2:\d+ region: the region directory has no region\.yaml; received stacks\/nowhere/,
      ],
      ["a region that is not a string", '{ "region": 7 }\n', /tamna\.json:1:\d+ region: /],
    ];
    it.each(cases)(
      "WHEN it has %s THEN exit 2 with the problem located in it",
      async (_what, text, message) => {
        const root = workspaces.make("bad-project");
        fs.writeFileSync(path.join(root, "tamna.json"), text);
        const result = await runTamna(root, ["matrix"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(message);
        expect(result.stdout).toBe("");
        expectNoStackTrace(result.stderr);
      },
    );
  });

  describe("GIVEN neither region.yaml nor tamna.json", () => {
    it("THEN exit 2 naming both ways to say where the region is", async () => {
      const result = await runTamna(workspaces.make("nothing"), ["matrix"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(
        /no region\.yaml in the working directory, and no tamna\.json in it or a parent\. Fix: pass --region DIR .* or name it in a tamna\.json/,
      );
    });
  });
});
