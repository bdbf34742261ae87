import { describe, expect, it } from "vitest";
import { noSecretsInUserData } from "../../../lib/policy/rules/no-secrets-in-user-data";
import { agencyStack, check } from "./fixtures";

const withUserData = (user_data: string) =>
  agencyStack({ openstack_compute_instance_v2: { web: { name: "city-web-01", user_data } } });

describe("TAMNA-SEC-002 no secrets in user data", () => {
  describe("Compliance", () => {
    it("GIVEN secrets read at boot, a Terraform variable, switches and secret-free settings THEN nothing is found", () => {
      const userData = [
        "#cloud-config",
        "ssh_pwauth: false",
        "users:",
        "  - name: ops",
        "    lock_passwd: true",
        "write_files:",
        "  - path: /etc/app.env",
        "    content: |",
        "      DB_PASSWORD=$${DB_PASSWORD}",
        "      API_TOKEN=${var.api_token}",
        "runcmd:",
        "  - export DB_PASSWORD=$(openstack secret get -p -f value -c Payload $SECRET_REF)",
        "  - mysql --password=\"$DB_PASSWORD\" -e 'select 1'",
        "  - echo password_file: /run/secrets/db",
        "  - 'token: {{ ds.meta_data.token }}'",
        "  - 'password: \"\"'",
      ].join("\n");
      expect(check(noSecretsInUserData, withUserData(userData))).toEqual([]);
    });
  });

  describe("Noncompliance 1: passwords, tokens and keys written into cloud-init", () => {
    const userData = [
      "#cloud-config",
      "password: hunter22",
      "runcmd:",
      "  - export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "  - echo PASSWORD=s3cr3t >> /etc/app.env",
      "  - mysql -u root --password=s3cr3t",
      "  - 'token: abcdef0123456789'",
      "  - -----BEGIN RSA PRIVATE KEY-----",
    ].join("\n");
    const findings = check(noSecretsInUserData, withUserData(userData));

    it("THEN one error names every line, without repeating a secret, with Barbican as the fix", () => {
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-SEC-002",
          level: "error",
          address: "openstack_compute_instance_v2.web",
          attribute: "user_data",
        }),
      ]);
      expect(findings[0]!.message).toBe(
        "user_data holds 6 secret-looking lines: line 2 (password set to a literal), line 4 (AWS_SECRET_ACCESS_KEY set to a literal), line 5 (PASSWORD set to a literal), line 6 (--password set to a literal), line 7 (token set to a literal), line 8 (a private key)",
      );
      expect(findings[0]!.hint).toMatch(/Barbican secret .* Terraform variable marked sensitive/);
      expect(JSON.stringify(findings)).not.toMatch(/hunter22|s3cr3t|wJalrXUtnFEMI/);
    });
  });

  describe("Noncompliance 2: literals inside interpolations, escaped or not", () => {
    it('THEN ${"x"} (Terraform\'s literal x) and $${"x"} (the text ${"x"}) are both literals', () => {
      const findings = check(
        noSecretsInUserData,
        withUserData(
          '#!/bin/sh\nDB_PASSWORD=${"hunter22"}\necho "$${HOME}"\nAPI_TOKEN=$${"hunter22"}',
        ),
      );
      expect(findings.map((f) => f.message)).toEqual([
        "user_data holds 2 secret-looking lines: line 2 (DB_PASSWORD set to a literal), line 4 (API_TOKEN set to a literal)",
      ]);
    });
  });
});
