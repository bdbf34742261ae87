/**
 * Terraform's template syntax inside JSON strings, as far as the rules need it: `${expr}` and
 * `%{directive}` are evaluated, `$${` and `%%{` are escapes that stand for the literal text
 * `${` and `%{`. An expression is split off whole, quoted strings (which may hold templates of
 * their own) and nested braces included, so that `${"literal"}` is seen as the literal it is.
 */

export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "expression"; readonly expression: string };

export function templateParts(value: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < value.length) {
    if (value.startsWith("$${", i) || value.startsWith("%%{", i)) {
      text += `${value[i]}{`;
      i += 3;
      continue;
    }
    if ((value[i] === "$" || value[i] === "%") && value[i + 1] === "{") {
      const end = expressionEnd(value, i + 2);
      if (text) parts.push({ kind: "text", text });
      text = "";
      const inner = value.slice(i + 2, end < 0 ? value.length : end);
      parts.push({ kind: "expression", expression: inner.replace(/^~|~$/g, "") });
      i = end < 0 ? value.length : end + 1;
      continue;
    }
    text += value[i];
    i++;
  }
  if (text) parts.push({ kind: "text", text });
  return parts;
}

/** Index of the `}` that closes an expression starting at `start`, or -1. */
function expressionEnd(value: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < value.length) {
    const c = value[i];
    if (c === '"') {
      i = stringEnd(value, i + 1);
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return -1;
}

/** Index just after the quote that closes a string literal whose content starts at `start`. */
function stringEnd(value: string, start: number): number {
  let i = start;
  while (i < value.length) {
    const c = value[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (value.startsWith("$${", i) || value.startsWith("%%{", i)) i += 3;
    else if ((c === "$" || c === "%") && value[i + 1] === "{") {
      const end = expressionEnd(value, i + 2);
      i = end < 0 ? value.length : end + 1;
    } else i++;
  }
  return value.length;
}

export interface ExpressionContent {
  /** Literal text written inside the expression's string literals (index keys left out). */
  readonly literals: string[];
  /** The expression is a number literal alone, e.g. `${1234}`. */
  readonly number: boolean;
  /** `var.x` and `local.x...` references, with the traversal after a local's name. */
  readonly variables: string[];
  readonly locals: { readonly name: string; readonly path: string[] }[];
}

/** What one expression holds. */
export function expressionContent(expression: string): ExpressionContent {
  const literals: string[] = [];
  let code = "";
  let i = 0;
  while (i < expression.length) {
    if (expression[i] !== '"') {
      code += expression[i];
      i++;
      continue;
    }
    const end = stringEnd(expression, i + 1);
    const raw = expression.slice(i + 1, end - 1);
    if (isIndexKey(code)) {
      // Kept in the code, so that `local.x["key"]` is followed like `local.x.key`.
      code += `"${raw.replace(/[^A-Za-z0-9_-]/g, "")}"`;
      i = end;
      continue;
    }
    for (const part of templateParts(raw)) {
      if (part.kind === "text") literals.push(unescape(part.text));
      else literals.push(...expressionContent(part.expression).literals);
    }
    code += '""';
    i = end;
  }
  const variables = [...code.matchAll(/\bvar\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
  const locals = [
    ...code.matchAll(/\blocal\.([A-Za-z0-9_-]+)((?:\s*\.\s*[A-Za-z0-9_-]+|\s*\[[^\]]*\])*)/g),
  ].map((m) => ({
    name: m[1]!,
    path: [...m[2]!.matchAll(/\.\s*([A-Za-z0-9_-]+)|\[\s*"?([^\]"]*)"?\s*\]/g)].map((step) =>
      (step[1] ?? step[2]!).trim(),
    ),
  }));
  return {
    literals: literals.filter((text) => text !== ""),
    number: /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(expression),
    variables,
    locals,
  };
}

/** A string right after `[` that follows a value is an index key (`local.x["k"]`), not data. */
function isIndexKey(before: string): boolean {
  const trimmed = before.trimEnd();
  if (!trimmed.endsWith("[")) return false;
  const previous = trimmed.slice(0, -1).trimEnd();
  return /[A-Za-z0-9_\])}"]$/.test(previous);
}

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) =>
    c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c,
  );
}

/** The literal text a value carries: text outside expressions plus string literals inside. */
export function literalText(value: string): string {
  return templateParts(value)
    .map((part) =>
      part.kind === "text" ? part.text : expressionContent(part.expression).literals.join(""),
    )
    .join("");
}
