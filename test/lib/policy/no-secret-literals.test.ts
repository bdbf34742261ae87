import { describe, expect, it } from "vitest";
import { noSecretLiterals } from "../../../lib/policy/rules/no-secret-literals";
import { agencyStack, check } from "./fixtures";

const PEM = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAA",
  "-----END OPENSSH PRIVATE KEY-----",
].join("\n");

describe("TAMNA-SEC-001 no secret literals", () => {
  describe("Compliance", () => {
    it("GIVEN secrets from sensitive variables, a public key and URLs without passwords THEN nothing is found", () => {
      const stack = agencyStack(
        {
          openstack_objectstorage_container_v1: {
            archive: {
              name: "city-archive",
              container_sync_key: "${var.sync_key}",
              container_sync_to: "https://swift.drc.example/v1/AUTH_city/archive",
            },
          },
          openstack_compute_keypair_v2: {
            ops: { name: "city-ops", public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO ops" },
          },
          openstack_compute_instance_v2: {
            db: {
              name: "city-db-01",
              admin_pass: "",
              user_data:
                "#cloud-config\nwrite_files: [{path: /etc/db.url, content: 'postgres://app:${var.db_password}@db:5432/app'}]",
            },
          },
        },
        {
          variable: {
            sync_key: { type: "string", sensitive: true },
            db_password: { type: "string", sensitive: true },
          },
        },
      );
      expect(check(noSecretLiterals, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a literal container sync key", () => {
    it("THEN the attribute is named and the value is not repeated", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack({
          openstack_objectstorage_container_v1: {
            archive: { name: "city-archive", container_sync_key: "s3cr3t-sync-key" },
          },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-SEC-001",
          address: "openstack_objectstorage_container_v1.archive",
          attribute: "container_sync_key",
          message: "container_sync_key holds a literal value",
        }),
      ]);
      expect(JSON.stringify(findings)).not.toContain("s3cr3t-sync-key");
    });
  });

  describe("Noncompliance 2: a private key inside user data", () => {
    it("THEN it is found whatever the attribute is called", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack({
          openstack_compute_instance_v2: { web: { name: "city-web-01", user_data: PEM } },
        }),
      );
      expect(findings.map((f) => [f.attribute, f.message])).toEqual([
        ["user_data", "user_data holds what looks like a private key"],
      ]);
    });
  });

  describe("Noncompliance 3: a password from a variable that is not sensitive", () => {
    it("THEN the variable is named", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack(
          {
            openstack_compute_instance_v2: { db: { name: "city-db-01", admin_pass: "${var.pw}" } },
          },
          { variable: { pw: { type: "string" } } },
        ),
      );
      expect(findings.map((f) => f.message)).toEqual([
        "admin_pass takes var.pw, which is not marked sensitive",
      ]);
    });
  });

  describe("Noncompliance 4: a sensitive variable with a default", () => {
    it("THEN the variable is found", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack(
          {},
          { variable: { pw: { type: "string", sensitive: true, default: "hunter22" } } },
        ),
      );
      expect(findings).toEqual([
        expect.objectContaining({ address: "var.pw", attribute: "default" }),
      ]);
    });
  });

  describe("Noncompliance 5: credentials in the provider, the backend and an output", () => {
    it("THEN each block is found by its address", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack(
          {},
          {
            provider: { openstack: [{ cloud: "cdc", password: "hunter22" }] },
            terraform: {
              backend: { s3: { bucket: "state", access_key: "AKIAIOSFODNN7EXAMPLE" } },
            },
            output: {
              tamna_systems: { value: {} },
              db_url: { value: "postgres://app:hunter22@db.city.example:5432/app" },
            },
          },
        ),
      );
      expect(findings.map((f) => [f.address, f.attribute])).toEqual([
        ["output.db_url", "value"],
        ["provider.openstack", "password"],
        ["terraform", "backend.s3.access_key"],
      ]);
    });
  });
});

describe("TAMNA-SEC-001 inside interpolations and through locals", () => {
  const instance = (admin_pass: string) => ({
    openstack_compute_instance_v2: { db: { name: "city-db-01", admin_pass } },
  });
  const messages = (extra: Parameters<typeof agencyStack>[1] = {}, pass = "${local.db}") =>
    check(noSecretLiterals, agencyStack(instance(pass), extra)).map((f) => f.message);

  describe("Compliance", () => {
    it("GIVEN a local that takes a sensitive variable, indexed by a literal key THEN nothing is found", () => {
      const extra = {
        variable: { pw: { type: "string", sensitive: true } },
        locals: { db: "${var.pw}", creds: { admin: "${var.pw}" } },
      };
      expect(messages(extra)).toEqual([]);
      expect(messages(extra, '${local.creds["admin"]}')).toEqual([]);
      expect(messages(extra, "${trimspace(local.creds.admin)}")).toEqual([]);
    });
  });

  describe("Noncompliance 1: a string literal inside an interpolation", () => {
    it("THEN it is a literal, alone, in a function or as a fallback", () => {
      expect(messages({}, '${"hunter22"}')).toEqual([
        "admin_pass holds a literal value inside an interpolation",
      ]);
      expect(messages({}, '${trimspace(" hunter22 ")}')).toEqual([
        "admin_pass holds a literal value inside an interpolation",
      ]);
      expect(
        messages(
          { variable: { pw: { type: "string", sensitive: true } } },
          '${var.pw == "" ? "hunter22" : var.pw}',
        ),
      ).toEqual(["admin_pass holds a literal value inside an interpolation"]);
    });
  });

  describe("Noncompliance 2: a literal routed through a local", () => {
    it("THEN the local is named, also through a nested key", () => {
      expect(messages({ locals: { db: "hunter22" } })).toEqual([
        "admin_pass takes local.db, which holds a literal value",
      ]);
      expect(
        messages({ locals: { creds: { admin: "hunter22" } } }, "${local.creds.admin}"),
      ).toEqual(["admin_pass takes local.creds.admin, which holds a literal value"]);
    });

    it("THEN a local that takes a variable not marked sensitive names the variable", () => {
      expect(
        messages({ variable: { pw: { type: "string" } }, locals: { db: "${var.pw}" } }),
      ).toEqual(["admin_pass takes var.pw, which is not marked sensitive"]);
    });
  });

  describe("Noncompliance 3: escaped text $${...} is literal text", () => {
    it("THEN $${var.pw} in a password is the literal text ${var.pw}, not a reference", () => {
      expect(
        messages({ variable: { pw: { type: "string", sensitive: true } } }, "$${var.pw}"),
      ).toEqual(["admin_pass holds a literal value"]);
    });

    it("THEN a key split into literals inside interpolations, or escaped, is still found", () => {
      const findings = check(
        noSecretLiterals,
        agencyStack({
          openstack_compute_instance_v2: {
            web: {
              name: "city-web-01",
              metadata: {
                note: '${"AKIA"}${"IOSFODNN7EXAMPLE"}',
                other: "$${AKIAIOSFODNN7EXAMPLE}",
              },
            },
          },
        }),
      );
      expect(findings.map((f) => [f.attribute, f.message])).toEqual([
        ["metadata.note", "metadata.note holds what looks like an AWS-style access key ID"],
        ["metadata.other", "metadata.other holds what looks like an AWS-style access key ID"],
      ]);
    });
  });
});
