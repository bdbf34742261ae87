import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec } from "../../../lib/spec/load";
import { expectProblem, lineOf, problemsOf, replaceOnce, VALID_AGENCY } from "./helpers";

const FILE = "stacks/test/agencies/test-agency.yaml";

function parseAgency(text: string) {
  return parseSpec(FILE, text, AgencySpec);
}

/** Problems of VALID_AGENCY with `from` replaced by `to`, and the text that produced them. */
function broken(from: string | RegExp, to: string) {
  const text = replaceOnce(VALID_AGENCY, from, to);
  return { text, problems: problemsOf(() => parseAgency(text)) };
}

describe("agency spec", () => {
  describe("GIVEN a valid agency file", () => {
    it("WHEN parsed THEN the spec holds its values", () => {
      const { spec } = parseAgency(VALID_AGENCY);
      expect(spec.slug).toBe("test-agency");
      expect(spec.csapTier).toBe("moderate");
      expect(spec.contacts).toEqual([
        { role: "owner", name: "담당자", email: "owner@test-agency.example" },
      ]);
      expect(spec.systems.map((s) => [s.name, s.grade])).toEqual([
        ["first", 1],
        ["second", 2],
      ]);
      expect(spec.sites).toBeUndefined();
      expect(spec.quota).toBeUndefined();
      expect(spec.keyPairs).toEqual({});
      expect(spec.dnsZone).toBeUndefined();
    });

    it("WHEN systems is left out THEN systems defaults to an empty list", () => {
      const text = VALID_AGENCY.slice(0, VALID_AGENCY.indexOf("systems:"));
      expect(parseAgency(text).spec.systems).toEqual([]);
    });

    it("WHEN the display name has surrounding spaces THEN it is trimmed", () => {
      const { spec } = parseAgency(
        replaceOnce(VALID_AGENCY, "name: 시험기관", 'name: "  시험기관 "'),
      );
      expect(spec.name).toBe("시험기관");
    });

    it("WHEN a partial quota is given THEN only those fields are set", () => {
      const { spec } = parseAgency(`${VALID_AGENCY}quota:\n  instances: 4\n`);
      expect(spec.quota).toEqual({ instances: 4 });
    });
  });

  describe("GIVEN an unknown field", () => {
    it("WHEN csapTeir is written THEN the problem names it, its line, allowed fields and suggests csapTier", () => {
      const { text, problems } = broken("csapTier: moderate", "csapTeir: moderate");
      expect(problems).toHaveLength(2); // the typo, and the now missing csapTier
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "csapTeir"),
        path: "csapTeir",
        message: /^unknown field "csapTeir"$/,
        hint: /did you mean "csapTier"\?/,
      });
      const allowed = problems.find((p) => p.location.path === "csapTeir")!.allowed!.split(", ");
      expect(allowed).toEqual([...allowed].sort());
      expect(allowed).toEqual(
        expect.arrayContaining([
          "addressBlock",
          "contacts",
          "csapTier",
          "dnsZone",
          "englishName",
          "keyPairs",
          "name",
          "quota",
          "sites",
          "slug",
          "systems",
          "zones",
        ]),
      );
    });

    it("WHEN a list item has an unknown field THEN the path and line are those of the item's field", () => {
      const { text, problems } = broken("    grade: 2\n", "    grade: 2\n    owner: me\n");
      expectProblem(problems, {
        line: lineOf(text, "owner: me"),
        path: "systems[1].owner",
        message: /unknown field "owner"/,
        allowed: /description, displayName, .*grade, name, .*rpo, rto, .*workloads/,
      });
    });

    it("WHEN an unknown quota field is close to a known one THEN it is suggested", () => {
      const text = `${VALID_AGENCY}quota:\n  instance: 4\n`;
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, {
        line: lineOf(text, "instance: 4"),
        path: "quota.instance",
        message: /unknown field "instance"/,
        hint: /did you mean "instances"/,
      });
    });
  });

  describe("GIVEN a value of the wrong type", () => {
    it('WHEN grade is "high" in the second system THEN the problem points at systems[1].grade', () => {
      const { text, problems } = broken("grade: 2", 'grade: "high"');
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, 'grade: "high"'),
        path: "systems[1].grade",
        message: /wrong type: expected number/,
        received: /^"high" \(string\)$/,
        allowed: /number/,
      });
    });

    it("WHEN grade is 1.5 THEN an integer is required", () => {
      const { text, problems } = broken("grade: 1", "grade: 1.5");
      expectProblem(problems, {
        line: lineOf(text, "grade: 1.5"),
        path: "systems[0].grade",
        message: /expected int/,
        received: /1\.5 \(number\)/,
      });
    });

    it("WHEN contacts is a mapping THEN the received type is named", () => {
      const text = "slug: a-b\nname: A\ncsapTier: low\ncontacts:\n  role: owner\n";
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, {
        line: 4,
        path: "contacts",
        message: /expected array/,
        received: /\(mapping\)$/,
      });
    });

    it("WHEN the file is a list THEN the problem says an object is expected", () => {
      const problems = problemsOf(() => parseAgency("- slug: a-b\n"));
      expectProblem(problems, { line: 1, message: /expected object/, received: /\(list\)$/ });
    });

    it("WHEN the file is empty THEN the problem names the file and says an object is expected", () => {
      const problems = problemsOf(() => parseAgency("# nothing\n"));
      expectProblem(problems, { file: FILE, message: /expected object/, received: /null/ });
    });
  });

  describe("GIVEN a missing required field", () => {
    it("WHEN csapTier is left out THEN the problem says missing, at the line of the root mapping, with the allowed values", () => {
      const { problems } = broken("csapTier: moderate\n", "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: 1,
        path: "csapTier",
        message: /^missing required field "csapTier"$/,
        allowed: /"high", "moderate", "low"/,
        hint: /add "csapTier"/,
      });
    });

    it("WHEN addressBlock is left out THEN the problem says missing and lists both forms", () => {
      const { problems } = broken("addressBlock: { index: 0 }\n", "");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: 1,
        path: "addressBlock",
        message: /^missing required field "addressBlock"$/,
        allowed: /^\{ index \} or \{ cidrs \}$/,
        hint: /add "addressBlock"/,
      });
    });

    it("WHEN the file starts with a modeline THEN the missing field points at the first key's line", () => {
      const text = `# yaml-language-server: $schema=x.json\n${replaceOnce(VALID_AGENCY, "name: 시험기관\n", "")}`;
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, { line: 2, path: "name", message: /missing required field "name"/ });
    });

    it("WHEN a contact has no email THEN the problem points at that contact's line", () => {
      const { text, problems } = broken("    email: owner@test-agency.example\n", "");
      expectProblem(problems, {
        line: lineOf(text, "- role: owner"),
        path: "contacts[0].email",
        message: /missing required field "email"/,
        allowed: /string/,
      });
    });

    it("WHEN the second system has no grade THEN the problem points at systems[1]", () => {
      const { text, problems } = broken("    grade: 2\n", "");
      expectProblem(problems, {
        line: lineOf(text, "- name: second"),
        path: "systems[1].grade",
        message: /missing required field "grade"/,
      });
    });
  });

  describe("GIVEN an invalid enum value", () => {
    it("WHEN csapTier is extreme THEN the problem lists high, moderate, low", () => {
      const { text, problems } = broken("csapTier: moderate", "csapTier: extreme");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "csapTier"),
        path: "csapTier",
        message: /value not allowed/,
        received: /^"extreme"$/,
        allowed: /^"high", "moderate", "low"$/,
      });
    });

    it("WHEN a contact role is unknown THEN the problem lists the roles", () => {
      const { problems } = broken("role: owner", "role: boss");
      expectProblem(problems, {
        line: 5,
        path: "contacts[0].role",
        received: /"boss"/,
        allowed: /"owner", "technical", "security"/,
        message: /not allowed/,
      });
    });
  });

  describe("GIVEN a value out of range", () => {
    it("WHEN grade is 7 THEN the problem says at most 4", () => {
      const { text, problems } = broken("grade: 2", "grade: 7");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "grade: 7"),
        path: "systems[1].grade",
        message: /out of range: must be at most 4/,
        received: /^7$/,
        allowed: /^at most 4$/,
      });
    });

    it("WHEN grade is 0 THEN the problem says at least 1", () => {
      const { problems } = broken("grade: 1", "grade: 0");
      expectProblem(problems, {
        path: "systems[0].grade",
        message: /at least 1/,
        allowed: /at least 1/,
      });
    });

    it("WHEN contacts is empty THEN the problem says at least 1 items", () => {
      const text = "slug: a-b\nname: A\ncsapTier: low\ncontacts: []\n";
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, { line: 4, path: "contacts", message: /at least 1 items/ });
    });

    it("WHEN a quota value is negative THEN the problem says at least 0", () => {
      const text = `${VALID_AGENCY}quota:\n  cores: -1\n`;
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, {
        line: lineOf(text, "cores"),
        path: "quota.cores",
        message: /at least 0/,
        received: /^-1$/,
      });
    });

    it("WHEN the slug is longer than 32 characters THEN the problem says at most 32 characters", () => {
      const { problems } = broken("slug: test-agency", `slug: ${"a".repeat(33)}`);
      expectProblem(problems, { line: 1, path: "slug", message: /at most 32 characters/ });
    });
  });

  describe("GIVEN a badly formed string", () => {
    it("WHEN an email has no @ THEN the problem names contacts[0].email and the value", () => {
      const { text, problems } = broken("owner@test-agency.example", "not-an-email");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "not-an-email"),
        path: "contacts[0].email",
        message: /email/i,
        received: /^"not-an-email"$/,
      });
    });

    it("WHEN a phone number has letters THEN the problem shows an example", () => {
      const { problems } = broken(
        "    email: owner@test-agency.example\n",
        "    email: owner@test-agency.example\n    phone: call-me\n",
      );
      expectProblem(problems, {
        line: 8,
        path: "contacts[0].phone",
        message: /phone number such as/,
        received: /call-me/,
      });
    });

    it.each([
      ["uppercase letters", "Test-Agency"],
      ["a leading digit", "1agency"],
      ["an underscore", "test_agency"],
      ["a trailing hyphen", "test-"],
    ])("WHEN the slug has %s THEN the problem explains the slug pattern", (_, slug) => {
      const { problems } = broken("slug: test-agency", `slug: ${slug}`);
      expectProblem(problems, {
        file: FILE,
        line: 1,
        path: "slug",
        message: /lowercase letters, digits and hyphens, starting with a letter/,
        received: new RegExp(`^"${slug}"$`),
      });
    });

    it("WHEN a system name breaks the slug pattern THEN the problem points at that system", () => {
      const { text, problems } = broken("name: second", "name: Second");
      expectProblem(problems, {
        line: lineOf(text, "name: Second"),
        path: "systems[1].name",
        message: /lowercase letters/,
      });
    });

    it("WHEN a site name breaks the slug pattern THEN the problem points at sites[0]", () => {
      const text = `${VALID_AGENCY}sites: [Jeju]\n`;
      const problems = problemsOf(() => parseAgency(text));
      expectProblem(problems, {
        line: lineOf(text, "sites:"),
        path: "sites[0]",
        message: /lowercase/,
      });
    });
  });

  describe("GIVEN an identity section binding existing Keystone groups", () => {
    const IDENTITY = "identity:\n  groups:\n";

    it("WHEN admins names an existing group in another domain THEN the spec keeps both", () => {
      const { spec } = parseAgency(
        `${VALID_AGENCY}${IDENTITY}    admins: { existing: edu-cloud-admins, domain: education }\n`,
      );
      expect(spec.identity.groups).toEqual({
        admins: { existing: "edu-cloud-admins", domain: "education" },
      });
    });

    it("WHEN identity is left out THEN no group is bound", () => {
      expect(parseAgency(VALID_AGENCY).spec.identity).toEqual({ groups: {} });
    });

    it("WHEN a group key is mistyped THEN the problem names it, its line and suggests the key", () => {
      const text = `${VALID_AGENCY}${IDENTITY}    admin: { existing: edu-cloud-admins }\n`;
      expectProblem(
        problemsOf(() => parseAgency(text)),
        {
          file: FILE,
          line: lineOf(text, "admin:"),
          path: "identity.groups.admin",
          message: /unknown field "admin"/,
          allowed: /admins, auditors, operators/,
          hint: /did you mean "admins"\?/,
        },
      );
    });

    it("WHEN the existing group's name is empty THEN the problem points at its line", () => {
      const text = `${VALID_AGENCY}${IDENTITY}    operators: { existing: "  " }\n`;
      expectProblem(
        problemsOf(() => parseAgency(text)),
        {
          file: FILE,
          line: lineOf(text, "operators:"),
          path: "identity.groups.operators.existing",
          message: /at least 1|too small|empty/i,
        },
      );
    });
  });

  describe("GIVEN several problems in one file", () => {
    it("WHEN parsed THEN every problem is reported, sorted by line", () => {
      let text = replaceOnce(VALID_AGENCY, "grade: 2", "grade: 9");
      text = replaceOnce(text, "csapTier: moderate", "csapTier: none");
      text = replaceOnce(text, "slug: test-agency", "slug: Bad");
      const problems = problemsOf(() => parseAgency(text));
      expect(problems.map((p) => p.location.path)).toEqual([
        "slug",
        "csapTier",
        "systems[1].grade",
      ]);
      const lines = problems.map((p) => p.location.line!);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    });
  });
});
