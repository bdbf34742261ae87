import { describe, expect, it } from "vitest";
import { formatPath, parseYaml } from "../../../lib/spec/yaml-source";
import { expectProblem, problemsOf } from "./helpers";

const FILE = "agencies/x.yaml";

describe("yaml-source", () => {
  describe("formatPath", () => {
    it("GIVEN keys and indexes WHEN formatted THEN dots join keys and brackets wrap indexes", () => {
      expect(formatPath(["systems", 1, "grade"])).toBe("systems[1].grade");
      expect(formatPath(["sites", "jeju-cdc", "availabilityZones", 0, "name"])).toBe(
        "sites.jeju-cdc.availabilityZones[0].name",
      );
    });

    it("GIVEN an empty path WHEN formatted THEN the result is empty", () => {
      expect(formatPath([])).toBe("");
    });

    it("GIVEN a path starting with an index WHEN formatted THEN it starts with brackets", () => {
      expect(formatPath([0, "name"])).toBe("[0].name");
    });
  });

  describe("parseYaml", () => {
    describe("GIVEN valid YAML", () => {
      const text = [
        "# comment",
        "slug: a-b",
        "contacts:",
        "  - role: owner",
        "    email: x@y.example",
        "  - role: technical",
        "    email: z@y.example",
        "sites: [a, b]",
        "",
      ].join("\n");
      const source = parseYaml(FILE, text);

      it("WHEN parsed THEN data is the plain JS value and file is kept", () => {
        expect(source.file).toBe(FILE);
        expect(source.data).toEqual({
          slug: "a-b",
          contacts: [
            { role: "owner", email: "x@y.example" },
            { role: "technical", email: "z@y.example" },
          ],
          sites: ["a", "b"],
        });
      });

      it("WHEN a top-level key is located THEN its 1-based line and column are given", () => {
        expect(source.locate(["slug"])).toEqual({ file: FILE, line: 2, column: 1, path: "slug" });
      });

      it("WHEN a field inside a list item is located THEN the line of that field is given", () => {
        expect(source.locate(["contacts", 1, "email"])).toEqual({
          file: FILE,
          line: 7,
          column: 5,
          path: "contacts[1].email",
        });
      });

      it("WHEN a list item is located THEN the line of the item is given", () => {
        expect(source.locate(["contacts", 1])).toMatchObject({ line: 6, path: "contacts[1]" });
        expect(source.locate(["sites", 1])).toMatchObject({ line: 8, column: 12 });
      });

      it("WHEN a missing field is located THEN the nearest existing ancestor's line is given", () => {
        expect(source.locate(["contacts", 0, "name"])).toMatchObject({
          line: 4,
          path: "contacts[0].name",
        });
        expect(source.locate(["contacts", 9, "name"])).toMatchObject({ line: 3 });
        expect(source.locate(["nothing", "here"])).toMatchObject({ line: 2, path: "nothing.here" });
      });

      it("WHEN the root is located THEN there is a line and no path", () => {
        const location = source.locate([]);
        expect(location.line).toBe(2);
        expect(location.path).toBeUndefined();
      });
    });

    describe("GIVEN invalid YAML", () => {
      it("WHEN a line is indented wrongly THEN the problem says invalid YAML with file and line", () => {
        const text = "slug: a-b\ncontacts:\n  - role: owner\n     name: X\n";
        const problems = problemsOf(() => parseYaml(FILE, text));
        expectProblem(problems, { file: FILE, line: 3, message: /^invalid YAML: / });
        for (const problem of problems) expect(problem.hint).toMatch(/indentation/);
      });

      it("WHEN a tab indents a line THEN the problem names that line", () => {
        const problems = problemsOf(() => parseYaml(FILE, "slug: a-b\n\tname: x\n"));
        expectProblem(problems, { line: 2, message: /invalid YAML: .*tab/i });
      });

      it("WHEN a quote is not closed THEN the problem says invalid YAML and has a line", () => {
        const text = 'slug: "a-b\nname: x\n';
        const problems = problemsOf(() => parseYaml(FILE, text));
        expectProblem(problems, { file: FILE, message: /invalid YAML: .*closing "?quote/i });
        for (const problem of problems) {
          expect(problem.location.line).toBeGreaterThanOrEqual(1);
          expect(problem.location.line).toBeLessThanOrEqual(text.split("\n").length);
        }
      });

      it("WHEN a key is repeated THEN the problem points at the second occurrence", () => {
        const text = "slug: a-b\nname: x\nslug: c-d\n";
        const problems = problemsOf(() => parseYaml(FILE, text));
        expectProblem(problems, { file: FILE, line: 3, message: /invalid YAML: .*unique/i });
      });

      it("WHEN a nested key is repeated THEN the problem points at its line", () => {
        const text = "contacts:\n  - role: owner\n    role: technical\n";
        const problems = problemsOf(() => parseYaml(FILE, text));
        expectProblem(problems, { line: 3, message: /invalid YAML: .*unique/i });
      });

      it("WHEN the file holds two documents THEN the problem says invalid YAML", () => {
        const problems = problemsOf(() => parseYaml(FILE, "slug: a\n---\nslug: b\n"));
        expectProblem(problems, { line: 2, message: /invalid YAML: .*multiple documents/ });
      });

      it("WHEN an alias has no anchor THEN a TamnaError (not a ReferenceError) says so", () => {
        const problems = problemsOf(() => parseYaml(FILE, "slug: *nope\n"));
        expectProblem(problems, { file: FILE, message: /invalid YAML: .*alias.*nope/i });
      });

      it("WHEN aliases expand exponentially THEN a TamnaError reports it", () => {
        const names = "abcdefgh";
        const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
        for (let i = 1; i < names.length; i++) {
          const items = Array.from({ length: 9 }, () => `*${names[i - 1]}`).join(", ");
          lines.push(`${names[i]}: &${names[i]} [${items}]`);
        }
        const problems = problemsOf(() => parseYaml(FILE, lines.join("\n")));
        expectProblem(problems, { file: FILE, message: /invalid YAML: .*alias/i });
      });
    });

    describe("GIVEN an empty file", () => {
      it("WHEN parsed THEN data is null and locate gives no line", () => {
        const source = parseYaml(FILE, "");
        expect(source.data).toBeNull();
        expect(source.locate(["slug"])).toEqual({
          file: FILE,
          line: undefined,
          column: undefined,
          path: "slug",
        });
      });
    });
  });
});
