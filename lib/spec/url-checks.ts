import type { Problem } from "../errors";
import type { Sourced } from "./sourced";

/**
 * Credentials in URLs, anywhere in a region or agency file. Spec files are committed and
 * reviewed, so a password or token in a URL is a leaked secret: a field that holds a URL (the
 * S3 state endpoint, today) may carry no user information at all, and a URL inside any other
 * text (a description, user data) no password and no credential in its query string.
 */

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const WHOLE_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
/** Query parameters that carry a secret: tokens, keys, passwords, signatures (S3 and SAS). */
const CREDENTIAL_PARAMETER =
  /^(key|sig|x-amz-(credential|signature|security-token)|[a-z0-9_.-]*(token|secret|password|passwd|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key|signature|credentials?|auth))$/i;
/** A value filled in at run time, not written in the file: $VAR, ${VAR}, $(cmd), {{ jinja }}. */
const RUNTIME_REFERENCE = /^(\$\{?[A-Za-z_]|\$\(|\{\{)/;

interface Credential {
  /** What the URL carries, for the message: "a password", "a user name", "token in its query". */
  readonly what: string;
}

/** Located problems for every URL with credentials in the file's values. */
export function checkUrlCredentials({ spec, source }: Sourced<unknown>): Problem[] {
  const problems: Problem[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === "string") {
      const whole = WHOLE_URL.test(value.trim());
      for (const url of value.match(URL_IN_TEXT) ?? []) {
        const found = credentialsOf(url, whole);
        if (!found) continue;
        problems.push({
          location: source.locate(path),
          message: `${whole ? "the URL" : "a URL in this text"} carries ${found.what}, which would be committed with the file`,
          received: redact(url),
          allowed: whole ? "a URL without user information or credentials in its query" : undefined,
          hint: hintFor(path),
        });
      }
      return;
    }
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else
      for (const key of Object.keys(value))
        walk((value as Record<string, unknown>)[key], [...path, key]);
  };
  walk(spec, []);
  return problems;
}

function credentialsOf(url: string, whole: boolean): Credential | undefined {
  const rest = url.slice(url.indexOf("://") + 3);
  const authority = /^[^/?#]*/.exec(rest)![0];
  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(":");
    const password = colon >= 0 ? userinfo.slice(colon + 1) : "";
    if (password !== "" && !RUNTIME_REFERENCE.test(decode(password)))
      return { what: "a password in its user information" };
    if (whole && userinfo !== "") return { what: "a user name in its user information" };
  }
  const query = /\?([^#]*)/.exec(rest)?.[1] ?? "";
  for (const pair of query.split(/[&;]/)) {
    const [rawKey = "", ...values] = pair.split("=");
    const key = decode(rawKey);
    const value = decode(values.join("="));
    if (CREDENTIAL_PARAMETER.test(key) && value !== "" && !RUNTIME_REFERENCE.test(value))
      return { what: `a credential in its query string (${key})` };
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL with user information and query values hidden, so the message does not leak them. */
function redact(url: string): string {
  const scheme = url.indexOf("://") + 3;
  const rest = url.slice(scheme);
  const authority = /^[^/?#]*/.exec(rest)![0];
  const at = authority.lastIndexOf("@");
  const host = at >= 0 ? `***@${authority.slice(at + 1)}` : authority;
  const tail = rest.slice(authority.length).replace(/([?&;][^=&;#]*=)[^&;#]*/g, "$1***");
  const text = `${url.slice(0, scheme)}${host}${tail}`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function hintFor(path: readonly PropertyKey[]): string {
  if (path.includes("state"))
    return "remove the credentials from the endpoint: the S3 backend reads them from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or a credentials file, never from the region file; rotate them, they have been committed";
  if (path.includes("userData"))
    return "remove the credentials and rotate them; let the instance read them at boot from a Barbican secret, or pass them in a sensitive Terraform variable";
  return "remove the credentials from the URL and rotate them (the file is committed); credentials come from the environment or a secret store such as Barbican";
}
