import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new TamnaError(
      doc.errors.map((error) => {
        const start = lineCounter.linePos(error.pos[0]);
        return {
          location: { file, line: start.line, column: start.col },
          message: `invalid YAML: ${firstLine(error.message)}`,
          hint: "correct the YAML syntax (indentation, quoting, duplicate keys) at that line",
        };
      }),
    );
  }

  const locateOffset = (path: FieldPath): number | undefined => {
    let node: unknown = doc.contents;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
        );
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

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
