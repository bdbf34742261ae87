import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { TamnaError, type Problem } from "../errors";
import { AgencySpec } from "./agency";
import { checkAgencies, checkRegion } from "./checks";
import { RegionSpec } from "./region";
import { checkZones } from "./zone-checks";
import { sortProblems, validateSource } from "./validate";
import { formatPath, parseYaml, type YamlSource } from "./yaml-source";
import { PlacementLock, placementLockFile } from "./placement-lock";

/** A validated spec together with the source it came from, for located errors later. */
export interface Sourced<T> {
  readonly spec: T;
  readonly source: YamlSource;
}

/** Everything a region directory declares, validated, agencies ordered by slug. */
export interface RegionInput {
  readonly region: Sourced<RegionSpec>;
  readonly agencies: readonly Sourced<AgencySpec>[];
  /**
   * Each agency's placement lock, by slug, where it has one (see placement-lock.ts).
   * @default - no locks: every instance is placed afresh
   */
  readonly placements?: ReadonlyMap<string, Sourced<PlacementLock>>;
}

export const REGION_FILE = "region.yaml";
export const AGENCY_DIR = "agencies";

/**
 * Loads `<dir>/region.yaml` and every `<dir>/agencies/*.yaml`. All files are checked before
 * anything is reported, so one run shows every problem; any problem throws a TamnaError.
 */
export function loadRegionDir(dir: string): RegionInput {
  const regionFile = path.join(dir, REGION_FILE);
  if (!fs.existsSync(regionFile)) {
    throw new TamnaError({
      location: { file: displayPath(regionFile) },
      message: "region file not found",
      hint: `point --region at a directory that holds ${REGION_FILE} and an ${AGENCY_DIR}/ folder`,
    });
  }
  const problems: Problem[] = [];
  const region = collect(problems, () => loadFile(regionFile, RegionSpec));

  const agencyDir = path.join(dir, AGENCY_DIR);
  const agencyFiles = fs.existsSync(agencyDir)
    ? fs
        .readdirSync(agencyDir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join(agencyDir, name))
    : [];
  const agencies = agencyFiles.flatMap((file) => {
    const loaded = collect(problems, () => loadFile(file, AgencySpec));
    return loaded ? [loaded] : [];
  });
  // One lock per slug: two files declaring one slug are reported by the agency checks.
  const slugs = [...new Set(agencies.map((agency) => agency.spec.slug))];
  const placements = slugs.flatMap((slug) => {
    const file = placementLockFile(dir, slug);
    if (!fs.existsSync(file)) return [];
    const loaded = collect(problems, () => loadFile(file, PlacementLock));
    return loaded ? [loaded] : [];
  });

  return checkedInput(region, agencies, placements, problems);
}

/**
 * Builds a region input from TypeScript objects instead of files, with the same validation and
 * checks; problems name `<name>` and the field path.
 */
export function regionInputFromObjects(
  region: z.input<typeof RegionSpec>,
  agencies: readonly z.input<typeof AgencySpec>[],
  placements: readonly z.input<typeof PlacementLock>[] = [],
): RegionInput {
  const problems: Problem[] = [];
  const regionSpec = collect(problems, () => specFromObject("region", RegionSpec, region));
  const agencySpecs = agencies.flatMap((agency, index) => {
    const name = `agency ${typeof agency.slug === "string" ? agency.slug : index}`;
    const loaded = collect(problems, () => specFromObject(name, AgencySpec, agency));
    return loaded ? [loaded] : [];
  });
  const locks = placements.flatMap((lock) => {
    const name = `placement lock ${typeof lock.agency === "string" ? lock.agency : ""}`.trim();
    const loaded = collect(problems, () => specFromObject(name, PlacementLock, lock));
    return loaded ? [loaded] : [];
  });
  return checkedInput(regionSpec, agencySpecs, locks, problems);
}

function checkedInput(
  region: Sourced<RegionSpec> | undefined,
  agencies: Sourced<AgencySpec>[],
  placements: Sourced<PlacementLock>[],
  problems: Problem[],
): RegionInput {
  const slugs = new Set(agencies.map((agency) => agency.spec.slug));
  const locks = new Map<string, Sourced<PlacementLock>>();
  for (const lock of placements) {
    if (!slugs.has(lock.spec.agency) || locks.has(lock.spec.agency)) {
      problems.push({
        location: lock.source.locate(["agency"]),
        message: `placement lock of agency "${lock.spec.agency}" belongs to no agency file, or to one that has a lock already`,
        received: lock.spec.agency,
        allowed: [...slugs].sort().join(", "),
        hint: "tamna synth writes placement/<slug>.lock.yaml itself: restore it from git, or delete it to place that agency's instances afresh",
      });
      continue;
    }
    locks.set(lock.spec.agency, lock);
  }
  if (region) {
    problems.push(...checkRegion(region));
    problems.push(...checkZones(region));
    problems.push(...checkAgencies(region, agencies));
  }
  if (problems.length > 0) throw new TamnaError(sortProblems(problems));
  // Order by slug, not by file name or directory order, so output never depends on either.
  const sorted = [...agencies].sort((a, b) => (a.spec.slug < b.spec.slug ? -1 : 1));
  return { region: region!, agencies: sorted, placements: locks };
}

/** Reads, parses and validates one spec file. */
export function loadFile<S extends z.ZodType>(file: string, schema: S): Sourced<z.output<S>> {
  const text = fs.readFileSync(file, "utf8");
  return parseSpec(displayPath(file), text, schema);
}

/** Parses and validates spec text; `file` is only used in messages. */
export function parseSpec<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): Sourced<z.output<S>> {
  const source = parseYaml(file, text);
  return { spec: validateSource(source, schema), source };
}

/**
 * Validates a spec written as a TypeScript object instead of YAML. Problems name `name` and the
 * field path (there are no lines).
 */
export function specFromObject<S extends z.ZodType>(
  name: string,
  schema: S,
  data: z.input<S>,
): Sourced<z.output<S>> {
  const source = {
    file: name,
    data,
    locate: (path: readonly PropertyKey[]) => ({
      file: name,
      path: path.length > 0 ? formatPath(path) : undefined,
    }),
  };
  return { spec: validateSource(source, schema), source };
}

function collect<T>(problems: Problem[], load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof TamnaError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative.split(path.sep).join("/");
}
