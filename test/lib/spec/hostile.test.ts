/**
 * Hostile spec input: files that are not regular files or not UTF-8, keys that JavaScript gives
 * a meaning of its own, and thousands of unknown keys. Each ends in located problems.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblems, MAX_PRINTED_PROBLEMS, TamnaError } from "../../../lib/errors";
import { planRegion } from "../../../lib/plan/region-plan";
import { AgencySpec } from "../../../lib/spec/agency";
import {
  AGENCY_DIR,
  decodeSpecText,
  loadRegionDir,
  MAX_SPEC_FILE_BYTES,
  parseSpec,
  readSpecFile,
} from "../../../lib/spec/load";
import {
  copyJeju,
  editFile,
  expectProblem,
  lineOf,
  problemsOf,
  tempDir,
  VALID_AGENCY,
} from "./helpers";

describe("readSpecFile", () => {
  describe("GIVEN something under a .yaml name that is not a regular file", () => {
    it.each([
      ["a folder", (file: string) => fs.mkdirSync(file), /it is a folder/],
      ["a FIFO", (file: string) => execFileSync("mkfifo", [file]), /it is a named pipe/],
      [
        "a link to /dev/zero",
        (file: string) => fs.symlinkSync("/dev/zero", file),
        /it is a character device/,
      ],
    ])("WHEN it is %s THEN it is refused unread, naming what it is", (_, make, message) => {
      const file = path.join(tempDir(), "x.yaml");
      make(file);
      const [problem] = problemsOf(() => readSpecFile(file));
      expect(problem!.message).toMatch(/^not a regular file: /);
      expect(problem!.message).toMatch(message);
      expect(problem!.hint).toMatch(/plain YAML files/);
    });

    it("WHEN it is a socket THEN it is refused", async () => {
      const file = path.join(tempDir(), "s.yaml");
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(file, resolve));
      try {
        expectProblem(
          problemsOf(() => readSpecFile(file)),
          { message: /not a regular file: it is a socket/ },
        );
      } finally {
        server.close();
      }
    });

    it("WHEN it is a dangling link THEN the problem names the missing target", () => {
      const file = path.join(tempDir(), "x.yaml");
      fs.symlinkSync("nowhere.yaml", file);
      expectProblem(
        problemsOf(() => readSpecFile(file)),
        { message: /^dangling symbolic link: its target "nowhere.yaml" does not exist$/ },
      );
    });
  });

  describe("GIVEN a file one byte over the cap", () => {
    it("WHEN read THEN it is refused with the cap", () => {
      const file = path.join(tempDir(), "big.yaml");
      fs.writeFileSync(file, Buffer.alloc(MAX_SPEC_FILE_BYTES + 1, 0x20));
      expectProblem(
        problemsOf(() => readSpecFile(file)),
        { message: /larger than 1 MiB/, allowed: /^at most 1048576 bytes$/ },
      );
    });
    it("WHEN exactly at the cap THEN it is read", () => {
      const file = path.join(tempDir(), "full.yaml");
      fs.writeFileSync(file, Buffer.alloc(MAX_SPEC_FILE_BYTES, 0x20));
      expect(readSpecFile(file)).toHaveLength(MAX_SPEC_FILE_BYTES);
    });
  });

  describe("GIVEN a region whose agencies is a file, not a folder", () => {
    it("WHEN loaded THEN the problem says agencies is not a folder", () => {
      const dir = copyJeju();
      fs.rmSync(path.join(dir, AGENCY_DIR), { recursive: true });
      fs.writeFileSync(path.join(dir, AGENCY_DIR), "");
      expectProblem(
        problemsOf(() => loadRegionDir(dir)),
        { message: /^agencies is not a folder: it is not a file$|^agencies is not a folder/ },
      );
    });
  });
});

describe("decodeSpecText", () => {
  const decode = (bytes: number[] | string) =>
    decodeSpecText("a.yaml", typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes));

  it("GIVEN a UTF-8 byte order mark WHEN decoded THEN it is dropped", () => {
    expect(decode([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31])).toBe("a: 1");
  });
  it("GIVEN a UTF-16 file WHEN decoded THEN it is refused at line 1", () => {
    expectProblem(
      problemsOf(() => decode([0xff, 0xfe, 0x61, 0x00])),
      { file: "a.yaml", line: 1, message: /UTF-16/, hint: /save the file as UTF-8/ },
    );
  });
  it("GIVEN a NUL byte on line 2 WHEN decoded THEN it is refused at its line", () => {
    expectProblem(
      problemsOf(() => decode("a: 1\nb: \0\n")),
      { line: 2, message: /NUL byte/ },
    );
  });
  it("GIVEN an EUC-KR line 3 WHEN decoded THEN invalid UTF-8 is reported at line 3", () => {
    expectProblem(
      problemsOf(() => decode([...Buffer.from("a: 1\nb: 2\nc: "), 0xc1, 0xa6, 0xc1, 0xd6])),
      { line: 3, message: /^invalid UTF-8$/, hint: /EUC-KR/ },
    );
  });
});

describe("prototype keys and names", () => {
  it("GIVEN a __proto__ key WHEN parsed THEN it is refused at its line and path", () => {
    const text = `${VALID_AGENCY}keyPairs:\n  __proto__: { publicKey: "ssh-ed25519 AAAA" }\n`;
    expectProblem(
      problemsOf(() => parseSpec("a.yaml", text, AgencySpec)),
      {
        line: lineOf(text, "__proto__"),
        path: "keyPairs.__proto__",
        message: /"__proto__" cannot be a name or a field/,
      },
    );
  });

  it("GIVEN a __proto__ key in a record of strings (extraSpecs) WHEN parsed THEN it is refused, not dropped", () => {
    const dir = copyJeju();
    editFile(
      dir,
      "region.yaml",
      "    backendName: ceph-hdd\n",
      "    backendName: ceph-hdd\n    extraSpecs: { __proto__: x }\n",
    );
    expectProblem(
      problemsOf(() => loadRegionDir(dir)),
      { message: /"__proto__" cannot be a name or a field/ },
    );
  });

  it("GIVEN toString and constructor as extra spec keys WHEN loaded THEN they are plain data", () => {
    const dir = copyJeju();
    editFile(
      dir,
      "region.yaml",
      "    backendName: ceph-hdd\n",
      "    backendName: ceph-hdd\n    extraSpecs: { constructor: a, toString: b }\n",
    );
    const { region } = loadRegionDir(dir);
    const withSpecs = Object.values(region.spec.volumeTypes).find((type) => type.extraSpecs);
    expect({ ...withSpecs!.extraSpecs }).toEqual({ constructor: "a", toString: "b" });
  });

  it("GIVEN a parsed spec WHEN a name is looked up THEN Object's members are not found", () => {
    const { spec } = parseSpec("a.yaml", VALID_AGENCY, AgencySpec);
    expect(spec.keyPairs.constructor).toBeUndefined();
    expect("toString" in spec.keyPairs).toBe(false);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "GIVEN a workload with flavor %s WHEN the region is loaded THEN the flavor is unknown",
    (name) => {
      const dir = copyJeju();
      editFile(dir, "agencies/jeju-city.yaml", "flavor: m1.medium", `flavor: ${name}`);
      expectProblem(
        problemsOf(() => loadRegionDir(dir)),
        { message: new RegExp(`unknown flavor "${name}"`) },
      );
    },
  );

  it.each([
    ["image", "image: rocky-9", "image: constructor", /unknown image "constructor"/],
    [
      "key pair",
      "image: rocky-9",
      "image: rocky-9\n        keyPair: constructor",
      /unknown key pair "constructor"/,
    ],
    [
      "volume type",
      "volumeType: ssd",
      "volumeType: constructor",
      /unknown volume type "constructor"/,
    ],
    [
      "site",
      "zones: [dmz",
      "sites: [jeju-cdc, constructor]\nzones: [dmz",
      /unknown site "constructor"/,
    ],
    ["zone", "zones: [dmz", "zones: [constructor, dmz", /unknown zone "constructor"/],
  ])(
    "GIVEN a %s named after an Object member WHEN loaded THEN it is unknown",
    (_, from, to, message) => {
      const dir = copyJeju();
      editFile(dir, "agencies/jeju-city.yaml", from, to);
      // Agency zones are checked against the catalogue when addresses are planned.
      expectProblem(
        problemsOf(() => planRegion(loadRegionDir(dir))),
        { message },
      );
    },
  );

  it("GIVEN a site named constructor without a supernet WHEN loaded THEN the supernet is missing", () => {
    const dir = copyJeju();
    const text = fs.readFileSync(path.join(dir, "region.yaml"), "utf8");
    const site = /^ {2}mainland-drc:\n(( {4}.*)?\n)+/m.exec(text)![0];
    editFile(dir, "region.yaml", site, `${site}${site.replace("mainland-drc:", "constructor:")}`);
    expectProblem(
      problemsOf(() => loadRegionDir(dir)),
      {
        message: /site "constructor" has no supernet/,
      },
    );
  });
});

describe("duplicate names", () => {
  it("GIVEN a system with two containers of one name WHEN loaded THEN the second is a duplicate", () => {
    const dir = copyJeju();
    editFile(
      dir,
      "agencies/jeju-province.yaml",
      "      - { name: documents,",
      "      - { name: documents }\n      - { name: documents,",
    );
    expectProblem(
      problemsOf(() => loadRegionDir(dir)),
      {
        path: "systems[0].containers[1].name",
        message: /^duplicate name "documents" \(first at systems\[0\]\.containers\[0\]\)$/,
      },
    );
  });
  it("GIVEN an agency listing a site twice WHEN loaded THEN the second is reported", () => {
    const dir = copyJeju();
    editFile(
      dir,
      "agencies/jeju-city.yaml",
      "zones: [dmz",
      "sites: [jeju-cdc, jeju-cdc]\nzones: [dmz",
    );
    expectProblem(
      problemsOf(() => loadRegionDir(dir)),
      {
        path: "sites[1]",
        message: /site "jeju-cdc" is listed twice/,
      },
    );
  });
  it("GIVEN a key given twice in a mapping WHEN parsed THEN the second is reported at its line", () => {
    const text = `${VALID_AGENCY}keyPairs: {}\nkeyPairs: {}\n`;
    expectProblem(
      problemsOf(() => parseSpec("a.yaml", text, AgencySpec)),
      { line: text.split("\n").length - 1, message: /Map keys must be unique: "keyPairs"/ },
    );
  });
});

describe("many unknown keys", () => {
  const COUNT = 16_000;
  const text = `${VALID_AGENCY}${Array.from({ length: COUNT }, (_, i) => `unknownField${i}: ${i}`).join("\n")}\n`;

  it(`GIVEN ${COUNT} unknown keys WHEN parsed THEN each is a located problem and the message is capped`, () => {
    let error: unknown;
    const started = performance.now();
    try {
      parseSpec("a.yaml", text, AgencySpec);
    } catch (caught) {
      error = caught;
    }
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TamnaError);
    const { problems, message } = error as TamnaError;
    expect(problems).toHaveLength(COUNT);
    expect(problems[COUNT - 1]!.location).toMatchObject({
      line: text.split("\n").length - 1,
      path: `unknownField${COUNT - 1}`,
    });
    const lines = message.split("\n");
    expect(lines).toHaveLength(MAX_PRINTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe(`... and ${COUNT - MAX_PRINTED_PROBLEMS} more problems`);
    // Printed for the record, not asserted: timings depend on the machine.
    console.log(`${COUNT} unknown keys rejected in ${elapsed.toFixed(0)} ms`);
  });

  it("GIVEN fewer problems than the cap WHEN formatted THEN all are printed and no tail", () => {
    const problems = [
      { location: {}, message: "a" },
      { location: {}, message: "b" },
    ];
    expect(formatProblems(problems)).toEqual(["a", "b"]);
    expect(formatProblems(problems, 1)).toEqual(["a", "... and 1 more problem"]);
  });
});
