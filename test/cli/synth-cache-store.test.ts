/**
 * The synth cache's store (cli/synth-cache/store.ts) and location (cli/synth-cache/location.ts):
 * entries round-trip, unsound ones are dropped, the size stays bounded, and the directory is
 * found as documented.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { synthCacheDir } from "../../cli/synth-cache/location";
import { type CachedStack, SynthCache } from "../../cli/synth-cache/store";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-cache-store-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
const fresh = (label: string) => {
  const dir = path.join(scratch, `${label}-${dirs++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const keyOf = (n: number) => n.toString(16).padStart(64, "0");
/** Where the store keeps the entry of `key` (keys here all start with 00). */
const entryFile = (cache: SynthCache, key: string) => path.join(cache.dir, "entries", "00", key);
const stored = (cache: SynthCache, n: number) => fs.existsSync(entryFile(cache, keyOf(n)));
const stack = (name: string): CachedStack => ({
  manifest: {
    name,
    constructPath: name,
    workingDirectory: `stacks/${name}`,
    synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
    annotations: [],
    dependencies: [],
    stackMetadataPath: `stacks/${name}/metadata.json`,
  },
  resources: 3,
  dataSources: 1,
});

/** A stack directory holding `content` as cdk.tf.json and a nested file. */
function stackDir(content: string): string {
  const dir = fresh("stack");
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), content);
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets", "a.txt"), "asset");
  return dir;
}

describe("the synth cache store", () => {
  describe("GIVEN a stored stack", () => {
    const cache = new SynthCache(fresh("cache"));
    cache.store(keyOf(1), stackDir('{"a":1}'), stack("s1"));

    it("THEN restoring it writes the same files and returns its manifest entry and counts", () => {
      const target = path.join(fresh("out"), "s1");
      expect(cache.restore(keyOf(1), target)).toEqual(stack("s1"));
      expect(fs.readFileSync(path.join(target, "cdk.tf.json"), "utf8")).toBe('{"a":1}');
      expect(fs.readFileSync(path.join(target, "assets", "a.txt"), "utf8")).toBe("asset");
    });

    it("THEN another key misses and writes nothing", () => {
      const target = path.join(fresh("out"), "s2");
      expect(cache.restore(keyOf(2), target)).toBeUndefined();
      expect(fs.existsSync(target)).toBe(false);
    });

    it("WHEN an entry is copied under another key THEN it is not served there, and removed", () => {
      cache.store(keyOf(3), stackDir("{}"), stack("s3"));
      fs.copyFileSync(entryFile(cache, keyOf(3)), entryFile(cache, keyOf(4)));
      expect(cache.restore(keyOf(4), path.join(fresh("out"), "s4"))).toBeUndefined();
      expect(stored(cache, 4)).toBe(false);
      expect(cache.restore(keyOf(3), path.join(fresh("out"), "s3"))).toEqual(stack("s3"));
    });

    it.each([
      ["cut short", (bytes: Buffer) => bytes.subarray(0, bytes.length - 1)],
      ["with a byte changed", (bytes: Buffer) => Buffer.from(bytes.toString().replace("1", "2"))],
      ["with a byte appended", (bytes: Buffer) => Buffer.concat([bytes, Buffer.from(" ")])],
      ["emptied", () => Buffer.alloc(0)],
    ])("WHEN the entry is %s THEN it is not served, writes nothing, and is removed", (_, spoil) => {
      cache.store(keyOf(5), stackDir('{"a":1}'), stack("s5"));
      const file = entryFile(cache, keyOf(5));
      fs.writeFileSync(file, spoil(fs.readFileSync(file)));
      const target = path.join(fresh("out"), "s5");
      expect(cache.restore(keyOf(5), target)).toBeUndefined();
      expect(fs.existsSync(target)).toBe(false);
      expect(stored(cache, 5)).toBe(false);
    });

    it("THEN a key that is not a sha256 is refused", () => {
      expect(() => cache.restore("../../etc", fresh("out"))).toThrow(/not a synth cache key/);
    });
  });

  describe("GIVEN limits of 2 entries", () => {
    it("WHEN a third is stored THEN the least recently used one is pruned", () => {
      const cache = new SynthCache(fresh("cache"), { maxEntries: 2, maxBytes: 1024 ** 3 });
      const old = new Date(Date.now() - 60_000);
      for (const n of [1, 2]) {
        cache.store(keyOf(n), stackDir(`{"n":${n}}`), stack(`s${n}`));
        fs.utimesSync(entryFile(cache, keyOf(n)), old, old);
      }
      // Using entry 1 makes entry 2 the least recently used.
      expect(cache.restore(keyOf(1), path.join(fresh("out"), "s1"))).toBeDefined();
      cache.store(keyOf(3), stackDir('{"n":3}'), stack("s3"));
      cache.prune();
      expect([1, 2, 3].map((n) => stored(cache, n))).toEqual([true, false, true]);
    });

    it("WHEN entries exceed the byte limit THEN the oldest go until they fit", () => {
      const cache = new SynthCache(fresh("cache"), { maxEntries: 100, maxBytes: 25_000 });
      const big = "x".repeat(10_000);
      for (const n of [1, 2, 3, 4]) {
        cache.store(keyOf(n), stackDir(big), stack(`s${n}`));
        const at = new Date(Date.now() - (10 - n) * 1000);
        fs.utimesSync(entryFile(cache, keyOf(n)), at, at);
      }
      cache.prune();
      // Each entry is its 10,000-byte file, its asset and an index of well under 2,000 bytes.
      expect([1, 2, 3, 4].filter((n) => stored(cache, n))).toEqual([3, 4]);
    });
  });
});

describe("the synth cache location", () => {
  const root = fresh("project");
  const below = path.join(root, "regions", "jeju");
  fs.mkdirSync(below, { recursive: true });
  fs.writeFileSync(path.join(root, "package.json"), "{}");

  it("GIVEN --no-cache THEN there is none", () => {
    expect(synthCacheDir({ cache: false, cacheDir: "x" }, below, {})).toBeUndefined();
  });

  it("GIVEN --cache-dir THEN it wins over TAMNA_CACHE_DIR", () => {
    expect(synthCacheDir({ cacheDir: "c" }, below, { TAMNA_CACHE_DIR: "/e" })).toBe(
      path.join(below, "c"),
    );
  });

  it("GIVEN TAMNA_CACHE_DIR THEN it is the cache directory", () => {
    expect(synthCacheDir({}, below, { TAMNA_CACHE_DIR: "e" })).toBe(path.join(below, "e"));
  });

  it("GIVEN neither THEN node_modules/.cache/tamna/synth of the nearest package.json's directory", () => {
    expect(synthCacheDir({}, below, {})).toBe(
      path.join(root, "node_modules", ".cache", "tamna", "synth"),
    );
  });
});
