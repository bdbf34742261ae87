/**
 * Just enough of HCL's expression syntax to find references: the `${...}` and `%{...}` parts
 * of a JSON-syntax template string, and in each expression the traversals (`a.b[0].c`) that
 * are not function names, object keys or for-expression variables. It does not evaluate
 * anything and accepts what it does not understand, so it never rejects a valid expression.
 * Comments (`#` and `//` to the end of the line, `/* ... *\/`) are skipped where HCL reads
 * them: in expressions, outside their quoted strings.
 */

export interface TemplateParts {
  /** The expressions of interpolations and directives, in order. */
  readonly expressions: readonly string[];
  /** Variables a `%{ for }` directive declares for the template. */
  readonly locals: readonly string[];
  /** Set when the template is malformed, e.g. an unclosed `${`. */
  readonly error?: string;
}

export type TraversalStep =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "index"; readonly key?: string | number }
  | { readonly kind: "splat" };

export interface Traversal {
  readonly root: string;
  readonly steps: readonly TraversalStep[];
}

/** Whether a JSON string is a template with interpolations or directives, not a literal. */
export function isTemplate(text: string): boolean {
  if (!text.includes("${") && !text.includes("%{")) return false;
  const parts = templateParts(text);
  return parts.expressions.length > 0 || parts.error !== undefined;
}

export function templateParts(template: string): TemplateParts {
  const expressions: string[] = [];
  const locals: string[] = [];
  let index = 0;
  while (index < template.length) {
    if (template.startsWith("$${", index) || template.startsWith("%%{", index)) {
      index += 3;
      continue;
    }
    const interpolation = template.startsWith("${", index);
    if (!interpolation && !template.startsWith("%{", index)) {
      index++;
      continue;
    }
    const end = expressionEnd(template, index + 2);
    if (end < 0) {
      return {
        expressions,
        locals,
        error: `"${interpolation ? "${" : "%{"}" at character ${index + 1} is not closed`,
      };
    }
    const inner = template
      .slice(index + 2, end)
      .replace(/^~/, "")
      .replace(/~$/, "")
      .trim();
    if (interpolation) expressions.push(inner);
    else expressions.push(...directiveExpression(inner, locals));
    index = end + 1;
  }
  return { expressions, locals };
}

/** `if x` and `for a, b in x` directives hold an expression; `else`, `endif`, `endfor` none. */
function directiveExpression(directive: string, locals: string[]): string[] {
  const forMatch = /^for\s+([\w-]+)(?:\s*,\s*([\w-]+))?\s+in\s+([\s\S]*)$/.exec(directive);
  if (forMatch) {
    locals.push(...[forMatch[1], forMatch[2]].filter((name): name is string => !!name));
    return [forMatch[3]!];
  }
  const ifMatch = /^if\s+([\s\S]*)$/.exec(directive);
  return ifMatch ? [ifMatch[1]!] : [];
}

/** Index of the `}` closing an expression that starts at `start`, or -1. */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index = stringEnd(text, index);
      if (index < 0) return -1;
      continue;
    }
    const comment = commentEnd(text, index);
    if (comment >= 0) {
      // A brace or quote inside a comment is text; so is the rest of a `#` line.
      index = comment;
      continue;
    }
    if (char === "{") depth++;
    else if (char === "}") {
      if (depth === 0) return index;
      depth--;
    }
    index++;
  }
  return -1;
}

/** Index just after the quoted string that starts at `start`, or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === "\\") index += 2;
    else if (text.startsWith("$${", index) || text.startsWith("%%{", index)) index += 3;
    else if (text.startsWith("${", index) || text.startsWith("%{", index)) {
      const end = expressionEnd(text, index + 2);
      if (end < 0) return -1;
      index = end + 1;
    } else if (text[index] === '"') return index + 1;
    else index++;
  }
  return -1;
}

/**
 * Index just after the comment that starts at `start` (a line comment ends before its newline,
 * an unclosed block comment at the end of the text), or -1 when no comment starts there.
 */
export function commentEnd(text: string, start: number): number {
  const char = text[start];
  if (char === "#" || (char === "/" && text[start + 1] === "/")) {
    const newline = text.indexOf("\n", start);
    return newline < 0 ? text.length : newline;
  }
  if (char === "/" && text[start + 1] === "*") {
    const close = text.indexOf("*/", start + 2);
    return close < 0 ? text.length : close + 2;
  }
  return -1;
}

interface Token {
  readonly kind: "ident" | "number" | "string" | "punct";
  readonly text: string;
}

const PUNCTUATION = ["...", "=>", "==", "!=", "<=", ">=", "&&", "||", "::"];

/** Splits an expression into tokens; a string's interpolations follow it in parentheses. */
function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const rest = expression.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const comment = commentEnd(expression, index);
    if (comment >= 0) {
      index = comment;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (ident) {
      tokens.push({ kind: "ident", text: ident[0] });
      index += ident[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0] });
      index += number[0].length;
      continue;
    }
    if (rest[0] === '"') {
      const end = stringEnd(expression, index);
      const raw = expression.slice(index, end < 0 ? expression.length : end);
      tokens.push({ kind: "string", text: raw });
      for (const inner of templateParts(raw.slice(1, -1)).expressions) {
        tokens.push({ kind: "punct", text: "(" }, ...tokenize(inner), { kind: "punct", text: ")" });
      }
      index = end < 0 ? expression.length : end;
      continue;
    }
    const punct = PUNCTUATION.find((p) => rest.startsWith(p)) ?? rest[0]!;
    tokens.push({ kind: "punct", text: punct });
    index += punct.length;
  }
  return tokens;
}

const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if"]);
const OPENING: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };

interface Frame {
  readonly close: string;
  /** An object constructor, where `name =` and `name:` are keys, not references. */
  readonly object: boolean;
  /** Variables of a for-expression, in scope inside its brackets. */
  readonly names: ReadonlySet<string>;
}

/** The traversals an expression reads, except those rooted at a name in `locals`. */
export function expressionTraversals(
  expression: string,
  locals: ReadonlySet<string> = new Set(),
): Traversal[] {
  const tokens = tokenize(expression);
  const frames: Frame[] = [];
  const traversals: Traversal[] = [];
  const inScope = (name: string) => locals.has(name) || frames.some((f) => f.names.has(name));

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    if (token.kind === "punct") {
      const close = OPENING[token.text];
      if (close) {
        const names = next?.text === "for" ? forVariables(tokens, index + 2) : new Set<string>();
        frames.push({ close, object: close === "}" && next?.text !== "for", names });
      } else if (frames.at(-1)?.close === token.text) {
        frames.pop();
      }
      continue;
    }
    if (token.kind !== "ident" || KEYWORDS.has(token.text) || inScope(token.text)) continue;
    if (previous?.text === "." || previous?.text === "::") continue; // attribute of a value
    if (next?.text === "(" || next?.text === "::") continue; // function call
    const key =
      frames.at(-1)?.object === true &&
      (next?.text === "=" || next?.text === ":") &&
      previous?.text !== "?";
    if (key) continue;
    const { steps, end } = traversalSteps(tokens, index + 1);
    traversals.push({ root: token.text, steps });
    index = end - 1;
  }
  return traversals;
}

/** The names between `for` and `in`. */
function forVariables(tokens: readonly Token[], start: number): Set<string> {
  const names = new Set<string>();
  for (let index = start; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.text === "in") break;
    if (token.kind === "ident") names.add(token.text);
  }
  return names;
}

/** Steps after a root name; stops before an index that is not a literal. */
function traversalSteps(
  tokens: readonly Token[],
  start: number,
): { steps: TraversalStep[]; end: number } {
  const steps: TraversalStep[] = [];
  let index = start;
  for (;;) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token?.text === "." && next) {
      if (next.kind === "ident") steps.push({ kind: "attr", name: next.text });
      else if (next.kind === "number") steps.push({ kind: "index", key: Number(next.text) });
      else if (next.text === "*") steps.push({ kind: "splat" });
      else break;
      index += 2;
      continue;
    }
    if (token?.text === "[" && tokens[index + 2]?.text === "]") {
      if (next?.text === "*") steps.push({ kind: "splat" });
      else if (next?.kind === "number") steps.push({ kind: "index", key: Number(next.text) });
      else if (next?.kind === "string") steps.push({ kind: "index", key: unquote(next.text) });
      else break;
      index += 3;
      continue;
    }
    break;
  }
  return { steps, end: index };
}

function unquote(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Renders a traversal back to its source form, e.g. `a.b[0].c`. */
export function formatTraversal(traversal: Traversal): string {
  return (
    traversal.root +
    traversal.steps
      .map((step) => {
        switch (step.kind) {
          case "attr":
            return `.${step.name}`;
          case "splat":
            return "[*]";
          case "index":
            return step.key === undefined ? "[...]" : `[${JSON.stringify(step.key)}]`;
        }
      })
      .join("")
  );
}
