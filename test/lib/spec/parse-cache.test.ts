import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegionDir } from "../../../lib/spec/load";
import { parseKey, type ParseCache } from "../../../lib/spec/parse-cache";
import { planRegion } from "../../../lib/plan/region-plan";
import { copyJeju, editFile, problemsOf } from "./helpers";

/** A parse cache in memory that counts what it was asked. */
function memoryCache(codeIdentity?: string) {
  const entries = new Map<string, unknown>();
  const counts = { hits: 0, misses: 0, stored: 0 };
  const cache: ParseCache = {
    ...(codeIdentity === undefined ? {} : { codeIdentity }),
    get(key) {
      const data = entries.get(key);
      if (data === undefined) counts.misses++;
      else counts.hits++;
      return data === undefined ? undefined : structuredClone(data);
    },
    set(key, data) {
      counts.stored++;
      entries.set(key, structuredClone(data));
    },
  };
  return { cache, entries, counts };
}

const CITY = "agencies/jeju-city.yaml";
const FIRE = "agencies/jeju-fire.yaml";

describe("the parse cache", () => {
  it("GIVEN a warm cache, THEN every file is a hit and the region and its plan are the same as parsed afresh", () => {
    const dir = copyJeju();
    const { cache, counts } = memoryCache();
    const fresh = loadRegionDir(dir);
    loadRegionDir(dir, { parseCache: cache });
    const storedCold = counts.stored;
    expect(storedCold).toBeGreaterThan(fresh.agencies.length);

    const warm = loadRegionDir(dir, { parseCache: cache });
    expect(counts.stored).toBe(storedCold);
    expect(counts.hits).toBe(storedCold);
    expect(warm.region.spec).toEqual(fresh.region.spec);
    expect(warm.agencies.map((agency) => agency.spec)).toEqual(
      fresh.agencies.map((agency) => agency.spec),
    );
    expect(JSON.stringify(planRegion(warm))).toBe(JSON.stringify(planRegion(fresh)));
    // Locations of cached files are computed on demand, and are the same.
    const at = ["systems", 0, "name"];
    expect(warm.agencies.map((agency) => agency.source.locate(at))).toEqual(
      fresh.agencies.map((agency) => agency.source.locate(at)),
    );
  });

  it("GIVEN a cross-file problem with a file whose parse is cached, THEN the problems are located exactly as without the cache", () => {
    const dir = copyJeju();
    const { cache } = memoryCache();
    loadRegionDir(dir, { parseCache: cache });
    // jeju-fire takes jeju-city's address block; jeju-city's text is unchanged, so cached.
    editFile(dir, FIRE, "addressBlock: { index: 4 }", "addressBlock: { index: 1 }");

    // The overlap is found when planning addresses, over every agency's facts.
    const withCache = problemsOf(() => planRegion(loadRegionDir(dir, { parseCache: cache })));
    const without = problemsOf(() => planRegion(loadRegionDir(dir)));
    expect(without.length).toBeGreaterThan(0);
    expect(withCache).toEqual(without);
    const text = JSON.stringify(withCache);
    expect(text).toContain(path.basename(FIRE));
    expect(text).toMatch(/jeju-city\.yaml:\d+/);
    expect(withCache.every((problem) => problem.location.line !== undefined)).toBe(true);
  });

  it("GIVEN a file that does not load, THEN its parse is not stored, and the next run locates its problem the same", () => {
    const dir = copyJeju();
    editFile(dir, CITY, "addressBlock: { index: 1 }", "addressBlock: { index: one }");
    const { cache, entries } = memoryCache();
    const first = problemsOf(() => loadRegionDir(dir, { parseCache: cache }));
    expect(first).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({
          file: expect.stringContaining("jeju-city.yaml"),
          line: expect.any(Number),
          path: "addressBlock.index",
        }),
      }),
    ]);
    const cityText = fs.readFileSync(path.join(dir, CITY), "utf8");
    expect(entries.has(parseKey(cityText))).toBe(false);
    expect(problemsOf(() => loadRegionDir(dir, { parseCache: cache }))).toEqual(first);
  });

  it("GIVEN a code identity, THEN validated specs are kept: the same specs (null prototypes too) and locations, and another identity misses", () => {
    const dir = copyJeju();
    const fresh = loadRegionDir(dir);
    const { cache, counts } = memoryCache("code-1");
    loadRegionDir(dir, { parseCache: cache });
    const warm = loadRegionDir(dir, { parseCache: cache });
    expect(warm.agencies.map((agency) => agency.spec)).toStrictEqual(
      fresh.agencies.map((agency) => agency.spec),
    );
    expect(warm.region.spec).toStrictEqual(fresh.region.spec);
    expect(JSON.stringify(planRegion(warm))).toBe(JSON.stringify(planRegion(fresh)));
    const at = ["systems", 0, "name"];
    expect(warm.agencies.map((agency) => agency.source.locate(at))).toEqual(
      fresh.agencies.map((agency) => agency.source.locate(at)),
    );
    expect(warm.agencies[0]!.source.data).toEqual(fresh.agencies[0]!.source.data);

    const stored = counts.stored;
    const other = { ...cache, codeIdentity: "code-2" };
    loadRegionDir(dir, { parseCache: other });
    // The parses are reused, the specs validated again and stored under the new identity, and
    // each agency's clean checks against the region stored under it too.
    expect(counts.stored - stored).toBe(
      warm.agencies.length + 1 + (warm.placements?.size ?? 0) + warm.agencies.length,
    );
  });

  it("GIVEN clean agency checks cached, WHEN the region changes so that agencies fail them, THEN the problems are found and located as without the cache", () => {
    const dir = copyJeju();
    const { cache, counts } = memoryCache("code-1");
    loadRegionDir(dir, { parseCache: cache });
    const hits = counts.hits;
    loadRegionDir(dir, { parseCache: cache });
    // Every file's spec and every agency's checks: hits, nothing stored again.
    const input = loadRegionDir(dir);
    expect(counts.hits - hits).toBe(1 + 2 * input.agencies.length + (input.placements?.size ?? 0));

    // Only the region's text changes: the agencies' cached results must not be served.
    editFile(dir, "region.yaml", "minDiskGiB: 20,", "minDiskGiB: 500,");
    const without = problemsOf(() => loadRegionDir(dir));
    expect(without.length).toBeGreaterThan(0);
    expect(without.every((problem) => problem.location.file?.includes("agencies/"))).toBe(true);
    expect(without.every((problem) => problem.location.line !== undefined)).toBe(true);
    expect(problemsOf(() => loadRegionDir(dir, { parseCache: cache }))).toEqual(without);
    // A problem is never cached: the next run finds it again.
    expect(problemsOf(() => loadRegionDir(dir, { parseCache: cache }))).toEqual(without);
  });

  it("GIVEN placementsOf, THEN only those agencies' locks are loaded, and the rest of the input is the same", () => {
    const dir = copyJeju();
    const all = loadRegionDir(dir);
    const locked = [...(all.placements?.keys() ?? [])];
    expect(locked.length).toBeGreaterThan(1);
    const one = loadRegionDir(dir, { placementsOf: new Set([locked[0]!]) });
    expect([...(one.placements?.keys() ?? [])]).toEqual([locked[0]]);
    expect(one.placements?.get(locked[0]!)?.spec).toEqual(all.placements?.get(locked[0]!)?.spec);
    expect(one.agencies.map((agency) => agency.spec)).toEqual(
      all.agencies.map((agency) => agency.spec),
    );
  });
});
