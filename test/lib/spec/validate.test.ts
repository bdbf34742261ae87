import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Problem } from "../../../lib/errors";
import { sortProblems, validateSource, valueAt } from "../../../lib/spec/validate";
import { parseYaml } from "../../../lib/spec/yaml-source";
import { expectProblem, problemsOf } from "./helpers";

const FILE = "x.yaml";

const Schema = z.strictObject({
  kind: z.enum(["a", "b"]),
  mode: z.literal("fixed").optional(),
  count: z.int().min(1).max(9).default(3),
  name: z.string().min(2),
  tags: z.array(z.string()).max(2).optional(),
  byName: z
    .record(z.string().regex(/^[a-z]+$/, { message: "must be lowercase" }), z.int())
    .optional(),
  nested: z.strictObject({ inner: z.boolean() }).optional(),
});

function validate(text: string) {
  return validateSource(parseYaml(FILE, text), Schema);
}

describe("validateSource", () => {
  describe("GIVEN a valid document", () => {
    it("WHEN validated THEN the parsed output with defaults is returned", () => {
      expect(validate("kind: a\nname: xy\n")).toEqual({ kind: "a", name: "xy", count: 3 });
    });
  });

  describe("GIVEN a missing enum field", () => {
    it("WHEN validated THEN it is reported as missing (not as a disallowed value) with the choices", () => {
      const problems = problemsOf(() => validate("name: xy\n"));
      expect(problems).toEqual([
        {
          location: { file: FILE, line: 1, column: 1, path: "kind" },
          message: 'missing required field "kind"',
          allowed: '"a", "b"',
          hint: 'add "kind"',
        },
      ]);
    });
  });

  describe("GIVEN a wrong literal", () => {
    it("WHEN validated THEN the literal is the allowed value", () => {
      const problems = problemsOf(() => validate("kind: a\nname: xy\nmode: loose\n"));
      expectProblem(problems, {
        line: 3,
        path: "mode",
        message: /value not allowed/,
        received: /^"loose"$/,
        allowed: /^"fixed"$/,
      });
    });
  });

  describe("GIVEN a null value for a required field", () => {
    it("WHEN validated THEN it is a wrong type, not a missing field", () => {
      const problems = problemsOf(() => validate("kind: a\nname:\n"));
      expectProblem(problems, {
        line: 2,
        path: "name",
        message: /^wrong type: expected string$/,
        received: /^null \(null\)$/,
      });
    });
  });

  describe("GIVEN too many list items or too short a string", () => {
    it("WHEN validated THEN the unit is named", () => {
      const problems = problemsOf(() => validate("kind: a\nname: x\ntags: [a, b, c]\n"));
      expectProblem(problems, { path: "name", message: /at least 2 characters$/ });
      expectProblem(problems, {
        path: "tags",
        message: /at most 2 items$/,
        allowed: /^at most 2 items$/,
      });
    });
  });

  describe("GIVEN a long received value", () => {
    it("WHEN reported THEN it is shortened to one short line", () => {
      const long = "x".repeat(200);
      const problems = problemsOf(() => validate(`kind: a\nname: xy\nnested:\n  inner: ${long}\n`));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.received!.length).toBeLessThanOrEqual(80);
      expect(problems[0]!.received).toMatch(/\.\.\. \(string\)$/);
    });
  });

  describe("GIVEN a record key that fails its schema", () => {
    it("WHEN validated THEN the key itself is shown with the key rule", () => {
      const problems = problemsOf(() =>
        validate("kind: a\nname: xy\nbyName:\n  ok: 1\n  Bad: 2\n"),
      );
      expectProblem(problems, {
        line: 5,
        path: "byName.Bad",
        message: /^invalid key "Bad": must be lowercase$/,
        received: /^"Bad"$/,
      });
    });
  });

  describe("GIVEN an unknown field where no field is close", () => {
    it("WHEN validated THEN nothing is suggested, and all fields are listed", () => {
      const problems = problemsOf(() => validate("kind: a\nname: xy\nzzz: 1\n"));
      expectProblem(problems, {
        line: 3,
        path: "zzz",
        message: /unknown field "zzz"/,
        allowed: /^byName, count, kind, mode, name, nested, tags$/,
        hint: /^remove it$/,
      });
    });
  });
});

describe("sortProblems", () => {
  const at = (file: string | undefined, line?: number, column?: number): Problem => ({
    location: { file, line, column },
    message: `${file}:${line}:${column}`,
  });

  it("GIVEN problems from several files WHEN sorted THEN they are ordered by file, line and column", () => {
    const sorted = sortProblems([
      at("b.yaml", 1),
      at("a.yaml", 9, 2),
      at("a.yaml", 9, 1),
      at("a.yaml", 2),
    ]);
    expect(sorted.map((p) => p.message)).toEqual([
      "a.yaml:2:undefined",
      "a.yaml:9:1",
      "a.yaml:9:2",
      "b.yaml:1:undefined",
    ]);
  });

  it("GIVEN problems without a file or line WHEN sorted THEN they come first and the input is left alone", () => {
    const input = [at("a.yaml", 3), at(undefined), at("a.yaml")];
    const sorted = sortProblems(input);
    expect(sorted.map((p) => p.message)).toEqual([
      "undefined:undefined:undefined",
      "a.yaml:undefined:undefined",
      "a.yaml:3:undefined",
    ]);
    expect(input[0]!.message).toBe("a.yaml:3:undefined");
  });
});

describe("valueAt", () => {
  const data = { a: [{ b: 1 }, { b: null }], c: "text" };

  it("GIVEN a path to an existing value WHEN looked up THEN that value is returned", () => {
    expect(valueAt(data, ["a", 0, "b"])).toBe(1);
    expect(valueAt(data, ["a", 1, "b"])).toBeNull();
    expect(valueAt(data, [])).toBe(data);
  });

  it("GIVEN a path through a scalar or a missing key WHEN looked up THEN undefined is returned", () => {
    expect(valueAt(data, ["c", "length", "x"])).toBeUndefined();
    expect(valueAt(data, ["a", 5, "b"])).toBeUndefined();
    expect(valueAt(null, ["a"])).toBeUndefined();
  });
});
