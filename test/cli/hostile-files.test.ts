/**
 * End-to-end: hostile region directories. A duplicate container, a `__proto__` or `constructor`
 * name, and agency "files" that are a folder, a FIFO, /dev/zero or a dangling link each end in a
 * located message and exit 2, without a stack trace, a hang or a changed previous output.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  copyExampleRegion,
  editYaml,
  escapeRegExp,
  expectExit,
  expectIdenticalTrees,
  expectNoStackTrace,
  lineOf,
  readTree,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

interface HostileCase {
  readonly name: string;
  /** Breaks the region copy in `<ws>/<region>`; returns what stderr must hold. */
  readonly breakIt: (regionDir: string, region: string) => readonly RegExp[];
}

const cases: readonly HostileCase[] = [
  {
    name: "(a) a duplicate container name",
    breakIt: (dir, region) => {
      const file = path.join(dir, "agencies", "jeju-province.yaml");
      editYaml(file, (doc) => {
        const containers = doc.getIn(["systems", 0, "containers"]) as { items: unknown[] };
        const first = containers.items[0] as { clone(): unknown };
        containers.items.push(first.clone());
      });
      const lines = fs.readFileSync(file, "utf8").split("\n");
      const second = lines.findIndex(
        (line, index) =>
          /name: documents/.test(line) &&
          lines.slice(0, index).some((l) => /name: documents/.test(l)),
      );
      return [
        new RegExp(`${escapeRegExp(region)}/agencies/jeju-province\\.yaml:${second + 1}:\\d+`),
        /systems\[0\]\.containers\[\d\]\.name/,
        /duplicate name "documents"/,
      ];
    },
  },
  {
    name: "(b) a __proto__ key in the flavors catalogue",
    breakIt: (dir, region) => {
      const file = path.join(dir, "region.yaml");
      editYaml(file, (doc) =>
        doc.setIn(["flavors", "__proto__"], { vcpus: 1, ramGiB: 1, diskGiB: 10 }),
      );
      const line = lineOf(fs.readFileSync(file, "utf8"), /^ {2}__proto__:/);
      return [
        new RegExp(`${escapeRegExp(region)}/region\\.yaml:${line}:\\d+ flavors\\.__proto__`),
        /"__proto__" cannot be a name/,
      ];
    },
  },
  {
    name: "(b) a workload with flavor: constructor and image: __proto__",
    breakIt: (dir, region) => {
      const file = path.join(dir, "agencies", "jeju-city.yaml");
      editYaml(file, (doc) => {
        doc.setIn(["systems", 0, "workloads", 0, "flavor"], "constructor");
        doc.setIn(["systems", 0, "workloads", 0, "image"], "__proto__");
      });
      const text = fs.readFileSync(file, "utf8");
      const where = `${escapeRegExp(region)}/agencies/jeju-city\\.yaml`;
      return [
        new RegExp(
          `${where}:${lineOf(text, /flavor: constructor/)}:\\d+ systems\\[0\\]\\.workloads\\[0\\]\\.flavor: unknown flavor "constructor"`,
        ),
        new RegExp(
          `${where}:${lineOf(text, /image: __proto__/)}:\\d+ systems\\[0\\]\\.workloads\\[0\\]\\.image: unknown image "__proto__"`,
        ),
      ];
    },
  },
  {
    name: "(c) a folder named x.yaml in agencies/",
    breakIt: (dir, region) => {
      fs.mkdirSync(path.join(dir, "agencies", "x.yaml"));
      return [
        new RegExp(`${escapeRegExp(region)}/agencies/x\\.yaml: not a regular file: it is a folder`),
      ];
    },
  },
  {
    name: "(d) a FIFO named y.yaml in agencies/",
    breakIt: (dir, region) => {
      execFileSync("mkfifo", [path.join(dir, "agencies", "y.yaml")]);
      return [
        new RegExp(
          `${escapeRegExp(region)}/agencies/y\\.yaml: not a regular file: it is a named pipe`,
        ),
      ];
    },
  },
  {
    name: "(e) a symbolic link to /dev/zero",
    breakIt: (dir, region) => {
      fs.symlinkSync("/dev/zero", path.join(dir, "agencies", "zero.yaml"));
      return [
        new RegExp(
          `${escapeRegExp(region)}/agencies/zero\\.yaml: not a regular file: it is a character device`,
        ),
      ];
    },
  },
  {
    name: "(f) a dangling symbolic link",
    breakIt: (dir, region) => {
      fs.symlinkSync("missing-agency.yaml", path.join(dir, "agencies", "gone.yaml"));
      return [
        new RegExp(
          `${escapeRegExp(region)}/agencies/gone\\.yaml: dangling symbolic link: its target "missing-agency\\.yaml" does not exist`,
        ),
      ];
    },
  },
];

describe("tamna synth with hostile files", () => {
  let ws: string;
  let out: string;
  let before: ReturnType<typeof readTree>;

  beforeAll(async () => {
    ws = workspaces.withRegion("hostile");
    out = path.join(ws, "cdktf.out");
    expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q"]), 0);
    before = readTree(out);
  }, 180_000);

  describe.each(cases.map((c, index) => ({ ...c, region: `jeju-${index}` })))(
    "GIVEN $name, and a previous good output",
    (hostile) => {
      let expected: readonly RegExp[];
      let result: CliResult;

      beforeAll(async () => {
        const dir = path.join(ws, hostile.region);
        copyExampleRegion(dir);
        expected = hostile.breakIt(dir, hostile.region);
        // A run that blocks (a FIFO opened for reading) is killed and fails here.
        result = await runTamna(ws, ["synth", "--region", hostile.region], 30_000);
      }, 60_000);

      it("WHEN synthesized THEN it exits 2 with a located message and no stack trace", () => {
        expectExit(result, 2);
        for (const pattern of expected) expect(result.stderr).toMatch(pattern);
        expectNoStackTrace(result.stderr);
      });

      it("WHEN synthesized THEN the previous output is byte-identical", () => {
        expectIdenticalTrees(readTree(out), before);
      });
    },
  );
});
