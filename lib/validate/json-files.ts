/**
 * Reading Terraform JSON that tamna did not write: only regular files, of a bounded size, UTF-8,
 * parsed as strict JSON; every refusal is a TamnaError at the file (and line and column), never
 * a crash. The same ideas as the spec reader (lib/spec/load.ts), for JSON and a larger cap.
 */
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseLocated, printParseErrorCode, type ParseError } from "jsonc-parser";
import { TamnaError, type Problem } from "../errors";

/**
 * The largest file read, in bytes (32 MiB). A stack of the example is well under 1 MiB; a
 * bigger file is not a configuration someone reviews (or it is /dev/zero).
 */
export const MAX_JSON_FILE_BYTES = 32 * 1024 * 1024;

/** A parsed Terraform JSON file. */
export interface JsonFile {
  /** As shown in messages: relative to the working directory when inside it. */
  readonly file: string;
  readonly text: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/** Reads and parses one Terraform JSON file; its top level must be an object. */
export function readJsonFile(file: string): JsonFile {
  const shown = displayPath(file);
  const text = decode(shown, readBounded(file, shown));
  const json = parseJson(shown, text);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new TamnaError({
      location: { file: shown, line: 1, column: 1 },
      message: "a Terraform JSON file holds one object at its top level",
      received: Array.isArray(json) ? "an array" : json === null ? "null" : typeof json,
      allowed: '{ "resource": ..., "provider": ..., ... }',
    });
  }
  return { file: shown, text, json: json as Record<string, unknown> };
}

/** JSON.parse, and on failure the first syntax error with its line and column. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // jsonc-parser only locates the error; values come from JSON.parse, which keeps a
    // `__proto__` key as a plain key.
    const errors: ParseError[] = [];
    parseLocated(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const offset = first?.offset ?? positionIn(error) ?? text.length;
    throw new TamnaError({
      location: { file, ...lineAndColumn(text, offset) },
      message: `invalid JSON: ${first ? describeParseError(first) : (error as Error).message}`,
      hint: 'Terraform JSON is strict JSON: double-quoted keys, no comments (use a "//" key), no trailing commas',
    });
  }
}

function describeParseError(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words;
}

function positionIn(error: unknown): number | undefined {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : "");
  return match ? Number(match[1]) : undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/**
 * The bytes of a regular file of at most MAX_JSON_FILE_BYTES. Opened without blocking (a FIFO
 * would block open(2)) and checked through its descriptor; at most the cap plus one chunk is read.
 */
function readBounded(file: string, shown: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new TamnaError(openProblem(shown, error));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new TamnaError({
        location: { file: shown },
        message: `not a regular file: it is ${kindOf(stat)}`,
        hint: "a *.tf.json must be a plain JSON file; move it or rename it",
      });
    }
    const tooBig = () =>
      new TamnaError({
        location: { file: shown },
        message: `file is larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB`,
        received: stat.size > MAX_JSON_FILE_BYTES ? `${stat.size} bytes` : "more bytes than that",
        allowed: `at most ${MAX_JSON_FILE_BYTES} bytes`,
        hint: "check that it is the right file; split a configuration across several *.tf.json",
      });
    if (stat.size > MAX_JSON_FILE_BYTES) throw tooBig();
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      let read: number;
      try {
        read = fs.readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw new TamnaError({
          location: { file: shown },
          message: `cannot read the file: ${errorCode(error)}`,
        });
      }
      if (read === 0) break;
      length += read;
      if (length > MAX_JSON_FILE_BYTES) throw tooBig();
      chunks.push(Buffer.from(chunk.subarray(0, read)));
    }
    return Buffer.concat(chunks, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** UTF-8 text, a byte order mark dropped; anything else refused at its line. */
function decode(file: string, bytes: Buffer): string {
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    let line = 1;
    let start = 0;
    for (;;) {
      const newline = body.indexOf(0x0a, start);
      const end = newline < 0 ? body.length : newline;
      if (!isUtf8(body.subarray(start, end)) || newline < 0) break;
      line++;
      start = end + 1;
    }
    throw new TamnaError({
      location: { file, line },
      message: "invalid UTF-8",
      allowed: "UTF-8 text (JSON)",
      hint: "save the file as UTF-8",
    });
  }
  return body.toString("utf8");
}

function openProblem(file: string, error: unknown): Problem {
  const code = errorCode(error);
  return {
    location: { file },
    message:
      code === "ENXIO"
        ? "not a regular file: it is a socket"
        : code === "ENOENT"
          ? "cannot open the file: it does not exist (a dangling link?)"
          : `cannot open the file: ${code}`,
    hint: code === "EACCES" ? "make it readable by the user running tamna" : undefined,
  };
}

export function kindOf(stat: fs.Stats): string {
  if (stat.isFile()) return "a file";
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a file";
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : String(error);
}

/** A path as messages show it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join("/");
}
