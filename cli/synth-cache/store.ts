import { createHash } from "node:crypto";
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

/** What an entry's index records: the key it was stored under, and its files with their hashes. */
interface EntryIndex extends CachedStack {
  readonly format: 1;
  readonly key: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

const INDEX = "entry.json";
const FILES = "files";

/**
 * A content-addressed store of synthesized stack directories: `entries/<ab>/<key>/` holds the
 * stack's files and an index of their sha256 hashes, itself prefixed by its own hash. Entries
 * are written into `tmp/` and renamed into place, so a reader never sees half of one; a reader
 * checks every hash, and an entry that fails (truncated, edited, corrupted) is removed and
 * reported as a miss, never served.
 */
export class SynthCache {
  private stored = false;

  constructor(
    readonly dir: string,
    private readonly limits: CacheLimits = DEFAULT_LIMITS,
  ) {}

  /** Whether an entry exists for `key` (not yet whether it is sound: restore checks). */
  has(key: string): boolean {
    return fs.existsSync(path.join(this.entryDir(key), INDEX));
  }

  /**
   * Writes the files of the entry for `key` into `stackDir` and returns what else it holds;
   * undefined, having removed the entry, when it is missing or fails its hashes.
   */
  restore(key: string, stackDir: string): CachedStack | undefined {
    const entry = this.entryDir(key);
    const verified = readVerified(entry, key);
    if (verified === undefined) {
      // Unsound: out of the way, so that this run stores a sound one.
      quietly(() => fs.rmSync(entry, { recursive: true, force: true }));
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
    quietly(() => fs.utimesSync(path.join(entry, INDEX), now, now));
    const { manifest, resources, dataSources } = verified.index;
    return { manifest, resources, dataSources };
  }

  /** Stores the files of `stackDir` under `key`, unless an entry is there already. */
  store(key: string, stackDir: string, stack: CachedStack): void {
    const final = this.entryDir(key);
    if (fs.existsSync(final)) return;
    const tmp = path.join(this.dir, "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const staging = fs.mkdtempSync(path.join(tmp, `${key.slice(0, 12)}-`));
    try {
      const files = listFiles(stackDir).map((file) => {
        const content = fs.readFileSync(path.join(stackDir, file));
        const target = path.join(staging, FILES, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
        return { path: file, sha256: sha256(content) };
      });
      const index: EntryIndex = { format: 1, key, ...stack, files };
      const body = JSON.stringify(index);
      fs.writeFileSync(path.join(staging, INDEX), `${sha256(Buffer.from(body))}\n${body}`);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      fs.renameSync(staging, final);
      this.stored = true;
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      // Another run stored the same entry first: theirs is as good as ours.
      if (fs.existsSync(path.join(final, INDEX))) return;
      throw error;
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
      if (fs.statSync(leftover).mtimeMs < hourAgo) {
        fs.rmSync(leftover, { recursive: true, force: true });
      }
    }
    const entries = this.entries().sort((a, b) => b.used - a.used);
    let count = 0;
    let bytes = 0;
    for (const entry of entries) {
      count++;
      bytes += entry.bytes;
      if (count > this.limits.maxEntries || bytes > this.limits.maxBytes) {
        fs.rmSync(entry.dir, { recursive: true, force: true });
      }
    }
  }

  private entries(): { dir: string; used: number; bytes: number }[] {
    const root = path.join(this.dir, "entries");
    if (!fs.existsSync(root)) return [];
    return fs.readdirSync(root).flatMap((prefix) =>
      fs.readdirSync(path.join(root, prefix)).map((key) => {
        const dir = path.join(root, prefix, key);
        const index = path.join(dir, INDEX);
        const used = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
        const bytes = listFiles(dir).reduce(
          (sum, file) => sum + fs.statSync(path.join(dir, file)).size,
          0,
        );
        return { dir, used, bytes };
      }),
    );
  }

  private entryDir(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a synth cache key: ${key}`);
    return path.join(this.dir, "entries", key.slice(0, 2), key);
  }
}

/** The index and file contents of the entry in `dir`, if every hash holds; else undefined. */
function readVerified(
  dir: string,
  key: string,
): { index: EntryIndex; files: [string, Buffer][] } | undefined {
  try {
    const text = fs.readFileSync(path.join(dir, INDEX), "utf8");
    const newline = text.indexOf("\n");
    const body = text.slice(newline + 1);
    if (newline !== 64 || text.slice(0, 64) !== sha256(Buffer.from(body))) return undefined;
    const index = JSON.parse(body) as EntryIndex;
    if (index.format !== 1 || index.key !== key || index.files.length === 0) return undefined;
    const files: [string, Buffer][] = [];
    for (const file of index.files) {
      if (path.isAbsolute(file.path) || file.path.split("/").includes("..")) return undefined;
      const content = fs.readFileSync(path.join(dir, FILES, file.path));
      if (sha256(content) !== file.sha256) return undefined;
      files.push([file.path, content]);
    }
    return { index, files };
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
