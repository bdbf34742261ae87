/**
 * End-to-end: what `tamna synth` does with bad input and bad usage. Every case exits 2 with a
 * located message and no stack trace, and leaves a previous output untouched.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  EXAMPLE_REGION,
  Workspaces,
  escapeRegExp,
  expectExit,
  expectIdenticalTrees,
  expectNoStackTrace,
  lineOf,
  readTree,
  REPO_ROOT,
  runTamna,
  stagingLeftovers,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

interface BadInputCase {
  readonly name: string;
  /** The agency file (under agencies/) the case breaks. */
  readonly file: string;
  /** Breaks the region copy in `regionDir`; returns the 1-based line the error must point at. */
  readonly breakIt: (regionDir: string) => number;
  /** What stderr must say besides `<file>:<line>`: the field path and the kind of problem. */
  readonly expected: readonly RegExp[];
}

/** Replaces the first line matching `pattern` in `file` by `replacement` (may hold newlines). */
function replaceLine(file: string, pattern: RegExp, replacement: string): void {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line of ${file} matches ${pattern}`);
  lines[index] = replacement;
  fs.writeFileSync(file, lines.join("\n"));
}

const agencyFile = (regionDir: string, name: string) => path.join(regionDir, "agencies", name);

const badInputs: readonly BadInputCase[] = [
  {
    name: "an agency file with an unknown field",
    file: "jeju-city.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "jeju-city.yaml");
      replaceLine(file, /^csapTier:/, "csapTier: moderate\ncolour: blue");
      return lineOf(fs.readFileSync(file, "utf8"), /^colour:/);
    },
    expected: [/colour/, /unknown field/],
  },
  {
    name: "an agency file with a wrong type",
    file: "jeju-city.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "jeju-city.yaml");
      replaceLine(file, /^ {4}grade: 3$/, '    grade: "three"');
      return lineOf(fs.readFileSync(file, "utf8"), /grade: "three"/);
    },
    expected: [/systems\[1\]\.grade/, /wrong type/, /three/],
  },
  {
    name: "an agency file missing a required field",
    file: "jeju-fire.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "jeju-fire.yaml");
      replaceLine(file, /^name:/, "");
      // Reported where the mapping that lacks it starts: the first key of the file.
      return lineOf(fs.readFileSync(file, "utf8"), /^slug:/);
    },
    expected: [/:\d+ name: /, /missing required field "name"/],
  },
  {
    name: "an agency file with invalid YAML (a duplicate key)",
    file: "seogwipo-city.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "seogwipo-city.yaml");
      replaceLine(file, /^csapTier:/, "csapTier: moderate\ncsapTier: high");
      return lineOf(fs.readFileSync(file, "utf8"), /^csapTier: high/);
    },
    expected: [/invalid YAML/],
  },
  {
    name: "a workload naming a flavor the region does not have",
    file: "jeju-fire.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "jeju-fire.yaml");
      replaceLine(file, /^ {8}flavor: c1\.xlarge$/, "        flavor: c1.xlrage");
      return lineOf(fs.readFileSync(file, "utf8"), /flavor: c1\.xlrage/);
    },
    expected: [
      /systems\[0\]\.workloads\[0\]\.flavor/,
      /unknown flavor/,
      /did you mean "c1\.xlarge"/,
    ],
  },
  {
    name: "a declared quota smaller than the systems need",
    file: "jeju-province.yaml",
    breakIt: (dir) => {
      const file = agencyFile(dir, "jeju-province.yaml");
      replaceLine(file, /^ {2}instances: 40$/, "  instances: 5");
      return lineOf(fs.readFileSync(file, "utf8"), /instances: 5/);
    },
    expected: [
      /quota\.instances/,
      /needs 13 instances at site jeju-cdc \(saeol: 6, civil-portal: 4, hr-payroll: 3\)/,
    ],
  },
  {
    name: "a second agency file copying another's slug",
    file: "zz-copy.yaml",
    breakIt: (dir) => {
      const source = fs.readFileSync(agencyFile(dir, "jeju-fire.yaml"), "utf8");
      const copy = source.replace("englishName: Jeju Fire", "englishName: Copy of Jeju Fire");
      fs.writeFileSync(agencyFile(dir, "zz-copy.yaml"), copy);
      return lineOf(copy, /^slug:/);
    },
    expected: [/slug/, /duplicate agency slug "jeju-fire"/, /jeju\/agencies\/jeju-fire\.yaml:\d+/],
  },
];

describe("tamna synth with bad input", () => {
  describe.each(badInputs)("GIVEN $name, and a previous good output", (bad) => {
    let ws: string;
    let out: string;
    let before: Map<string, Buffer | null>;
    let result: CliResult;
    let line: number;

    beforeAll(async () => {
      ws = workspaces.withRegion("bad");
      out = path.join(ws, "cdktf.out");
      expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q"]), 0);
      before = readTree(out);
      line = bad.breakIt(path.join(ws, "jeju"));
      result = await runTamna(ws, ["synth", "--region", "jeju"]);
    });

    describe("WHEN synthesized", () => {
      it("THEN it exits 2", () => {
        expectExit(result, 2);
        expect(result.stdout).toBe("");
      });

      it("THEN stderr points at <relative file>:<line> and names the field", () => {
        const where = `jeju/agencies/${bad.file}:${line}`;
        expect(result.stderr).toMatch(new RegExp(`^  ${escapeRegExp(where)}\\b`, "m"));
        for (const pattern of bad.expected) expect(result.stderr).toMatch(pattern);
        expect(result.stderr).toMatch(/^tamna: \d+ problems?; nothing was written$/m);
      });

      it("THEN stderr has no stack trace", () => {
        expectNoStackTrace(result.stderr);
      });

      it("THEN the previous output is byte-identical and no staging directory is left", () => {
        expectIdenticalTrees(readTree(out), before);
        expect(stagingLeftovers(out)).toEqual([]);
      });
    });
  });

  describe("GIVEN problems in several files", () => {
    describe("WHEN synthesized", () => {
      it("THEN every problem is reported in one run, in file order", async () => {
        const ws = workspaces.withRegion("bad-many");
        const dir = path.join(ws, "jeju");
        replaceLine(agencyFile(dir, "jeju-city.yaml"), /^csapTier:/, "csapTier: medium");
        replaceLine(agencyFile(dir, "seogwipo-city.yaml"), /^ {4}grade: 3$/, "    grade: 9");
        const result = await runTamna(ws, ["synth", "--region", "jeju"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/^tamna: 2 problems; nothing was written$/m);
        const city = result.stderr.indexOf("jeju/agencies/jeju-city.yaml:5");
        const seogwipo = result.stderr.indexOf("jeju/agencies/seogwipo-city.yaml:");
        expect(city).toBeGreaterThan(-1);
        expect(seogwipo).toBeGreaterThan(city);
        expect(result.stderr).toMatch(/csapTier/);
        expect(result.stderr).toMatch(/systems\[1\]\.grade/);
        expectNoStackTrace(result.stderr);
      });
    });
  });

  describe("GIVEN --region as an absolute path inside the working directory", () => {
    describe("WHEN a file in it is bad", () => {
      it("THEN the message still shows the path relative to the working directory", async () => {
        const ws = workspaces.withRegion("bad-abs");
        replaceLine(
          agencyFile(path.join(ws, "jeju"), "jeju-city.yaml"),
          /^csapTier:/,
          "csapTier: 3",
        );
        const result = await runTamna(ws, ["synth", "--region", path.join(ws, "jeju")]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/^ {2}jeju\/agencies\/jeju-city\.yaml:5:\d+ csapTier/m);
      });
    });
  });
});

describe("tamna synth with a missing region", () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaces.make("no-region");
    fs.cpSync(path.join(EXAMPLE_REGION, "agencies"), path.join(ws, "half", "agencies"), {
      recursive: true,
    });
  });

  describe("GIVEN a region directory without region.yaml", () => {
    describe("WHEN synthesized", () => {
      it("THEN it exits 2 saying region.yaml is not found there", async () => {
        const result = await runTamna(ws, ["synth", "--region", "half"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/half\/region\.yaml: region file not found/);
        expect(result.stderr).toMatch(/--region/);
        expectNoStackTrace(result.stderr);
        expect(fs.existsSync(path.join(ws, "cdktf.out"))).toBe(false);
      });
    });
  });

  describe("GIVEN a region directory that does not exist", () => {
    describe("WHEN synthesized", () => {
      it("THEN it exits 2 saying region.yaml is not found", async () => {
        const result = await runTamna(ws, ["synth", "--region", "no/such/dir"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/no\/such\/dir\/region\.yaml: region file not found/);
        expectNoStackTrace(result.stderr);
      });
    });
  });

  describe("GIVEN no --region in a directory without region.yaml", () => {
    describe("WHEN synth is run", () => {
      it("THEN it exits 2 and says to pass --region", async () => {
        const result = await runTamna(ws, ["synth"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/no region\.yaml in the working directory/);
        expect(result.stderr).toMatch(/pass --region DIR/);
        expectNoStackTrace(result.stderr);
      });
    });

    describe("WHEN list is run", () => {
      it("THEN it exits 2 and says to pass --region", async () => {
        const result = await runTamna(ws, ["list"]);
        expectExit(result, 2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(/--region/);
      });
    });
  });

  describe("GIVEN no --region in a region directory", () => {
    describe("WHEN synth is run there", () => {
      it("THEN it uses the working directory as the region", async () => {
        const region = workspaces.withRegion("cwd-region");
        const result = await runTamna(path.join(region, "jeju"), ["synth", "-q"]);
        expectExit(result, 0);
        expect(fs.existsSync(path.join(region, "jeju", "cdktf.out", "manifest.json"))).toBe(true);
      });
    });
  });
});

describe("tamna usage errors", () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaces.withRegion("usage");
  });

  describe("GIVEN an unknown command", () => {
    it("WHEN run THEN it exits 2 naming the command", async () => {
      const result = await runTamna(ws, ["frobnicate"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
      expectNoStackTrace(result.stderr);
    });
  });

  describe("GIVEN an unknown option", () => {
    it("WHEN run THEN it exits 2 naming the option and writes nothing", async () => {
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--frobnicate"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/unknown option '--frobnicate'/);
      expectNoStackTrace(result.stderr);
      expect(fs.existsSync(path.join(ws, "cdktf.out"))).toBe(false);
    });
  });

  describe("GIVEN an option without its value", () => {
    it("WHEN run THEN it exits 2", async () => {
      const result = await runTamna(ws, ["synth", "--region"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--region <dir>.*argument missing/);
    });
  });

  describe("GIVEN --help", () => {
    it("WHEN run THEN it exits 0 and shows the commands", async () => {
      const result = await runTamna(ws, ["--help"]);
      expectExit(result, 0);
      expect(result.stdout).toMatch(/synth/);
      expect(result.stdout).toMatch(/list/);
    });
  });

  describe("GIVEN no command at all", () => {
    it("WHEN run THEN it prints the help on stdout and exits 0, as --help does", async () => {
      const result = await runTamna(ws, []);
      expectExit(result, 0);
      expect(result.stdout).toBe((await runTamna(ws, ["--help"])).stdout);
      expect(result.stdout).toMatch(/^Usage: tamna /);
      expect(result.stderr).toBe("");
    });
  });

  describe("GIVEN --version", () => {
    it("WHEN run THEN it prints package.json's version and exits 0", async () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
      const result = await runTamna(ws, ["--version"]);
      expectExit(result, 0);
      expect(result.stdout).toBe(`${version}\n`);
    });
  });

  describe("GIVEN a command's --help", () => {
    it("THEN its required options say so, and the others do not", async () => {
      const result = await runTamna(ws, ["failover", "--help"]);
      expectExit(result, 0);
      const help = result.stdout.replace(/\n\s+/g, " ");
      expect(help).toMatch(/--agency <slug> +the agency \(required\)/);
      expect(help).toMatch(/--to <site> .*\(required\)/);
      expect(help).not.toMatch(/--system <name>[^-]*\(required\)/);
      expect((await runTamna(ws, ["graph", "--help"])).stdout).toMatch(
        /the agency to draw \(required\)/,
      );
    });
  });

  describe("GIVEN bad input to a command that writes nothing", () => {
    it("WHEN list fails THEN it does not say that nothing was written; synth does", async () => {
      const listed = await runTamna(ws, ["list", "--region", "jeju", "--agency", "nope"]);
      expectExit(listed, 2);
      expect(listed.stderr).toMatch(/^tamna: 1 problem$/m);
      const synthesized = await runTamna(ws, ["synth", "--region", "jeju", "--agency", "nope"]);
      expectExit(synthesized, 2);
      expect(synthesized.stderr).toMatch(/^tamna: 1 problem; nothing was written$/m);
    });
  });
});

describe("tamna synth --out at a directory that is not synth output", () => {
  // synth replaces --out whole; pointed at a directory of the user's it must refuse, not delete.
  let ws: string;
  beforeAll(() => {
    ws = workspaces.withRegion("unsafe-out");
  });

  describe("GIVEN --out naming the region directory itself", () => {
    it("WHEN synthesized THEN it exits 2 and the region files are untouched", async () => {
      const before = readTree(path.join(ws, "jeju"));
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", "jeju"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--out jeju: it holds jeju\b/);
      expectNoStackTrace(result.stderr);
      expectIdenticalTrees(readTree(path.join(ws, "jeju")), before);
      expect(stagingLeftovers(path.join(ws, "jeju"))).toEqual([]);
    });
  });

  describe("GIVEN --out naming a non-empty directory without manifest.json", () => {
    it("WHEN synthesized THEN it exits 2 and the directory is untouched", async () => {
      fs.mkdirSync(path.join(ws, "docs"));
      fs.writeFileSync(path.join(ws, "docs", "notes.md"), "keep me\n");
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", "docs"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--out docs: it is not empty and holds no manifest\.json/);
      expect(fs.readFileSync(path.join(ws, "docs", "notes.md"), "utf8")).toBe("keep me\n");
      expect(stagingLeftovers(path.join(ws, "docs"))).toEqual([]);
    });
  });

  describe("GIVEN --out naming the working directory", () => {
    it("WHEN synthesized THEN it exits 2 and leaves nothing behind", async () => {
      const before = readTree(ws);
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", "."]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--out \.: it holds the working directory/);
      expectNoStackTrace(result.stderr);
      expectIdenticalTrees(readTree(ws), before);
      expect(stagingLeftovers(ws)).toEqual([]);
    });
  });

  describe("GIVEN --out naming an existing file", () => {
    it("WHEN synthesized THEN it exits 2 and the file is untouched", async () => {
      fs.writeFileSync(path.join(ws, "out.txt"), "keep me too\n");
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", "out.txt"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--out out\.txt: it is not a directory/);
      expect(fs.readFileSync(path.join(ws, "out.txt"), "utf8")).toBe("keep me too\n");
    });
  });

  describe("GIVEN --out naming an empty directory", () => {
    it("WHEN synthesized THEN it is used", async () => {
      fs.mkdirSync(path.join(ws, "empty"));
      const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", "empty", "-q"]);
      expectExit(result, 0);
      expect(fs.existsSync(path.join(ws, "empty", "manifest.json"))).toBe(true);
    });
  });
});
