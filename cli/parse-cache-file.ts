import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import type { ParseCache } from "../lib/spec/parse-cache";

/** The file, in the synth cache directory, that holds the parses of the last run. */
export const PARSE_CACHE_FILE = "yaml-parses.v8";

/**
 * lib/spec's parse cache kept in one file: the sha256 of the body, a newline, then the body,
 * a v8-serialized map from key to the v8-serialized data (v8's format keeps what JSON would
 * not: shared anchors, -0, infinities). One file, so a run reads it with one open. A missing,
 * unreadable or corrupt file is an empty cache; saving keeps only the entries this run used,
 * so the file holds one region's worth at most.
 */
export class ParseCacheFile implements ParseCache {
  private readonly read: Map<string, Buffer>;
  private readonly used = new Map<string, Buffer>();
  private changed = false;

  constructor(
    readonly file: string,
    readonly codeIdentity?: string,
  ) {
    this.read = readEntries(file);
  }

  get(key: string): unknown {
    const entry = this.read.get(key) ?? this.used.get(key);
    if (entry === undefined) return undefined;
    this.used.set(key, entry);
    return v8.deserialize(entry);
  }

  set(key: string, data: unknown): void {
    this.used.set(key, v8.serialize(data));
    this.changed = true;
  }

  /** Writes the entries this run used, when they differ from the file's; never throws. */
  save(): void {
    if (!this.changed && this.used.size === this.read.size) return;
    try {
      const body = v8.serialize(this.used);
      const sum = createHash("sha256").update(body).digest("hex");
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${sum}\n`), body]));
      fs.renameSync(tmp, this.file);
    } catch {
      // A cache that cannot be written costs the next run a parse, nothing else.
    }
  }
}

function readEntries(file: string): Map<string, Buffer> {
  try {
    const content = fs.readFileSync(file);
    const newline = content.indexOf(10);
    const body = content.subarray(newline + 1);
    const sum = createHash("sha256").update(body).digest("hex");
    if (newline !== 64 || content.subarray(0, 64).toString("latin1") !== sum) return new Map();
    const entries: unknown = v8.deserialize(body);
    if (!(entries instanceof Map)) return new Map();
    return entries as Map<string, Buffer>;
  } catch {
    return new Map();
  }
}
