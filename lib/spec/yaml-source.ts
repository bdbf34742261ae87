import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import { TamnaError, type Location } from "../errors";

/** A field path inside a document: keys and list indexes. */
export type FieldPath = readonly PropertyKey[];

/**
 * A parsed YAML file that remembers where each value came from, so that any later stage can
 * report a problem with the file, line and field path of the value it concerns.
 */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Location of the value at `path`, or of its nearest existing ancestor. */
  locate(path: FieldPath): Location;
}

export function formatPath(path: FieldPath): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/** Parses YAML text; a syntax error becomes a TamnaError naming the file, line and column. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  // yaml's own uniqueKeys check compares each key with every key before it (quadratic in the
  // size of a mapping): duplicates are found below in one pass instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const errors = [
    ...doc.errors.map((error) => ({ offset: error.pos[0], message: firstLine(error.message) })),
    ...(doc.errors.length === 0 ? duplicateKeys(doc.contents) : []),
  ];
  if (errors.length > 0) {
    throw new TamnaError(
      errors.map((error) => {
        const start = lineCounter.linePos(error.offset);
        return {
          location: { file, line: start.line, column: start.col },
          message: `invalid YAML: ${error.message}`,
          hint: "correct the YAML syntax (indentation, quoting, duplicate keys) at that line",
        };
      }),
    );
  }

  // Each mapping's pairs by key, built when first asked, so that locating N keys of one
  // mapping takes N steps, not N squared.
  const pairsByKey = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: PropertyKey): Pair | undefined => {
    let index = pairsByKey.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && !index.has(item.key.value))
          index.set(item.key.value, item);
      }
      pairsByKey.set(map, index);
    }
    return index.get(key);
  };

  const locateOffset = (path: FieldPath): number | undefined => {
    let node: unknown = doc.contents;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = pairOf(node, key);
        if (!pair) break;
        offset = (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
        node = node.items[key];
        offset = (node as Node).range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return offset;
  };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws a ReferenceError for an unresolved alias or an alias bomb.
    throw new TamnaError({
      location: { file },
      message: `invalid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}`,
      hint: "define each anchor (&name) before its alias (*name), and do not nest aliases deeply",
    });
  }

  return {
    file,
    data,
    locate(path) {
      const offset = locateOffset(path);
      const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
      return {
        file,
        line: pos?.line,
        column: pos?.col,
        path: path.length > 0 ? formatPath(path) : undefined,
      };
    },
  };
}

/** Keys that appear twice in one mapping, at the second one: "a: 1" then "a: 2". */
function duplicateKeys(root: unknown): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (!isNode(node) || seen.has(node)) return;
    seen.add(node);
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (keys.has(key))
            found.push({
              offset: pair.key.range?.[0] ?? 0,
              message: `Map keys must be unique: "${key.length > 60 ? `${key.slice(0, 57)}...` : key}" is given twice`,
            });
          keys.add(key);
        }
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(root);
  return found;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
