import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackManifestEntry } from "../../stacks/app";

/** What a cached stack restores besides its files. */
export interface CachedStack {
  /** Its manifest.json entry. */
  readonly manifest: StackManifestEntry;
  readonly resources: number;
  readonly dataSources: number;
}

export interface CacheLimits {
  /** @default 20,000 */
  readonly maxEntries: number;
  /** @default 2 GiB */
  readonly maxBytes: number;
}

/** Past either limit, the least recently used entries go. */
export const DEFAULT_LIMITS: CacheLimits = { maxEntries: 20_000, maxBytes: 2 * 1024 ** 3 };

/** The head of an entry: the key it was stored under, and the files that follow it, in order. */
interface EntryIndex extends CachedStack {
  readonly format: 1;
  readonly key: string;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

/**
 * A content-addressed store of synthesized stack directories, one file per stack:
 * `entries/<ab>/<key>` holds the sha256 of what follows, a line of JSON (the index: key, manifest
 * entry, counts, file names and sizes) and the files' bytes. One file per entry keeps a read to
 * one open and pruning to one stat per entry. Entries are written into `tmp/` and renamed into
 * place, so a reader never sees half of one; a reader checks the hash, and an entry that fails
 * it (truncated, edited, corrupted) is removed and reported as a miss, never served.
 */
export class SynthCache {
  private stored = false;

  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Writes the files of the entry for `key` into `stackDir` and returns what else it holds;
   * undefined, having removed the entry, when it is missing or fails its hash.
   */
  restore(key: string, stackDir: string): CachedStack | undefined {
    const entry = this.entryFile(key);
    if (!fs.existsSync(entry)) return undefined;
    const verified = readVerified(entry, key);
    if (verified === undefined) {
      // Unsound: out of the way, so that this run stores a sound one.
      quietly(() => fs.rmSync(entry, { force: true }));
      return undefined;
    }
    fs.mkdirSync(stackDir, { recursive: true });
    for (const [file, content] of verified.files) {
      const target = path.join(stackDir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    // Recently used: pruning removes the entries used longest ago.
    const now = new Date();
    quietly(() => fs.utimesSync(entry, now, now));
    const { manifest, resources, dataSources } = verified.index;
    return { manifest, resources, dataSources };
  }

  /** Stores the files of `stackDir` under `key`, in place of any entry there. */
  store(key: string, stackDir: string, stack: CachedStack): void {
    const names = listFiles(stackDir);
    const contents = names.map((file) => fs.readFileSync(path.join(stackDir, file)));
    const index: EntryIndex = {
      format: 1,
      key,
      ...stack,
      files: names.map((file, i) => ({ path: file, size: contents[i]!.length })),
    };
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), ...contents]);
    const tmp = path.join(this.dir, "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const staging = path.join(tmp, `${key.slice(0, 16)}-${randomUUID()}`);
    try {
      fs.writeFileSync(staging, Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]));
      const final = this.entryFile(key);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(staging, final);
      this.stored = true;
    } finally {
      fs.rmSync(staging, { force: true });
    }
  }

  /**
   * Once a run has stored entries: removes the least recently used ones beyond the limits, and
   * leftovers of runs that stopped halfway through a store (in tmp/, over an hour old).
   */
  prune(): void {
    if (!this.stored) return;
    const hourAgo = Date.now() - 3_600_000;
    const tmp = path.join(this.dir, "tmp");
    for (const name of fs.existsSync(tmp) ? fs.readdirSync(tmp) : []) {
      const leftover = path.join(tmp, name);
      quietly(() => {
        if (fs.statSync(leftover).mtimeMs < hourAgo) fs.rmSync(leftover, { force: true });
      });
    }
    const root = path.join(this.dir, "entries");
    const entries = (fs.existsSync(root) ? fs.readdirSync(root) : [])
      .flatMap((prefix) =>
        fs.readdirSync(path.join(root, prefix)).map((key) => path.join(root, prefix, key)),
      )
      .map((file) => ({ file, stat: fs.statSync(file) }))
      .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
    let bytes = 0;
    entries.forEach(({ file, stat }, count) => {
      bytes += stat.size;
      if (count >= this.limits.maxEntries || bytes > this.limits.maxBytes) {
        quietly(() => fs.rmSync(file, { force: true }));
      }
    });
  }

  private entryFile(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a synth cache key: ${key}`);
    return path.join(this.dir, "entries", key.slice(0, 2), key);
  }
}

/** The index and files of the entry in `file`, if its hash holds and it is `key`'s. */
function readVerified(
  file: string,
  key: string,
): { index: EntryIndex; files: [string, Buffer][] } | undefined {
  try {
    const content = fs.readFileSync(file);
    const body = content.subarray(65);
    if (content[64] !== 0x0a || content.subarray(0, 64).toString("latin1") !== sha256(body)) {
      return undefined;
    }
    const newline = body.indexOf(0x0a);
    const index = JSON.parse(body.subarray(0, newline).toString("utf8")) as EntryIndex;
    if (index.format !== 1 || index.key !== key || index.files.length === 0) return undefined;
    const files: [string, Buffer][] = [];
    let at = newline + 1;
    for (const { path: name, size } of index.files) {
      if (path.isAbsolute(name) || name.split("/").includes("..")) return undefined;
      files.push([name, body.subarray(at, at + size)]);
      at += size;
    }
    return at === body.length ? { index, files } : undefined;
  } catch {
    return undefined;
  }
}

/** Files below `dir`, by sorted relative POSIX path. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** A cache that cannot be tidied (read-only, say) still serves. */
function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing to do: the entry is served or missed all the same.
  }
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
