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
