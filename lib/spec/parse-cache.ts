/**
 * Parsing YAML with source positions is most of what loading a large region costs, and
 * selecting one agency still loads every agency file (the cross-file checks need them all). A
 * parse cache keeps the data of files that loaded cleanly, by a hash of their text: a file
 * whose text is unchanged is not parsed again, and the positions are computed only when a
 * problem needs locating (the text is parsed then, exactly as it would have been).
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { parseYaml, type FieldPath, type YamlSource } from "./yaml-source";

/** Parsed data by key; the caller decides where it lives (memory, a file). */
export interface ParseCache {
  /** The data stored under `key`, as a fresh copy, or undefined. */
  get(key: string): unknown;
  /** Stores a copy of `data` (taken now) under `key`. */
  set(key: string, data: unknown): void;
  /**
   * The identity of the code that validates specs (a hash of every compiled file, as the synth
   * cache keys stacks with). When given, the validated spec of a clean file is kept as well, so
   * an unchanged file is neither parsed nor validated again; a change to the code misses.
   * @default - only parses are kept
   */
  readonly codeIdentity?: string;
}

/**
 * Bumped when what parseYaml makes of a text changes (its options, its data model); the yaml
 * package's version is part of the key as well, so an upgrade never reads an older parse.
 */
const PARSE_FORMAT = "tamna-yaml-parse-1";

const YAML_VERSION = (createRequire(__filename)("yaml/package.json") as { version: string })
  .version;

/** The key of a text: its sha256 with the parser's identity. */
export function parseKey(text: string): string {
  return createHash("sha256")
    .update(`${PARSE_FORMAT}\0${YAML_VERSION}\0`)
    .update(text)
    .digest("hex");
}

const ZOD_VERSION = (createRequire(__filename)("zod/package.json") as { version: string }).version;

/**
 * The key of a text's validated spec: `schema` names the file's kind (region, agency, ...),
 * `codeIdentity` the validating code; zod's version is part of it too.
 */
export function specKey(text: string, schema: string, codeIdentity: string): string {
  return createHash("sha256")
    .update(`spec\0${schema}\0${codeIdentity}\0${ZOD_VERSION}\0${parseKey(text)}`)
    .digest("hex");
}

/**
 * The key of the checks of one file against another (an agency against the region): both
 * files' spec keys, so a change to either text or to the code misses.
 */
export function pairKey(check: string, first: string, second: string): string {
  return createHash("sha256").update(`pair\0${check}\0${first}\0${second}`).digest("hex");
}

/** A source of a file whose spec came from the cache: data and positions are parsed on demand. */
export function lazySource(file: string, text: string): YamlSource {
  let parsed: YamlSource | undefined;
  const parse = () => (parsed ??= parseYaml(file, text));
  return {
    file,
    get data() {
      return parse().data;
    },
    locate: (path: FieldPath) => parse().locate(path),
  };
}

/**
 * A source whose data came from the cache: `locate` parses the text with positions the first
 * time it is called (the text parsed cleanly before, so it does again).
 */
export function cachedSource(file: string, text: string, data: unknown): YamlSource {
  let parsed: YamlSource | undefined;
  return {
    file,
    data,
    locate(path: FieldPath) {
      parsed ??= parseYaml(file, text);
      return parsed.locate(path);
    },
  };
}
