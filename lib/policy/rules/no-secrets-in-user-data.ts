import type { PolicyRule, Violation } from "../rule";
import { expressionContent, templateParts } from "../template";

/** (g) User data configures a server; it does not carry the server's secrets. */
export const noSecretsInUserData: PolicyRule = {
  id: "TAMNA-SEC-002",
  level: "error",
  title: "No secret-looking line in user data",
  explanation:
    "User data is written into the synthesized JSON and the plan as written, kept in CI " +
    "artefacts and readable by anyone who can read the instance's metadata, so a password, " +
    "token or key in it is a leaked secret. A line that sets a setting named like a secret " +
    "(`password: x`, `DB_PASSWORD=x`, `export AWS_SECRET_ACCESS_KEY=x`, `token: x`, " +
    "`--password=x`) to a literal value, or a private key block, is a finding. Values read at " +
    "boot are fine: a shell variable or command (`$DB_PASSWORD`, `$(openstack secret get ...)`), " +
    "a Jinja template (`{{ ... }}`), a Terraform variable (`${var.x}`), and `true`/`false` " +
    "switches such as cloud-init's `lock_passwd`.",
  check(context) {
    return context.resources.flatMap((resource): Violation[] => {
      const userData = resource.attributes.user_data;
      if (typeof userData !== "string") return [];
      const found = secretLines(userData);
      if (found.length === 0) return [];
      return [
        {
          resource,
          attribute: "user_data",
          message: `user_data holds ${found.length === 1 ? "a secret-looking line" : `${found.length} secret-looking lines`}: ${found.map((line) => `line ${line.number} (${line.what})`).join(", ")}`,
          hint: "keep the secret in a Barbican secret that the instance reads at boot, or pass it in a Terraform variable marked sensitive (with no default); rotate it, it has been committed",
        },
      ];
    });
  },
};

/**
 * `key: value`, `KEY=value`, `export KEY=value`, `"key": "value"` with a key named like a secret.
 * The name ends with the secret word, so `password_file` or `token_url` are not secrets.
 */
const SECRET_SETTING =
  /(?:^|[\s;&|'"(])(?:-\s+)?(?:export\s+)?["']?([A-Za-z0-9_.-]*?(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|credentials?))["']?\s*[:=]\s*(.*)$/i;
/** `--password=value`, `--password value`, `--token value` in a command line. */
const SECRET_OPTION =
  /(?:^|\s)--(password|passwd|token|secret|api-key|access-key|secret-key)(?:=|\s+)(\S+)/i;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
/** Values that are not the secret itself: filled in at boot or by Terraform. */
const REFERENCE = /^["']?(\$\{?[A-Za-z_]|\$\(|\{\{)/;
/** Switches and empty values, such as cloud-init's `lock_passwd: true`. */
const SWITCH = /^(true|false|yes|no|on|off|null|none|~)?$/i;

interface SecretLine {
  /** 1-based line of the user data. */
  readonly number: number;
  readonly what: string;
}

/** Lines of `userData` that hold a secret; what follows `$${` is literal text, `${` Terraform's. */
export function secretLines(userData: string): SecretLine[] {
  // Escaped `$${` becomes the literal `${`; an interpolation is its literal or a placeholder.
  const text = templateParts(userData)
    .map((part) => {
      if (part.kind === "text") return part.text;
      // `${"x"}` is the literal x; anything else is filled in by Terraform.
      const content = expressionContent(part.expression);
      const literal = content.variables.length === 0 && content.locals.length === 0;
      return literal && content.literals.length > 0 ? content.literals.join("") : "${terraform}";
    })
    .join("");
  return text.split(/\r?\n/).flatMap((line, index): SecretLine[] => {
    if (PRIVATE_KEY.test(line)) return [{ number: index + 1, what: "a private key" }];
    const setting = SECRET_SETTING.exec(line);
    if (setting && isLiteral(setting[2]!))
      return [{ number: index + 1, what: `${setting[1]} set to a literal` }];
    const option = SECRET_OPTION.exec(line);
    if (option && isLiteral(option[2]!))
      return [{ number: index + 1, what: `--${option[1]} set to a literal` }];
    return [];
  });
}

function isLiteral(value: string): boolean {
  const trimmed = value
    .trim()
    .replace(/\s+#.*$/, "")
    .replace(/^["']+|["']+$/g, "");
  return !SWITCH.test(trimmed) && !REFERENCE.test(trimmed);
}
