import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { TamnaError } from "../../../lib/errors";
import { AgencySpec } from "../../../lib/spec/agency";
import {
  AGENCY_DIR,
  loadFile,
  loadRegionDir,
  parseSpec,
  REGION_FILE,
} from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { corruptedAgency, validAgency, yamlishText } from "./arbitraries";
import {
  copyJeju,
  editFile,
  expectProblem,
  JEJU_DIR,
  lineOf,
  problemsOf,
  replaceOnce,
  tempDir,
  VALID_AGENCY,
  writeFile,
} from "./helpers";

const JEJU_REGION = fs.readFileSync(path.join(JEJU_DIR, REGION_FILE), "utf8");

/** A region directory holding the Jeju region.yaml and the given agency files. */
function regionDir(agencies: Record<string, string>): string {
  const dir = tempDir();
  writeFile(dir, REGION_FILE, JEJU_REGION);
  for (const [name, text] of Object.entries(agencies))
    writeFile(dir, `${AGENCY_DIR}/${name}`, text);
  return dir;
}

function agencyText(slug: string): string {
  return replaceOnce(VALID_AGENCY, "slug: test-agency", `slug: ${slug}`);
}

describe("load", () => {
  describe("loadRegionDir", () => {
    describe("GIVEN the Jeju example region", () => {
      it("WHEN loaded THEN every file loads without problems: 2 sites and 6 agencies ordered by slug", () => {
        const input = loadRegionDir(JEJU_DIR);
        expect(Object.keys(input.region.spec.sites)).toEqual(["jeju-cdc", "mainland-drc"]);
        expect(input.agencies.map((a) => a.spec.slug)).toEqual([
          "jeju-city",
          "jeju-fire",
          "jeju-medical-center",
          "jeju-province",
          "jeju-tourism",
          "seogwipo-city",
        ]);
      });

      it("WHEN loaded from a path under the working directory THEN files are named relative to it", () => {
        const input = loadRegionDir(path.relative(process.cwd(), JEJU_DIR));
        expect(input.region.source.file).toBe("test/fixtures/jeju/region.yaml");
        expect(input.agencies[0]!.source.file).toBe("test/fixtures/jeju/agencies/jeju-city.yaml");
      });

      it("WHEN each agency is loaded on its own THEN its slug matches its file name", () => {
        const dir = path.join(JEJU_DIR, AGENCY_DIR);
        for (const name of fs.readdirSync(dir)) {
          const { spec } = loadFile(path.join(dir, name), AgencySpec);
          expect(`${spec.slug}.yaml`).toBe(name);
        }
      });
    });

    describe("GIVEN a directory without region.yaml", () => {
      it("WHEN loaded THEN the error says the region file was not found and how to fix it", () => {
        const dir = tempDir();
        writeFile(dir, "agencies/a.yaml", VALID_AGENCY);
        const problems = problemsOf(() => loadRegionDir(dir));
        expect(problems).toHaveLength(1);
        expectProblem(problems, {
          file: path.join(dir, REGION_FILE),
          message: /^region file not found$/,
          hint: /--region .*region\.yaml.*agencies\//,
        });
      });

      it("WHEN the directory does not exist THEN the same clear error is thrown", () => {
        const dir = path.join(tempDir(), "missing");
        expect(() => loadRegionDir(dir)).toThrow(/region\.yaml: region file not found/);
      });
    });

    describe("GIVEN a region without an agencies folder", () => {
      it("WHEN loaded THEN there are no agencies", () => {
        const dir = regionDir({});
        expect(loadRegionDir(dir).agencies).toEqual([]);
      });
    });

    describe("GIVEN agency files whose names sort differently from their slugs", () => {
      it("WHEN loaded THEN agencies are ordered by slug and non-YAML files are ignored", () => {
        const dir = regionDir({
          "a.yaml": agencyText("zulu-agency"),
          "b.yml": agencyText("alpha-agency"),
          "c.yaml": agencyText("mike-agency"),
          "0-notes.txt": "not: [yaml",
          "README.md": "# agencies",
        });
        const { agencies } = loadRegionDir(dir);
        expect(agencies.map((a) => a.spec.slug)).toEqual([
          "alpha-agency",
          "mike-agency",
          "zulu-agency",
        ]);
        expect(agencies.map((a) => path.basename(a.source.file))).toEqual([
          "b.yml",
          "c.yaml",
          "a.yaml",
        ]);
      });
    });

    describe("GIVEN problems in several files", () => {
      it("WHEN two agency files are broken THEN one throw reports both, sorted by file and line", () => {
        const dir = copyJeju();
        const tourism = editFile(dir, "agencies/jeju-tourism.yaml", "grade: 4", "grade: 7");
        const city = editFile(
          dir,
          "agencies/jeju-city.yaml",
          "csapTier: moderate",
          "csapTeir: moderate",
        );
        const province = editFile(dir, "agencies/jeju-province.yaml", "cores: 160", "cores: many");

        const problems = problemsOf(() => loadRegionDir(dir));
        expectProblem(problems, {
          file: tourism.file,
          line: lineOf(tourism.text, "grade: 7"),
          path: "systems[0].grade",
          message: /at most 4/,
        });
        expectProblem(problems, {
          file: city.file,
          line: lineOf(city.text, "csapTeir"),
          path: "csapTeir",
          message: /unknown field/,
        });
        expectProblem(problems, {
          file: city.file,
          path: "csapTier",
          message: /missing required field/,
        });
        expectProblem(problems, {
          file: province.file,
          line: lineOf(province.text, "cores: many"),
          path: "quota.cores",
          message: /wrong type/,
        });
        expect(problems.map((p) => [path.basename(p.location.file!), p.location.line])).toEqual([
          ["jeju-city.yaml", 2],
          ["jeju-city.yaml", 5],
          ["jeju-province.yaml", lineOf(province.text, "cores: many")],
          ["jeju-tourism.yaml", lineOf(tourism.text, "grade: 7")],
        ]);
      });

      it("WHEN the region and an agency are both broken THEN both are reported, the region's last", () => {
        const dir = copyJeju();
        const region = editFile(dir, REGION_FILE, "role: primary", "role: main");
        const fire = editFile(
          dir,
          "agencies/jeju-fire.yaml",
          "email: cloud-ops@jeju-fire.example",
          "email: ops",
        );
        const problems = problemsOf(() => loadRegionDir(dir));
        expect(problems.map((p) => p.location.file)).toEqual([fire.file, region.file]);
        expectProblem(problems, {
          file: region.file,
          path: "sites.jeju-cdc.role",
          message: /not allowed/,
        });
        expectProblem(problems, {
          file: fire.file,
          path: "contacts[1].email",
          received: /"ops"/,
          message: /email/i,
        });
      });

      it("WHEN one file is invalid YAML and another fails checks THEN both are reported", () => {
        const dir = copyJeju();
        const medical = editFile(
          dir,
          "agencies/jeju-medical-center.yaml",
          "  volumes: 80",
          "   volumes: 80",
        );
        const seogwipo = editFile(
          dir,
          "agencies/seogwipo-city.yaml",
          "name: tourism-permit",
          "name: saeol",
        );
        const problems = problemsOf(() => loadRegionDir(dir));
        expectProblem(problems, { file: medical.file, message: /^invalid YAML/ });
        expectProblem(problems, {
          file: seogwipo.file,
          line: lineOf(seogwipo.text, "displayName: 관광사업") - 1,
          path: "systems[1].name",
          message: /duplicate name "saeol" \(first at systems\[0\]\)/,
        });
      });

      it("WHEN the region file is invalid THEN agency files are still validated on their own", () => {
        const dir = copyJeju();
        editFile(dir, REGION_FILE, "name: jeju", "name: [jeju");
        const tourism = editFile(
          dir,
          "agencies/jeju-tourism.yaml",
          "csapTier: low",
          "csapTier: lowest",
        );
        const problems = problemsOf(() => loadRegionDir(dir));
        expectProblem(problems, { message: /^invalid YAML/ });
        expectProblem(problems, {
          file: tourism.file,
          path: "csapTier",
          received: /"lowest"/,
          message: /not allowed/,
        });
      });
    });
  });

  describe("parseSpec properties", () => {
    const FILE = "agencies/fuzz.yaml";

    /** Parses, and checks that any failure is a well-formed TamnaError within the text. */
    function parseChecked(text: string): void {
      const lineCount = text.split("\n").length;
      try {
        parseSpec(FILE, text, AgencySpec);
      } catch (error) {
        expect(error).toBeInstanceOf(TamnaError);
        const { problems } = error as TamnaError;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.location.file).toBe(FILE);
          expect(problem.message).toMatch(/\S/);
          if (problem.location.line !== undefined) {
            expect(problem.location.line).toBeGreaterThanOrEqual(1);
            expect(problem.location.line).toBeLessThanOrEqual(lineCount);
          }
          if (problem.location.column !== undefined)
            expect(problem.location.column).toBeGreaterThanOrEqual(1);
        }
      }
    }

    it("GIVEN any string WHEN parsed as an agency THEN it returns or throws a well-formed TamnaError", () => {
      fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), parseChecked), {
        numRuns: 300,
      });
    });

    it("GIVEN YAML-like text WHEN parsed as an agency THEN it returns or throws a well-formed TamnaError", () => {
      fc.assert(fc.property(yamlishText, parseChecked), { numRuns: 500 });
    });

    it("GIVEN any JSON value as YAML WHEN parsed as an agency THEN it returns or throws a well-formed TamnaError", () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => parseChecked(stringify(value))),
        { numRuns: 200 },
      );
    });

    it("GIVEN a valid agency with one field replaced WHEN parsed THEN it returns or throws a well-formed TamnaError", () => {
      fc.assert(
        fc.property(corruptedAgency, (agency) => {
          parseChecked(stringify(agency));
          parseChecked(stringify(agency, { collectionStyle: "flow" }));
        }),
        { numRuns: 200 },
      );
    });

    it("GIVEN any valid agency written as YAML WHEN parsed THEN the spec holds every value written, with default systems and keyPairs", () => {
      fc.assert(
        fc.property(validAgency, (agency) => {
          const { spec } = parseSpec(FILE, stringify(agency), AgencySpec);
          // Subset match: the schema adds defaults inside systems (count, volumes, ...).
          expect(spec).toMatchObject({ systems: [], keyPairs: {}, ...agency });
        }),
        { numRuns: 100 },
      );
    });

    it("GIVEN a region file with arbitrary text WHEN parsed THEN only TamnaErrors are thrown", () => {
      fc.assert(
        fc.property(yamlishText, (text) => {
          try {
            parseSpec("region.yaml", text, RegionSpec);
          } catch (error) {
            expect(error).toBeInstanceOf(TamnaError);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
