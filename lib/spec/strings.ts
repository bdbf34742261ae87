import { describeValue, type Problem } from "../errors";
import type { FieldPath, YamlSource } from "./yaml-source";

/**
 * Rules every string of a spec file follows, whatever field it is in, checked in one walk over
 * the file's data so that a field added later follows them without thought:
 *
 * - no control characters; newline and tab only in the multi-line fields (`userData`);
 * - at most 255 characters, OpenStack's limit on names and descriptions (Nova, Neutron, Glance,
 *   Cinder, Keystone roles), except in the multi-line fields, which have their own limits;
 * - no cdktf token marker text (`${TfToken[`, `#{TfToken[`, `&{TfToken[`, or the text of an
 *   encoded number token): cdktf would read it as a token and replace it;
 * - no `${` or `%{` in the fields that end up in provider or backend blocks (a site's `cloud`,
 *   `openstackRegion` and `state`, the region's `state`): Terraform evaluates no expressions
 *   there, and escaping would change the value. Everywhere else `${` and `%{` are fine: the
 *   constructs write them escaped, so they reach OpenStack as written.
 *
 * Map keys are strings too and follow the same rules.
 */

/** Longest single-line string: OpenStack's name and description columns. */
export const MAX_STRING_LENGTH = 255;

/** Fields whose value may span lines (newline and tab allowed), by field name. */
const MULTI_LINE_FIELDS = new Set(["userData"]);

/**
 * Fields that end up in provider or backend blocks, as paths; `*` is any key, a trailing `**`
 * any path below.
 */
const NO_EXPRESSION_FIELDS: readonly (readonly string[])[] = [
  ["sites", "*", "cloud"],
  ["sites", "*", "openstackRegion"],
  ["sites", "*", "state", "**"],
  ["state", "**"],
];

/** The begin markers of cdktf's string, list and map tokens (cdktf/lib/tokens/private/encoding). */
const TOKEN_MARKERS = ["${TfToken[", "#{TfToken[", "&{TfToken["];

/** cdktf's pattern for a number token written into a string (NUMBER_TOKEN_REGEX). */
const NUMBER_TOKEN_TEXT = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

/** The top 16 bits cdktf gives an encoded number token and an encoded number-list token. */
const NUMBER_TOKEN_MARKER_BITS = [0xfdff, 0xfbff];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Problems with the strings of one spec file, each located at its field. */
export function stringProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const stack: { value: unknown; path: FieldPath }[] = [{ value: source.data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = stringProblem(value, path);
      if (problem) problems.push({ location: source.locate(path), ...problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        const keyPath = [...path, key];
        const problem = stringProblem(key, path, true);
        if (problem) problems.push({ location: source.locate(keyPath), ...problem });
        stack.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
      }
    }
  }
  return problems;
}

type StringProblem = Omit<Problem, "location">;

/** The first rule `text` at `path` breaks; `isKey` when it is a map key under `path`. */
export function stringProblem(
  text: string,
  path: FieldPath,
  isKey = false,
): StringProblem | undefined {
  const field = path[path.length - 1];
  const multiLine = !isKey && typeof field === "string" && MULTI_LINE_FIELDS.has(field);
  const control = (multiLine ? CONTROL_EXCEPT_NEWLINE_AND_TAB : CONTROL).exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).padStart(4, "0").toUpperCase();
    return {
      message: `${isKey ? "key" : "text"} holds the control character U+${code}`,
      received: describeValue(text),
      allowed: multiLine
        ? "printable text, newlines and tabs"
        : "printable text on one line (newlines and tabs only in userData)",
      hint: "remove the control character",
    };
  }
  if (!multiLine && text.length > MAX_STRING_LENGTH) {
    return {
      message: `out of range: must be at most ${MAX_STRING_LENGTH} characters`,
      received: `${text.length} characters`,
      allowed: `at most ${MAX_STRING_LENGTH} characters (OpenStack's limit for names and descriptions)`,
      hint: "shorten it",
    };
  }
  const marker = tokenMarker(text);
  if (marker) {
    return {
      message: `${isKey ? "key" : "text"} holds "${marker}", which CDK for Terraform would read as a token`,
      received: describeValue(text),
      allowed: "text without cdktf token markers",
      hint: "remove the marker text",
    };
  }
  if (!isKey && isNoExpressionField(path) && (text.includes("${") || text.includes("%{"))) {
    return {
      message:
        'holds "${" or "%{", and Terraform allows no expressions here (provider and backend settings)',
      received: describeValue(text),
      allowed: 'literal text without "${" or "%{"',
      hint: "write the value itself; credentials and settings that vary belong in clouds.yaml or the environment",
    };
  }
  return undefined;
}

function tokenMarker(text: string): string | undefined {
  const marker = TOKEN_MARKERS.find((m) => text.includes(m));
  if (marker) return marker;
  for (const match of text.matchAll(NUMBER_TOKEN_TEXT)) {
    if (isNumberToken(parseFloat(match[0]))) return match[0];
  }
  return undefined;
}

/** Whether `value` has the bit pattern of a cdktf number token (see createTokenDouble). */
function isNumberToken(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const bits = new Uint32Array(new Float64Array([value]).buffer);
  // Little- or big-endian, the high word holds the marker.
  const high = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? bits[1]! : bits[0]!;
  return NUMBER_TOKEN_MARKER_BITS.includes(high >>> 16);
}

function isNoExpressionField(path: FieldPath): boolean {
  return NO_EXPRESSION_FIELDS.some((pattern) => matches(pattern, path));
}

function matches(pattern: readonly string[], path: FieldPath): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "**") return path.length >= i;
    if (i >= path.length) return false;
    if (pattern[i] !== "*" && pattern[i] !== path[i]) return false;
  }
  return pattern.length === path.length;
}
