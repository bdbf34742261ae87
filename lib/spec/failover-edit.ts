/**
 * Sets or removes `activeSite` in an agency file, at the agency level or in one system, keeping
 * every other byte of the file: comments, blank lines, quoting and flow collections as written.
 *
 * The yaml Document API finds the nodes and says what the result must mean (setIn / deleteIn on
 * a copy of the document); the change itself is spliced into the text, because re-rendering the
 * document with toString() rewrites flow collections (`[a, b]` becomes `[ a, b ]`). The edited
 * text is parsed again and must mean exactly what setIn / deleteIn say, or nothing is returned.
 */
import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";
import { TamnaError } from "../errors";
import { AgencySpec } from "./agency";
import { checkAgencies } from "./checks";
import { parseSpec, type RegionInput, type Sourced } from "./load";
import { sortProblems } from "./validate";
import { formatPath, parseYaml } from "./yaml-source";

const KEY = "activeSite";

export interface ActiveSiteEdit {
  /** The system whose activeSite changes. @default - the agency's own activeSite */
  readonly system?: string;
  /** The new active site; undefined removes the key, so that the default applies again. */
  readonly site: string | undefined;
}

export interface EditedText {
  readonly text: string;
  readonly change: "added" | "changed" | "removed" | "unchanged";
  /** 1-based line of the added or changed key, or where the removed one was. */
  readonly line?: number;
  /** Field path of the key, e.g. `systems[0].activeSite`. */
  readonly path: readonly (string | number)[];
}

/** Edits `text`, the content of agency file `file` (named in errors only). */
export function editActiveSite(file: string, text: string, edit: ActiveSiteEdit): EditedText {
  parseYaml(file, text); // located errors for text that is not YAML at all
  const doc = parseDocument(text);
  const { map, path } = targetMap(file, doc.contents, edit.system);
  const cannot = (why: string): TamnaError =>
    new TamnaError({
      location: { file, line: lineAt(text, map.range?.[0] ?? 0), path: formatPath(path) },
      message: `cannot set ${KEY} without reformatting the file: ${why}`,
      hint: `edit ${KEY} by hand${edit.site ? ` (${KEY}: ${edit.site})` : ""}`,
    });
  if (map.flow) throw cannot("the mapping is written in flow style ({ ... })");

  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === KEY);
  let edited: string;
  let change: EditedText["change"];
  let offset: number;
  if (edit.site !== undefined && pair) {
    const value = pair.value;
    if (!isScalar(value) || !value.range) throw cannot(`${KEY} is not a plain value`);
    if (value.value === edit.site) return { text, change: "unchanged", path: [...path, KEY] };
    [offset] = value.range;
    edited = text.slice(0, offset) + edit.site + text.slice(value.range[1]);
    change = "changed";
  } else if (edit.site !== undefined) {
    const atRoot = path.length === 0;
    offset = insertionPoint(text, map, atRoot ? ["systems"] : ["containers", "workloads"], atRoot);
    if (offset < 0) throw cannot("no line to put it on");
    // The file's own line ending; at the end of a file without one, the key starts a new line.
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const before = offset > 0 && text[offset - 1] !== "\n" ? eol : "";
    const line = `${before}${" ".repeat(indentation(text, map))}${KEY}: ${edit.site}${eol}`;
    edited = text.slice(0, offset) + line + text.slice(offset);
    offset += before.length;
    change = "added";
  } else if (pair) {
    const lines = pairLines(text, pair);
    if (!lines) throw cannot(`${KEY} shares its line with another key`);
    [offset] = lines;
    edited = text.slice(0, lines[0]) + text.slice(lines[1]);
    change = "removed";
  } else {
    return { text, change: "unchanged", path: [...path, KEY] };
  }

  // The edit must mean exactly what the Document API says it means.
  const expected = doc.clone();
  if (edit.site !== undefined) expected.setIn([...path, KEY], edit.site);
  else expected.deleteIn([...path, KEY]);
  const reparsed = parseDocument(edited);
  if (reparsed.errors.length > 0 || !isDeepStrictEqual(reparsed.toJS(), expected.toJS())) {
    throw cannot("the edited text would mean something else");
  }
  return { text: edited, change, line: lineAt(edited, offset), path: [...path, KEY] };
}

/**
 * The region input with one agency file's text replaced, validated as loadRegionDir validates it:
 * the agency schema, then the cross-file checks of agencies. The other files are unchanged and
 * already valid, so their own checks need not run again.
 */
export function inputWithAgencyText(
  input: RegionInput,
  agency: Sourced<AgencySpec>,
  text: string,
): RegionInput {
  const edited = parseSpec(agency.source.file, text, AgencySpec);
  const agencies = input.agencies.map((each) => (each === agency ? edited : each));
  const problems = checkAgencies(input.region, agencies);
  if (problems.length > 0) throw new TamnaError(sortProblems(problems));
  return { region: input.region, agencies };
}

function targetMap(
  file: string,
  root: unknown,
  system: string | undefined,
): { map: YAMLMap; path: (string | number)[] } {
  if (!isMap(root)) {
    throw new TamnaError({ location: { file }, message: "the agency file is not a mapping" });
  }
  if (system === undefined) return { map: root, path: [] };
  const systems = root.get("systems", true);
  const index = isSeq(systems)
    ? systems.items.findIndex((item) => isMap(item) && item.get("name") === system)
    : -1;
  if (!isSeq(systems) || index < 0) {
    throw new TamnaError({
      location: { file, path: "systems" },
      message: `no system named "${system}"`,
      received: system,
    });
  }
  return { map: systems.items[index] as YAMLMap, path: ["systems", index] };
}

/**
 * Where a new key goes: on its own line before the first of `before` that starts its line (above
 * the comment lines that belong to it), else at the end of the file for the top-level mapping.
 */
function insertionPoint(
  text: string,
  map: YAMLMap,
  before: readonly string[],
  atRoot: boolean,
): number {
  const anchor = map.items.find(
    (item) => isScalar(item.key) && before.includes(String(item.key.value)),
  );
  const keyOffset = anchor && isScalar(anchor.key) ? anchor.key.range?.[0] : undefined;
  if (keyOffset !== undefined) {
    let start = lineStart(text, keyOffset);
    if (text.slice(start, keyOffset).trim() !== "") return -1;
    const indent = keyOffset - start;
    // Comment lines right above the key, at its indentation, introduce it: stay above them.
    while (start > 0) {
      const previous = lineStart(text, start - 1);
      const line = text.slice(previous, start - 1);
      if (!/^\s*#/.test(line) || line.length - line.trimStart().length !== indent) break;
      start = previous;
    }
    return start;
  }
  return atRoot ? text.length : -1;
}

function indentation(text: string, map: YAMLMap): number {
  const first = map.items[0]?.key;
  const offset = isScalar(first) ? first.range?.[0] : undefined;
  return offset === undefined ? 0 : offset - lineStart(text, offset);
}

/** The [start, end) of the whole lines a pair occupies, when it has them to itself. */
function pairLines(text: string, pair: Pair): [number, number] | undefined {
  const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  const valueEnd = isScalar(pair.value) ? pair.value.range?.[1] : undefined;
  if (keyOffset === undefined || valueEnd === undefined) return undefined;
  const start = lineStart(text, keyOffset);
  if (text.slice(start, keyOffset).trim() !== "") return undefined;
  const newline = text.indexOf("\n", valueEnd);
  const end = newline < 0 ? text.length : newline + 1;
  const rest = text.slice(valueEnd, end).trim();
  if (rest !== "" && !rest.startsWith("#")) return undefined;
  return [start, end];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}
