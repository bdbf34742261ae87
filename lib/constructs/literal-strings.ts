import {
  Aspects,
  type IAspect,
  type IResolvable,
  type IResolveContext,
  TerraformElement,
  TerraformStack,
  Token,
  Tokenization,
} from "cdktf";
import type { IConstruct } from "constructs";
import { describeValue, TamnaError } from "../errors";
import { escapeTemplateLiteral } from "../template";

/**
 * Strings are data, never Terraform expressions. Terraform reads every JSON string of an
 * expression context (resource, data source and provider arguments, output values, locals) as a
 * template: `${...}` is an interpolation and `%{...}` a directive. A display name such as
 * `${file("/etc/passwd")}` would make `terraform plan` read a file, and a cloud-init line
 * `echo ${HOME}` would never reach the VM as written.
 *
 * So every literal string crosses one boundary on its way out: the `toTerraform()` of each
 * Terraform element (resource, data source, provider, output, local, backend) is wrapped once,
 * and what it returns is walked before cdktf resolves tokens. In each string the literal text
 * is escaped (`${` -> `$${`, `%{` -> `%%{`) and cdktf's token markers are left alone, so a token
 * that a caller passes (a resource attribute, `Fn.*`, a variable) still becomes a reference.
 * Escaping before resolution is what keeps it single: cdktf resolves each element's output and
 * then the merged stack a second time, so escaping inside a resolver would escape twice.
 *
 * Where Terraform evaluates nothing (the `//` comment blocks, `depends_on`, `provider`,
 * `lifecycle`, variable blocks, the `terraform` block), strings are left as they are. Backend
 * blocks take no expressions at all: a `${` or `%{` there is rejected with a located error
 * instead, since escaping would write `$${` into a bucket name.
 *
 * `TamnaStack` adds the aspect to every stack, and each public construct of the library adds
 * it to its own subtree, so the constructs keep their strings literal inside a plain cdktf
 * `TerraformStack` too. The wrapping is idempotent.
 */

export { escapeTemplateLiteral };

/** Whether a string holds a Terraform interpolation or directive opener (`${`, `%{`). */
function hasTemplateSequence(text: string): boolean {
  return text.includes("${") || text.includes("%{");
}

/**
 * Adds the literal-strings aspect to `scope`: every Terraform element below it keeps its
 * literal strings literal in the synthesized JSON. Called by `TamnaStack` and by each public
 * construct for its own subtree; calling it more than once is harmless.
 */
export function keepStringsLiteral(scope: IConstruct): void {
  // Once on a path from the root is enough: cdktf visits every node below with each aspect, and
  // computes the node's path for every copy of it.
  if (scope.node.scopes.some((s) => Aspects.of(s).all.includes(LITERAL_STRINGS))) return;
  Aspects.of(scope).add(LITERAL_STRINGS);
}

class LiteralStringsAspect implements IAspect {
  visit(node: IConstruct): void {
    // A stack is visited before its children, and other aspects of the stack (the policy
    // pack) read `stack.toTerraform()` at that visit: wrap the whole stack first.
    if (TerraformStack.isStack(node)) node.node.findAll().forEach(wrapElement);
    else wrapElement(node);
  }
}

const LITERAL_STRINGS = new LiteralStringsAspect();
const wrapped = new WeakSet<TerraformElement>();

function wrapElement(node: IConstruct): void {
  if (!TerraformElement.isTerraformElement(node) || wrapped.has(node)) return;
  wrapped.add(node);
  const toTerraform = node.toTerraform.bind(node);
  node.toTerraform = () => literalElementJson(node, toTerraform());
}

type Json = Record<string, unknown>;

/** Meta-arguments of a resource, data source or module that Terraform reads without templates. */
const META_KEYS = new Set(["//", "depends_on", "lifecycle", "provider", "providers", "source"]);

/** One element's unresolved `toTerraform()` output, literal strings escaped. */
function literalElementJson(element: TerraformElement, json: unknown): unknown {
  if (!isPlainObject(json)) return json;
  const out: Json = { ...json };
  for (const key of ["resource", "data"]) {
    if (isPlainObject(out[key])) out[key] = mapValues(out[key], (byName) => blocks(byName));
  }
  if (isPlainObject(out.module)) out.module = mapValues(out.module, body);
  if (isPlainObject(out.provider)) {
    out.provider = mapValues(out.provider, (config) =>
      Array.isArray(config) ? config.map(providerBody) : providerBody(config),
    );
  }
  if (isPlainObject(out.output)) {
    out.output = mapValues(out.output, (output) =>
      isPlainObject(output) && "value" in output
        ? { ...output, value: literalValue(output.value) }
        : output,
    );
  }
  if (isPlainObject(out.locals)) out.locals = mapValues(out.locals, literalValue);
  if (isPlainObject(out.terraform)) rejectTemplatesInBackend(element, out.terraform);
  return out;
}

function blocks(byName: unknown): unknown {
  return isPlainObject(byName) ? mapValues(byName, body) : byName;
}

/** A resource, data source or module body: arguments escaped, meta-arguments left alone. */
function body(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return mapEntries(value, sameKey, (key, item) =>
    META_KEYS.has(key) ? item : literalValue(item),
  );
}

function providerBody(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return mapEntries(value, sameKey, (key, item) => (key === "alias" ? item : literalValue(item)));
}

/**
 * A value in an expression context. Object keys are escaped too: in Terraform JSON the keys
 * of an object expression (a map argument such as `metadata`) are templates as well.
 */
function literalValue(value: unknown): unknown {
  if (typeof value === "string") return literalString(value);
  if (Array.isArray(value)) return mapItems(value, literalValue);
  if (!isPlainObject(value)) return value; // tokens, numbers, booleans, null
  return mapEntries(value, literalString, (_key, item) => literalValue(item));
}

/** A marker for a token inside a string, while the literal fragments around it are escaped. */
class TokenPart {
  constructor(readonly token: IResolvable) {}
}

/**
 * Escapes the literal fragments of a string and keeps its cdktf tokens. Strings are split with
 * cdktf's own tokenizer, so what counts as a token is exactly what cdktf will resolve.
 */
function literalString(text: string): string {
  if (!text.includes("{")) return text; // neither a template sequence nor a token marker
  const fragments = Tokenization.reverseString(text);
  if (fragments.tokens.length === 0) return escapeTemplateLiteral(text);
  // Mark each token, then collect literal text and tokens in order.
  const context = {
    suppressBraces: false,
    resolve: (token: IResolvable) => new TokenPart(token),
  } as unknown as IResolveContext;
  const joined: unknown = fragments.mapTokens(context).join({
    join: (left: unknown, right: unknown) => [...partsOf(left), ...partsOf(right)],
  });
  const parts = partsOf(joined);
  return parts
    .map((part, index) => {
      if (part instanceof TokenPart) return Token.asString(part.token);
      return escapeMixedLiteral(part, parts[index + 1] instanceof TokenPart);
    })
    .join("");
}

function partsOf(value: unknown): (string | TokenPart)[] {
  if (Array.isArray(value)) return value as (string | TokenPart)[];
  if (value instanceof TokenPart) return [value];
  return [String(value)];
}

/**
 * Literal text next to tokens. cdktf reads a bare `${` in such a string as the start of an
 * expression of its own and would then leave the next token unbraced, so `${` is written as the
 * balanced `${"$"}{`, which Terraform evaluates to the same text (`%{` is escaped as `%%{`).
 * A `$` right before a token would turn the token's `${` into the escape `$${`: it is written
 * as `${"$"}` for the same reason.
 */
function escapeMixedLiteral(text: string, beforeToken: boolean): string {
  let out = text.replace(/%\{/g, "%%{").replace(/\$\{/g, '${"$"}{');
  if (beforeToken && out.endsWith("$")) out = `${out.slice(0, -1)}\${"$"}`;
  return out;
}

/** Backends take no expressions: a template sequence there is an error, not something to escape. */
function rejectTemplatesInBackend(element: TerraformElement, terraform: Json): void {
  for (const key of ["backend", "cloud"]) {
    const offending = findTemplateString(terraform[key], `terraform.${key}`);
    if (!offending) continue;
    throw new TamnaError({
      location: { construct: element.node.path },
      message: `${offending.path} holds "\${" or "%{", and Terraform evaluates no expressions in a backend block`,
      received: describeValue(offending.value),
      allowed: 'literal text without "${" or "%{"',
      hint: "write the backend setting as plain text; Terraform cannot interpolate backend settings",
    });
  }
}

function findTemplateString(
  value: unknown,
  path: string,
): { path: string; value: string } | undefined {
  if (typeof value === "string") return hasTemplateSequence(value) ? { path, value } : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findTemplateString(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findTemplateString(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/*
 * The walks below copy on write: a value in which nothing is escaped is returned as it is, so
 * that the (mostly literal-free) JSON of every element is not copied once more before cdktf
 * resolves, and so copies, it.
 */

function mapValues(object: Json, f: (value: unknown) => unknown): Json {
  return mapEntries(object, sameKey, (_key, value) => f(value));
}

function sameKey(key: string): string {
  return key;
}

/** `object` with keys and values mapped, in the same order; `object` itself if none changed. */
function mapEntries(
  object: Json,
  mapKey: (key: string) => string,
  mapValue: (key: string, value: unknown) => unknown,
): Json {
  const keys = Object.keys(object);
  let out: Json | undefined;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const value = object[key];
    const newKey = mapKey(key);
    const newValue = mapValue(key, value);
    if (!out && (newKey !== key || newValue !== value)) {
      out = {};
      for (const earlier of keys.slice(0, index)) out[earlier] = object[earlier];
    }
    if (out) out[newKey] = newValue;
  }
  return out ?? object;
}

/** `items` mapped; `items` itself if no item changed. */
function mapItems(items: readonly unknown[], f: (item: unknown) => unknown): readonly unknown[] {
  let out: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const mapped = f(item);
    if (!out && mapped !== item) out = items.slice(0, index);
    if (out) out.push(mapped);
  }
  return out ?? items;
}

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Tokenization.isResolvable(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
