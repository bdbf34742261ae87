import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { TamnaError } from "../lib/errors";
import { planRegion, type PlanOptions, type RegionPlan } from "../lib/plan/region-plan";
import { loadFile, loadRegionDir, REGION_FILE, type RegionInput } from "../lib/spec/load";
import { PARSE_CACHE_FILE, ParseCacheFile } from "./parse-cache-file";
import { currentToolchain } from "./synth-cache/key";

export interface LoadedRegion {
  /** The region directory the input was read from (as given, or as found). */
  readonly dir: string;
  readonly input: RegionInput;
  readonly plan: RegionPlan;
}

/** The project setting that names the region when --region is not given. */
export const PROJECT_FILE = "tamna.json";

/** `tamna.json`: paths in it are relative to the file's own directory. */
export const ProjectConfig = z
  .object({
    region: z
      .string()
      .min(1)
      .describe("the region directory (region.yaml and agencies/), relative to tamna.json"),
  })
  .strict();

/**
 * The region directory a command works on, like git finds its repository:
 *
 * 1. `--region DIR`, when given;
 * 2. the working directory, when it holds region.yaml (the nearest region wins, so a second
 *    region beside the configured one is used from inside it);
 * 3. the `region` of the nearest tamna.json in the working directory or a parent, resolved
 *    against that file's directory.
 *
 * Anything else is a located error saying what was looked for and where.
 */
export function resolveRegionDir(dir: string | undefined): string {
  if (dir !== undefined) return dir;
  if (fs.existsSync(path.join(".", REGION_FILE))) return ".";
  const project = findProjectFile(process.cwd());
  if (project === undefined) {
    throw new TamnaError({
      location: {},
      message: `no ${REGION_FILE} in the working directory, and no ${PROJECT_FILE} in it or a parent`,
      hint: `pass --region DIR (the directory that holds region.yaml and agencies/), or name it in a ${PROJECT_FILE} at the project root: { "region": "stacks/jeju" }`,
    });
  }
  const config = loadFile(project, ProjectConfig);
  const absolute = path.resolve(path.dirname(project), config.spec.region);
  if (!fs.existsSync(path.join(absolute, REGION_FILE))) {
    throw new TamnaError({
      location: config.source.locate(["region"]),
      message: `the region directory has no ${REGION_FILE}`,
      received: `${config.spec.region} (${absolute})`,
      hint: `name the directory that holds region.yaml and agencies/, relative to ${PROJECT_FILE}`,
    });
  }
  // Relative to the working directory when below it, so messages show short paths.
  const relative = path.relative(process.cwd(), absolute);
  return relative === "" ? "." : relative.startsWith("..") ? absolute : relative;
}

/** The nearest tamna.json in `from` or one of its parents. */
function findProjectFile(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, PROJECT_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads and plans the region found by resolveRegionDir. With `onlyAgencies`,
 * only those agencies' stacks are planned, so one agency costs little in a large region; if one
 * of them does not exist, everything is planned so that the selection error lists them all.
 */
export function loadRegion(
  dir: string | undefined,
  onlyAgencies: readonly string[] = [],
  /** Told as loading and planning begin, for progress lines. */
  onPhase: (phase: "load" | "plan") => void = () => {},
  /**
   * The synth cache directory, where the parses of clean spec files are kept between runs
   * (cli/parse-cache-file.ts). @default - no parse cache: every file is parsed
   */
  cacheDir?: string,
): LoadedRegion {
  const regionDir = resolveRegionDir(dir);
  onPhase("load");
  const parseCache =
    cacheDir === undefined
      ? undefined
      : new ParseCacheFile(path.join(cacheDir, PARSE_CACHE_FILE), currentToolchain());
  const selected = onlyAgencies.length > 0 ? new Set(onlyAgencies) : undefined;
  let input: RegionInput;
  try {
    // A selection needs only its agencies' placement locks (no cross-file check reads one).
    input = loadRegionDir(regionDir, { parseCache, placementsOf: selected });
    const known = new Set(input.agencies.map((agency) => agency.spec.slug));
    // An unknown slug plans everything for the selection error: with every lock, as always.
    if (selected && !onlyAgencies.every((slug) => known.has(slug))) {
      input = loadRegionDir(regionDir, { parseCache });
    }
  } finally {
    parseCache?.save();
  }
  const known = new Set(input.agencies.map((agency) => agency.spec.slug));
  const options: PlanOptions =
    selected && onlyAgencies.every((slug) => known.has(slug)) ? { agencies: selected } : {};
  onPhase("plan");
  return { dir: regionDir, input, plan: planRegion(input, options) };
}
