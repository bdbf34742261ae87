import { Fn, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { escapeTemplateLiteral, keepStringsLiteral } from "../../../lib/constructs/literal-strings";
import { KeystoneDomain } from "../../../lib/constructs/keystone-domain";
import { IdentityProjectV3, OpenstackProvider } from "../../../lib/openstack";
import { onlyResource, synthesize, synthesizeConstructs } from "../../helpers/cdktf";
import { decodeTemplate } from "../../helpers/terraform-template";

const HOSTILE = '${file("/etc/passwd")} %{ if true }x%{ endif } $${HOME} %%{ y }';

describe("literal strings", () => {
  describe("GIVEN literal text", () => {
    it("THEN escaping doubles the sigil of every opener and decodes back byte for byte", () => {
      expect(escapeTemplateLiteral("a ${b} %{c} $d {e}")).toBe("a $${b} %%{c} $d {e}");
      for (const text of [HOSTILE, "$", "$$", "${", "$${", "$$${", "%%{", '제주 ${x}\n\\"']) {
        expect(decodeTemplate(escapeTemplateLiteral(text))).toEqual({ ok: true, text });
      }
    });
  });

  describe("GIVEN a public construct in a plain cdktf TerraformStack", () => {
    const out = synthesizeConstructs((scope) => {
      new KeystoneDomain(scope, "Domain", { name: "jeju", description: HOSTILE, tags: [HOSTILE] });
    });
    const domain = onlyResource(out, "openstack_identity_project_v3");

    it("THEN its strings are written escaped and decode to the text given", () => {
      expect(domain.description).toBe(escapeTemplateLiteral(HOSTILE));
      expect(decodeTemplate(domain.description as string)).toEqual({ ok: true, text: HOSTILE });
      expect(domain.tags).toEqual([escapeTemplateLiteral(HOSTILE)]);
    });

    it("THEN meta-arguments are left as they are", () => {
      expect(domain.lifecycle).toEqual({ prevent_destroy: true });
    });
  });

  describe("GIVEN a token next to literal text", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new OpenstackProvider(stack, "openstack", { cloud: HOSTILE });
    keepStringsLiteral(stack);
    const first = new IdentityProjectV3(stack, "First", { name: "first" });
    new IdentityProjectV3(stack, "Plain", { name: `id ${first.id} ok`, description: "${x}" });
    new IdentityProjectV3(stack, "Mixed", {
      name: `\${keep} ${first.id} $${first.name}`,
      description: Fn.upper(first.name),
    });
    new TerraformOutput(stack, "out", { value: `${first.id}%{x}`, description: "${desc}" });
    new TerraformLocal(stack, "loc", { [HOSTILE]: HOSTILE });
    const out = synthesize(stack) as ReturnType<typeof synthesize> & {
      locals: Record<string, unknown>;
    };
    const projects = out.resource!["openstack_identity_project_v3"]!;

    it("THEN the token still becomes a reference and the literal parts stay literal", () => {
      expect(projects["Plain"]!.name).toBe("id ${openstack_identity_project_v3.First.id} ok");
      expect(projects["Plain"]!.description).toBe("$${x}");
      expect(projects["Mixed"]!.name).toBe(
        '${"$"}{keep} ${openstack_identity_project_v3.First.id} ${"$"}${openstack_identity_project_v3.First.name}',
      );
      expect(projects["Mixed"]!.description).toBe(
        "${upper(openstack_identity_project_v3.First.name)}",
      );
    });

    it("THEN provider arguments, output values and locals are escaped, output descriptions not", () => {
      expect(out.provider!["openstack"]![0]!.cloud).toBe(escapeTemplateLiteral(HOSTILE));
      expect(out.output!["out"]).toMatchObject({
        value: "${openstack_identity_project_v3.First.id}%%{x}",
        description: "${desc}",
      });
      expect(out.locals["loc"]).toEqual({
        [escapeTemplateLiteral(HOSTILE)]: escapeTemplateLiteral(HOSTILE),
      });
    });

    it("THEN synthesizing twice escapes once", () => {
      const again = synthesize(stack);
      expect(again.resource!["openstack_identity_project_v3"]!["Plain"]!.description).toBe("$${x}");
    });
  });

  describe("GIVEN a backend setting holding ${", () => {
    it("THEN synth fails with an error naming the construct path", () => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "test");
      new OpenstackProvider(stack, "openstack", { cloud: "test" });
      new LocalBackend(stack, { path: "${var.path}" });
      keepStringsLiteral(stack);
      expect(() => synthesize(stack)).toThrow(
        /construct test\/backend: terraform\.backend\.local\.path holds "\$\{" or "%\{", and Terraform evaluates no expressions in a backend block; received "\$\{var\.path\}"/,
      );
    });
  });
});
