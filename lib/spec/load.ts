import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { describeValue, TamnaError, type Problem } from "../errors";
import { AgencySpec } from "./agency";
import { checkAgencies, checkAgency, checkRegion } from "./checks";
import { RegionSpec } from "./region";
import { checkZones } from "./zone-checks";
import { checkPaasta } from "./paasta-checks";
import { dropPrototypes, sortProblems, validateSource } from "./validate";
import { formatPath, parseYaml } from "./yaml-source";
import { PlacementLock, placementLockFile } from "./placement-lock";
import {
  cachedSource,
  lazySource,
  pairKey,
  parseKey,
  specKey,
  type ParseCache,
} from "./parse-cache";
import type { Sourced } from "./sourced";

export type { Sourced };

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
 * The largest spec file read, in bytes (1 MiB). The example's largest agency file is about
 * 10 KiB; a bigger file is a mistake (a log, an image, /dev/zero) and is refused unread.
 */
export const MAX_SPEC_FILE_BYTES = 1024 * 1024;

export interface LoadOptions {
  /**
   * Parses of files that loaded cleanly, by content; a hit skips the YAML parse.
   * @default - every file is parsed
   */
  readonly parseCache?: ParseCache;
  /**
   * Load the placement locks of these agencies only: a command on a selection plans only its
   * agencies, and no check across files reads another agency's lock, so reading a thousand
   * locks for one agency would be cost and nothing else.
   * @default - every agency's lock
   */
  readonly placementsOf?: ReadonlySet<string>;
}

/**
 * Loads `<dir>/region.yaml` and every `<dir>/agencies/*.yaml`. All files are checked before
 * anything is reported, so one run shows every problem; any problem throws a TamnaError.
 */
export function loadRegionDir(dir: string, options: LoadOptions = {}): RegionInput {
  const cache = options.parseCache;
  const regionFile = path.join(dir, REGION_FILE);
  if (!fs.existsSync(regionFile) && !isSymlink(regionFile)) {
    throw new TamnaError({
      location: { file: displayPath(regionFile) },
      message: "region file not found",
      hint: `point --region at a directory that holds ${REGION_FILE} and an ${AGENCY_DIR}/ folder`,
    });
  }
  const problems: Problem[] = [];
  const region = collect(problems, () => loadFile(regionFile, RegionSpec, cache, "region"));

  const agencyDir = path.join(dir, AGENCY_DIR);
  const agencyFiles = collect(problems, () => agencyFileNames(agencyDir)) ?? [];
  const agencies = agencyFiles.flatMap((file) => {
    const loaded = collect(problems, () => loadFile(file, AgencySpec, cache, "agency"));
    return loaded ? [loaded] : [];
  });
  // One lock per slug: two files declaring one slug are reported by the agency checks.
  const slugs = [...new Set(agencies.map((agency) => agency.spec.slug))].filter(
    (slug) => options.placementsOf?.has(slug) ?? true,
  );
  const placements = slugs.flatMap((slug) => {
    const file = placementLockFile(dir, slug);
    if (!fs.existsSync(file)) return [];
    const loaded = collect(problems, () => loadFile(file, PlacementLock, cache, "placement-lock"));
    return loaded ? [loaded] : [];
  });

  return checkedInput(region, agencies, placements, problems, cachedAgencyCheck(cache));
}

/**
 * The spec key (parse-cache.ts) of each spec parsed with a code identity: what the checks of
 * one file against another are cached by.
 */
const specKeys = new WeakMap<object, string>();

/**
 * checkAgency, skipped for an agency that passed it before against the same region: the result
 * is a pure function of the two specs, keyed by both files' texts and the code. Only a clean
 * result is kept, so a problem is always found and located afresh.
 */
function cachedAgencyCheck(cache: ParseCache | undefined): typeof checkAgency {
  if (cache?.codeIdentity === undefined) return checkAgency;
  return (region, agency) => {
    const regionKey = specKeys.get(region);
    const agencyKey = specKeys.get(agency);
    if (regionKey === undefined || agencyKey === undefined) return checkAgency(region, agency);
    const key = pairKey("agency-checks", regionKey, agencyKey);
    if (cache.get(key) === true) return [];
    const problems = checkAgency(region, agency);
    if (problems.length === 0) cache.set(key, true);
    return problems;
  };
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
  checkOne = checkAgency,
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
    problems.push(...checkAgencies(region, agencies, checkOne));
    problems.push(...checkPaasta(region, agencies));
  }
  if (problems.length > 0) throw new TamnaError(sortProblems(problems));
  // Order by slug, not by file name or directory order, so output never depends on either.
  const sorted = [...agencies].sort((a, b) => (a.spec.slug < b.spec.slug ? -1 : 1));
  return { region: region!, agencies: sorted, placements: locks };
}

/** `<dir>/agencies/*.yaml` sorted, or none when the folder is absent; refuses a non-folder. */
function agencyFileNames(agencyDir: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(agencyDir);
  } catch (error) {
    if (isSymlink(agencyDir)) throw new TamnaError(openProblem(agencyDir, error));
    return [];
  }
  if (!stat.isDirectory()) {
    throw new TamnaError({
      location: { file: displayPath(agencyDir) },
      message: `${AGENCY_DIR} is not a folder: it is ${kindOf(stat)}`,
      hint: `make ${AGENCY_DIR}/ a folder of agency files (one <slug>.yaml per agency), or remove it`,
    });
  }
  return fs
    .readdirSync(agencyDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(agencyDir, name));
}

/** Reads, parses and validates one spec file. */
export function loadFile<S extends z.ZodType>(
  file: string,
  schema: S,
  cache?: ParseCache,
  kind?: string,
): Sourced<z.output<S>> {
  return parseSpec(displayPath(file), readSpecFile(file), schema, cache, kind);
}

/**
 * Reads a spec file as UTF-8 text, refusing anything that is not a regular file of at most
 * MAX_SPEC_FILE_BYTES. The file is opened without blocking (a FIFO would block open(2)) and
 * checked through its descriptor, so what is read is what was checked; at most the cap plus one
 * byte is read, so /dev/zero or a growing file cannot exhaust memory.
 */
export function readSpecFile(file: string): string {
  const shown = displayPath(file);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new TamnaError(openProblem(file, error));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new TamnaError({
        location: { file: shown },
        message: `not a regular file: it is ${kindOf(stat)}`,
        hint: "spec files must be plain YAML files; move or rename it so it does not end in .yaml",
      });
    }
    const tooBig = (): TamnaError =>
      new TamnaError({
        location: { file: shown },
        message: `file is larger than ${MAX_SPEC_FILE_BYTES / 1024 / 1024} MiB`,
        received: stat.size > MAX_SPEC_FILE_BYTES ? `${stat.size} bytes` : "more bytes than that",
        allowed: `at most ${MAX_SPEC_FILE_BYTES} bytes`,
        hint: "a spec file describes one region or agency; split it, or check that it is the right file",
      });
    if (stat.size > MAX_SPEC_FILE_BYTES) throw tooBig();
    // The size said by fstat is not trusted (a file may grow, /proc files say 0): read until
    // the end, growing the buffer when it fills, and stop one byte past the cap. A buffer of the
    // stated size plus one reads a file that did not change in one call and one copy.
    let buffer = Buffer.allocUnsafe(Math.max(stat.size + 1, 4096));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_SPEC_FILE_BYTES + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readChunk(fd, buffer, length, shown);
      if (read === 0) break;
      length += read;
      if (length > MAX_SPEC_FILE_BYTES) throw tooBig();
    }
    return decodeSpecText(shown, buffer.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

function readChunk(fd: number, buffer: Buffer, offset: number, shown: string): number {
  try {
    return fs.readSync(fd, buffer, offset, buffer.length - offset, null);
  } catch (error) {
    throw new TamnaError({
      location: { file: shown },
      message: `cannot read the file: ${errorCode(error)}`,
      hint: "check that it is a readable YAML file",
    });
  }
}

/**
 * Spec files are UTF-8. A UTF-8 byte order mark is dropped (editors on Windows write one); a
 * UTF-16 or UTF-32 file, invalid UTF-8 and NUL bytes are refused at the line they are on.
 */
export function decodeSpecText(file: string, bytes: Buffer): string {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    throw new TamnaError({
      location: { file, line: 1 },
      message: "file is UTF-16 or UTF-32 (it starts with a byte order mark)",
      allowed: "UTF-8",
      hint: "save the file as UTF-8",
    });
  }
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new TamnaError({
      location: { file, ...lineAndColumn(body, nul) },
      message: "NUL byte in the file: it is binary or not UTF-8",
      hint: "spec files are UTF-8 text; save the file as UTF-8, or remove the byte",
    });
  }
  if (!isUtf8(body)) {
    throw new TamnaError({
      location: { file, ...lineAndColumn(body, firstInvalidUtf8(body)) },
      message: "invalid UTF-8",
      allowed: "UTF-8 text",
      hint: "save the file as UTF-8 (it may be in EUC-KR or another legacy encoding)",
    });
  }
  return body.toString("utf8");
}

/** The byte offset of the first line that is not valid UTF-8 (lines never split a character). */
function firstInvalidUtf8(bytes: Buffer): number {
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isUtf8(bytes.subarray(start, end))) return start;
    start = end + 1;
  }
  return 0;
}

function lineAndColumn(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function openProblem(file: string, error: unknown): Problem {
  const shown = displayPath(file);
  const code = errorCode(error);
  if (code === "ENOENT" && isSymlink(file)) {
    return {
      location: { file: shown },
      message: `dangling symbolic link: its target ${describeValue(readLink(file))} does not exist`,
      hint: "point the link at an existing file, or remove it",
    };
  }
  if (code === "ENXIO") {
    return {
      location: { file: shown },
      message: "not a regular file: it is a socket",
      hint: "spec files must be plain YAML files; remove it or rename it so it does not end in .yaml",
    };
  }
  return {
    location: { file: shown },
    message: `cannot open the file: ${code}`,
    hint:
      code === "EACCES" ? "make it readable by the user running tamna" : "check the file exists",
  };
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a file";
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function readLink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return "?";
  }
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : String(error);
}

/** Parses and validates spec text; `file` is only used in messages. */
export function parseSpec<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  cache?: ParseCache,
  /** The file's kind, which with the code identity keys its validated spec in the cache. */
  kind?: string,
): Sourced<z.output<S>> {
  if (cache === undefined) {
    const source = parseYaml(file, text);
    return { spec: validateSource(source, schema), source };
  }
  const identity = cache.codeIdentity;
  const validatedKey =
    identity === undefined || kind === undefined ? undefined : specKey(text, kind, identity);
  const validated = validatedKey === undefined ? undefined : cache.get(validatedKey);
  if (validated !== undefined) {
    // Validated by this very code from this very text before: the same spec, null prototypes
    // (the copy is fresh from the cache and ours alone, so they are dropped in place).
    const loaded = {
      spec: dropPrototypes(validated) as z.output<S>,
      source: lazySource(file, text),
    };
    specKeys.set(loaded, validatedKey!);
    return loaded;
  }
  const key = parseKey(text);
  const cached = cache.get(key);
  // The spec is validated on a hit as well: a cached parse only spares the YAML parse.
  const source = cached === undefined ? parseYaml(file, text) : cachedSource(file, text, cached);
  const spec = validateSource(source, schema);
  // Only files that loaded cleanly are stored, so a hit never hides a YAML problem.
  if (cached === undefined) cache.set(key, source.data);
  if (validatedKey !== undefined) cache.set(validatedKey, spec);
  const loaded = { spec, source };
  if (validatedKey !== undefined) specKeys.set(loaded, validatedKey);
  return loaded;
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
