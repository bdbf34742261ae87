import { describe, expect, it } from "vitest";
import { literalString } from "../../lib/policy/json";
import { parseReference } from "../../lib/policy/references";
import { escapeTemplateLiteral, hasInterpolation, templateLiteral } from "../../lib/template";

describe("Terraform template strings", () => {
  describe("GIVEN escaped literal text", () => {
    it("THEN it reads back as the literal, and interpolations are no literal", () => {
      expect(templateLiteral("a $${b} %%{c}")).toBe("a ${b} %{c}");
      expect(templateLiteral("$$${x}")).toBe("$${x}");
      expect(templateLiteral("${x.y.id}")).toBeUndefined();
      expect(templateLiteral("a %{ if x }b%{ endif }")).toBeUndefined();
      expect(hasInterpolation('$${file("/etc/passwd")}')).toBe(false);
      const text = '${file("/etc/passwd")} %{x} $${y}';
      expect(templateLiteral(escapeTemplateLiteral(text))).toBe(text);
    });
  });

  describe("GIVEN the policy pack's readers", () => {
    it("THEN an escaped ${ is literal text, not a reference or a variable", () => {
      expect(parseReference("$${openstack_x.y.id}")).toBeUndefined();
      expect(parseReference("${openstack_x.y.id}")).toEqual({
        address: "openstack_x.y",
        attribute: "id",
      });
      expect(literalString('$${file("/etc/passwd")}')).toBe('${file("/etc/passwd")}');
      expect(literalString("${openstack_x.y.name}")).toBeUndefined();
    });
  });
});
