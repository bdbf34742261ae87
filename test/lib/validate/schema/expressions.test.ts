import { describe, expect, it } from "vitest";
import { validateStackSchema } from "../../../../lib/validate/schema";
import {
  commentEnd,
  expressionTraversals,
  formatTraversal,
  templateParts,
} from "../../../../lib/validate/schema/expressions";

/** The references a template makes, as text. */
function references(template: string): string[] {
  const parts = templateParts(template);
  expect(parts.error).toBeUndefined();
  return parts.expressions.flatMap((expression) =>
    expressionTraversals(expression, new Set(parts.locals)).map(formatTraversal),
  );
}

describe("HCL comments in expressions", () => {
  describe("GIVEN a comment inside an interpolation", () => {
    it.each([
      ["a # line comment", "${openstack_x.a.id # the network id\n}"],
      ["a // line comment", "${openstack_x.a.id // the network id\n}"],
      ["a /* block */ comment", "${openstack_x.a.id /* the network id */}"],
      ["a block comment before the reference", "${/* which one */ openstack_x.a.id}"],
      ["a comment between the arguments of a call", '${join(",", /* all */ openstack_x.a.*.id)}'],
    ])("THEN %s is no reference", (_, template) => {
      expect(references(template).map((ref) => ref.replace("[*]", ""))).toEqual([
        "openstack_x.a.id",
      ]);
    });

    it("THEN a brace or quote inside the comment does not end the interpolation", () => {
      expect(references('${openstack_x.a.id # a } and a " here\n} tail ${var.b}')).toEqual([
        "openstack_x.a.id",
        "var.b",
      ]);
      expect(references('${openstack_x.a.id /* } " */}')).toEqual(["openstack_x.a.id"]);
    });

    it("THEN a line comment runs to the end of its line, the closing brace included", () => {
      // As in HCL: `${a # c }` leaves the interpolation open.
      expect(templateParts("${var.a # comment }").error).toMatch(/is not closed/);
      expect(templateParts("${var.a /* never closed }").error).toMatch(/is not closed/);
    });

    it("THEN a comment inside a %{ for } directive is skipped too", () => {
      expect(references("%{ for x in var.list # every item\n}${x}%{ endfor }")).toEqual([
        "var.list",
      ]);
    });
  });

  describe("GIVEN comment characters that are not comments", () => {
    it("THEN # and // inside a quoted string of an expression are text", () => {
      expect(references('${lookup(var.m, "a#b // c", openstack_x.a.id)}')).toEqual([
        "var.m",
        "openstack_x.a.id",
      ]);
    });

    it("THEN a comment inside an interpolation nested in a quoted string is skipped", () => {
      expect(references('${upper("x-${var.a # inner\n}")}')).toEqual(["var.a"]);
    });

    it("THEN # outside an interpolation is literal text", () => {
      expect(references("#!/bin/sh # ${var.a} // ${var.b}")).toEqual(["var.a", "var.b"]);
    });

    it("THEN an escaped $${ is literal text, whatever follows it", () => {
      expect(references("$${not.a # reference} ${var.a}")).toEqual(["var.a"]);
      expect(references('${format("$${x} # %s", var.a)}')).toEqual(["var.a"]);
    });

    it("THEN division is no comment", () => {
      expect(references("${var.a / var.b}")).toEqual(["var.a", "var.b"]);
    });
  });

  describe("commentEnd", () => {
    it("GIVEN no comment at the index THEN -1", () => {
      expect(commentEnd("a / b", 2)).toBe(-1);
      expect(commentEnd("abc", 0)).toBe(-1);
    });

    it("GIVEN a line comment THEN the index of its newline, or the end", () => {
      expect(commentEnd("# c\nx", 0)).toBe(3);
      expect(commentEnd("x // c", 2)).toBe(6);
    });

    it("GIVEN a block comment THEN the index after it", () => {
      expect(commentEnd("/* c */x", 0)).toBe(7);
      expect(commentEnd("/* c", 0)).toBe(4);
    });
  });

  describe("GIVEN a stack whose references carry comments", () => {
    it("THEN the schema layer reports nothing", () => {
      const stack = {
        terraform: {
          required_providers: { openstack: { source: "terraform-provider-openstack/openstack" } },
        },
        provider: { openstack: [{}] },
        resource: {
          openstack_networking_network_v2: { net: { name: "net" } },
          openstack_networking_subnet_v2: {
            sub: {
              name: "sub",
              cidr: "10.0.0.0/24",
              network_id: "${openstack_networking_network_v2.net.id # the network above\n}",
              description: "${openstack_networking_network_v2.net.name /* its name */}",
            },
          },
        },
      };
      expect(validateStackSchema("s", stack)).toEqual([]);
    });

    it("THEN a wrong reference next to a comment is still found", () => {
      const stack = {
        provider: { openstack: [{}] },
        resource: {
          openstack_networking_network_v2: { net: { name: "net" } },
          openstack_networking_subnet_v2: {
            sub: {
              cidr: "10.0.0.0/24",
              network_id: "${openstack_networking_network_v2.nett.id # typo\n}",
            },
          },
        },
      };
      const findings = validateStackSchema("s", stack);
      expect(findings.map((finding) => [finding.ruleId, finding.attribute])).toEqual([
        ["SCHEMA-UNDECLARED-REFERENCE", "network_id"],
      ]);
    });
  });
});
