import { isRecord } from "../json";
import { isOnlyInterpolation, variableReferences } from "../references";
import type { PolicyRule, Violation } from "../rule";
import type { PolicyResource } from "../stack-view";

/** (f) Secrets come in as sensitive variables or secret stores, never as literals. */
export const noSecretLiterals: PolicyRule = {
  id: "TAMNA-SEC-001",
  level: "error",
  title: "No secret-looking literal anywhere in the configuration",
  explanation:
    "Synthesized JSON is committed, diffed in pull requests and kept in CI artefacts, so a " +
    "literal secret in it is a leaked secret. Attributes named like secrets (`password`, " +
    "`secret`, `token`, `private_key`, `container_sync_key`, `secret_key`...) must take a " +
    "`${var.x}` reference to a variable marked `sensitive` and without a default, or a " +
    "reference to a secret store; and no value anywhere may look like a private key, a cloud " +
    "access key, a token or a URL with a password. The provider does not mark " +
    "`container_sync_key` sensitive: it is treated as a secret anyway.",
  check(context) {
    const sensitive = new Set(context.variables.filter((v) => v.sensitive).map((v) => v.name));
    const scan = (value: unknown, target: Pick<Violation, "resource" | "address">) =>
      leaves(value, "").flatMap((leaf) => leafViolations(leaf, sensitive, target));

    return [
      ...[...context.resources, ...context.dataSources].flatMap((resource: PolicyResource) =>
        scan(resource.attributes, { resource }),
      ),
      ...context.outputs.flatMap((output) =>
        scan({ value: output.value }, { address: output.address }),
      ),
      ...context.settings.flatMap((block) => scan(block.attributes, { address: block.address })),
      ...context.variables.flatMap((variable): Violation[] => {
        const found = scan({ default: variable.default }, { address: variable.address });
        if (!variable.sensitive || variable.default === undefined || variable.default === "")
          return found;
        return [
          ...found,
          {
            address: variable.address,
            attribute: "default",
            message: `sensitive variable ${variable.name} has a default value, which keeps the secret in the code`,
            hint: "remove the default and supply the value at plan time (TF_VAR_..., a tfvars file outside the repository, or a secret store)",
          },
        ];
      }),
    ];
  },
};

const SECRET_NAME =
  /(^|_)(password|passwd|secret|secret_key|access_key|private_key|token|api_key|sync_key|credentials?|admin_pass)$/i;

const SECRET_VALUES: readonly { what: string; found(value: string): boolean }[] = [
  pattern("a private key", /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/),
  pattern("an AWS-style access key ID", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/),
  pattern("a GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}/),
  pattern("a GitLab token", /\bglpat-[A-Za-z0-9_-]{20,}/),
  pattern("a Slack token", /\bxox[abprs]-[A-Za-z0-9-]{10,}/),
  pattern("a JSON Web Token", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/),
  pattern("a Keystone token", /\bgAAAAAB[A-Za-z0-9_-]{80,}/),
  {
    what: "a URL with a password",
    found: (value) =>
      [...value.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/gi)].some(
        (match) => !match[1]!.startsWith("${"),
      ),
  },
];

function pattern(what: string, regex: RegExp) {
  return { what, found: (value: string) => regex.test(value) };
}

interface Leaf {
  /** Attribute path, e.g. `network[0].name`. */
  readonly path: string;
  /** The last object key on the path. */
  readonly key: string;
  readonly value: string;
}

function leaves(value: unknown, path: string, key = ""): Leaf[] {
  if (typeof value === "string") return [{ path, key, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[${i}]`, key));
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((name) =>
    leaves(value[name], path ? `${path}.${name}` : name, name),
  );
}

function leafViolations(
  leaf: Leaf,
  sensitive: ReadonlySet<string>,
  target: Pick<Violation, "resource" | "address">,
): Violation[] {
  const looksLike = SECRET_VALUES.find((secret) => secret.found(leaf.value));
  if (looksLike) {
    return [
      {
        ...target,
        attribute: leaf.path,
        message: `${leaf.path} holds what looks like ${looksLike.what}`,
        hint: "remove the secret from the code (and rotate it: it has been committed), and pass it as a sensitive variable or from a secret store such as Barbican",
      },
    ];
  }
  if (!SECRET_NAME.test(leaf.key) || leaf.value.trim() === "") return [];
  if (!isOnlyInterpolation(leaf.value)) {
    return [
      {
        ...target,
        attribute: leaf.path,
        message: `${leaf.path} holds a literal value`,
        hint: "declare a variable with sensitive: true and no default, and reference it as ${var.name}; or read the value from a secret store",
      },
    ];
  }
  const plain = variableReferences(leaf.value).filter((name) => !sensitive.has(name));
  return plain.length === 0
    ? []
    : [
        {
          ...target,
          attribute: leaf.path,
          message: `${leaf.path} takes var.${plain.join(", var.")}, which is not marked sensitive`,
          hint: "mark the variable sensitive: true, so Terraform keeps it out of plan output and logs",
        },
      ];
}
