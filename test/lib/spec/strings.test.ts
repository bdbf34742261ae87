import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { MAX_STRING_LENGTH } from "../../../lib/spec/strings";
import { validateSource } from "../../../lib/spec/validate";
import { expectProblem, problemsOf, VALID_AGENCY } from "./helpers";

const FILE = "x.yaml";
const Schema = z.strictObject({
  name: z.string(),
  userData: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  sites: z.record(z.string(), z.strictObject({ cloud: z.string() })).optional(),
  state: z.strictObject({ bucket: z.string() }).optional(),
});

function validate(data: unknown) {
  return validateSource(
    { file: FILE, data, locate: (path) => ({ file: FILE, path: path.join(".") }) },
    Schema,
  );
}

describe("string rules", () => {
  describe("GIVEN a control character in a one-line field", () => {
    it("THEN it is a located problem naming the character", () => {
      expectProblem(
        problemsOf(() => validate({ name: "a\u0007b" })),
        { path: "name", message: /text holds the control character U\+0007/, allowed: /one line/ },
      );
      expectProblem(
        problemsOf(() => validate({ name: "two\nlines" })),
        { path: "name", message: /control character U\+000A/ },
      );
    });
  });

  describe("GIVEN newlines and tabs in userData", () => {
    it("THEN they are accepted, and other control characters are not", () => {
      expect(validate({ name: "x", userData: "#!/bin/sh\n\techo ${HOME}\n" }).userData).toBe(
        "#!/bin/sh\n\techo ${HOME}\n",
      );
      expectProblem(
        problemsOf(() => validate({ name: "x", userData: "a\rb" })),
        { path: "userData", message: /U\+000D/, allowed: /newlines and tabs/ },
      );
    });
  });

  describe("GIVEN a string longer than OpenStack's name and description limit", () => {
    it("THEN it is out of range, and the limit itself is fine", () => {
      expect(validate({ name: "가".repeat(MAX_STRING_LENGTH) }).name).toHaveLength(255);
      expectProblem(
        problemsOf(() => validate({ name: "x".repeat(MAX_STRING_LENGTH + 1) })),
        { path: "name", message: /at most 255 characters/, received: /256 characters/ },
      );
    });
  });

  describe("GIVEN cdktf token marker text", () => {
    it.each([
      "${TfToken[TOKEN.1]}",
      "x #{TfToken[TOKEN.2]}",
      "&{TfToken[TOKEN.3]}",
      "-1.8881545897087968e+289",
    ])("THEN %s is rejected, in values and in map keys", (marker) => {
      expectProblem(
        problemsOf(() => validate({ name: marker })),
        {
          path: "name",
          message: /CDK for Terraform would read as a token/,
        },
      );
      expectProblem(
        problemsOf(() => validate({ name: "x", labels: { [marker]: "v" } })),
        {
          path: `labels.${marker}`,
          message: /key holds .* token/,
        },
      );
    });

    it("THEN ordinary numbers in text are fine", () => {
      expect(validate({ name: "1e5 and 3.5e+10" }).name).toBe("1e5 and 3.5e+10");
    });
  });

  describe("GIVEN ${ or %{ in a field that ends up in a provider or backend block", () => {
    it("THEN it is rejected there with the reason, and accepted elsewhere", () => {
      expectProblem(
        problemsOf(() => validate({ name: "x", sites: { a: { cloud: "${var.x}" } } })),
        {
          path: "sites.a.cloud",
          message: /Terraform allows no expressions here \(provider and backend settings\)/,
          received: /"\$\{var\.x\}"/,
        },
      );
      expectProblem(
        problemsOf(() => validate({ name: "x", state: { bucket: "b%{x}" } })),
        {
          path: "state.bucket",
          message: /no expressions/,
        },
      );
      expect(validate({ name: "${var.x} %{y}" }).name).toBe("${var.x} %{y}");
    });
  });

  describe("GIVEN a YAML file with a bad string and a zod problem", () => {
    it("THEN both are reported in one run, located by line", () => {
      const problems = problemsOf(() =>
        parseSpec(
          "a.yaml",
          VALID_AGENCY.replace("name: 시험기관", 'name: "시험\\u0000기관"').replace(
            "csapTier: moderate",
            "csapTier: huge",
          ),
          AgencySpec,
        ),
      );
      expectProblem(problems, { file: "a.yaml", line: 2, path: "name", message: /U\+0000/ });
      expectProblem(problems, {
        file: "a.yaml",
        line: 3,
        path: "csapTier",
        message: /value not allowed/,
      });
    });
  });

  describe("GIVEN DNS names", () => {
    it("THEN a label longer than 63 characters and a name longer than 253 are rejected", () => {
      const long = `${"a".repeat(64)}.example.`;
      const parsed = AgencySpec.shape.dnsZone.safeParse(long);
      expect(parsed.success).toBe(false);
      expect(AgencySpec.shape.dnsZone.safeParse(`${"a".repeat(63)}.example.`).success).toBe(true);
      const tooLong = `${Array.from({ length: 5 }, () => "a".repeat(63)).join(".")}.`;
      expect(tooLong.length).toBe(320);
      expect(RegionSpec.shape.dns.unwrap().shape.domain.safeParse(tooLong).success).toBe(false);
    });
  });
});
