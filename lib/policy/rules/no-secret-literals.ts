import { isRecord } from "../json";
import type { PolicyRule, Violation } from "../rule";
import type { PolicyResource } from "../stack-view";
import { expressionContent, literalText, templateParts } from "../template";

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
    'reference to a secret store; a string literal inside an interpolation (`${"x"}`) is a ' +
    "literal too, and a `${local.x}` reference is followed to the local's value. No value " +
    "anywhere may look like a private key, a cloud access key, a token or a URL with a " +
    "password, also when it is split into literals inside interpolations; `$${` is Terraform's " +
    "escape for the literal text `${`, so what follows it is literal. The provider does not mark " +
    "`container_sync_key` sensitive: it is treated as a secret anyway.",
  check(context) {
    const sensitive = new Set(context.variables.filter((v) => v.sensitive).map((v) => v.name));
    const locals = context.settings.find((block) => block.address === "locals")?.attributes ?? {};
    const scan = (value: unknown, target: Pick<Violation, "resource" | "address">) =>
      leaves(value, "").flatMap((leaf) => leafViolations(leaf, { sensitive, locals }, target));

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

interface Scope {
  readonly sensitive: ReadonlySet<string>;
  readonly locals: Readonly<Record<string, unknown>>;
}

function leafViolations(
  leaf: Leaf,
  scope: Scope,
  target: Pick<Violation, "resource" | "address">,
): Violation[] {
  const rendered = leaf.value.includes("{") ? literalText(leaf.value) : leaf.value;
  const looksLike = SECRET_VALUES.find(
    (secret) => secret.found(leaf.value) || secret.found(rendered),
  );
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
  const found = secretSource(leaf.value, scope, new Set());
  const literal = {
    ...target,
    attribute: leaf.path,
    hint: "declare a variable with sensitive: true and no default, and reference it as ${var.name}; or read the value from a secret store",
  };
  if (found.literal === "text")
    return [{ ...literal, message: `${leaf.path} holds a literal value` }];
  if (found.literal === "expression")
    return [{ ...literal, message: `${leaf.path} holds a literal value inside an interpolation` }];
  if (found.literal)
    return [
      { ...literal, message: `${leaf.path} takes ${found.literal}, which holds a literal value` },
    ];
  const plain = found.variables.filter((name) => !scope.sensitive.has(name));
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

interface SecretSource {
  /** Where a literal comes in: text around interpolations, a literal inside one, or a local. */
  readonly literal?: "text" | "expression" | string;
  readonly variables: string[];
}

/** Where the value of a secret attribute comes from, following locals to their values. */
function secretSource(value: unknown, scope: Scope, seen: Set<string>): SecretSource {
  if (typeof value !== "string")
    return value === undefined || value === null
      ? { variables: [] }
      : { literal: "expression", variables: [] };
  const variables: string[] = [];
  for (const part of templateParts(value)) {
    if (part.kind === "text") {
      if (part.text.trim() !== "") return { literal: "text", variables };
      continue;
    }
    const content = expressionContent(part.expression);
    if (content.number || content.literals.some((text) => text.trim() !== ""))
      return { literal: "expression", variables };
    variables.push(...content.variables);
    for (const local of content.locals) {
      const key = [local.name, ...local.path].join(".");
      if (seen.has(key) || !Object.hasOwn(scope.locals, local.name)) continue;
      seen.add(key);
      const inner = secretSource(localValue(scope.locals[local.name], local.path), scope, seen);
      if (inner.literal) return { literal: `local.${key}`, variables };
      variables.push(...inner.variables);
    }
  }
  return { variables };
}

/** The part of a local's value a traversal reads; the whole value when it cannot be followed. */
function localValue(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) {
    if (Array.isArray(current) && /^[0-9]+$/.test(step)) current = current[Number(step)];
    else if (isRecord(current) && Object.hasOwn(current, step)) current = current[step];
    else return current;
  }
  return current;
}
