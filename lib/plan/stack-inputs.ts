import * as path from "node:path";
import type { StackPlan } from "./region-plan";

/**
 * Which stacks a change to which files can affect, so that a change synthesizes and plans only
 * those. A stack is a function of the region file, the library and, for tenancy and agency
 * stacks, its own agency's file and placement lock; of nothing else. Platform stacks read the region file only, and
 * one agency's file never changes another agency's stacks: each agency's addresses come from its
 * own file (a property the plan tests pin). A new input of a stack must be added here.
 */

/** Where a region's inputs are, as repository-relative POSIX paths. */
export interface RegionFiles {
  /** The region file. */
  readonly region: string;
  /** The agencies folder; a YAML file there that is not in `agencies` was deleted or renamed. */
  readonly agencyDir: string;
  /** The agency files that exist now, each with the slug it declares. */
  readonly agencies: ReadonlyMap<string, string>;
  /**
   * The placement locks' folder: `<slug>.lock.yaml` there is an input of that agency's stacks.
   * @default - placement locks are not inputs
   */
  readonly placementDir?: string;
  /**
   * The tamna package's own folder (`""` when it is the repository), or undefined when it lives
   * outside the repository: the repository's package files then stand for its version.
   */
  readonly library?: string;
}

/** Paths inside the tamna package whose change can change every stack: its code, what pins it. */
export const LIBRARY_INPUTS = [
  "lib/",
  "cli/",
  "stacks/*.ts",
  "vendor/",
  "package.json",
  "package-lock.json",
  "openstack-bindings.json",
] as const;

/** The repository's own package files pin the tamna and cdktf versions it synthesizes with. */
const REPOSITORY_INPUTS = ["package.json", "package-lock.json"] as const;

/** Why a changed file matters. */
export type ChangeCause =
  | { readonly kind: "library"; readonly file: string }
  | { readonly kind: "region"; readonly file: string }
  | { readonly kind: "agency"; readonly file: string; readonly agency: string }
  /** An agency file that no longer exists: its stacks leave the output. */
  | { readonly kind: "removed-agency"; readonly file: string };

export interface AffectedStacks {
  /** The stacks to synthesize again, in the plan's (apply) order. */
  readonly stacks: readonly StackPlan[];
  /** The changed files that matter, sorted by path; files that affect no stack are left out. */
  readonly causes: readonly ChangeCause[];
}

/** The stacks of `stacks` that a change to `changed` (repository-relative paths) can affect. */
export function affectedStacks(
  stacks: readonly StackPlan[],
  changed: readonly string[],
  files: RegionFiles,
): AffectedStacks {
  const causes = [...new Set(changed)].sort().flatMap((file) => classifyChange(file, files) ?? []);
  const everything = causes.some((cause) => cause.kind === "library" || cause.kind === "region");
  const agencies = new Set(
    causes.flatMap((cause) => (cause.kind === "agency" ? cause.agency : [])),
  );
  return {
    stacks: stacks.filter(
      (stack) => everything || ("agency" in stack && agencies.has(stack.agency)),
    ),
    causes,
  };
}

/** What a changed file is to the region's stacks; undefined when it is none of their inputs. */
export function classifyChange(file: string, files: RegionFiles): ChangeCause | undefined {
  if (file === files.region) return { kind: "region", file };
  const agency = files.agencies.get(file);
  if (agency !== undefined) return { kind: "agency", file, agency };
  if (path.posix.dirname(file) === files.agencyDir && /\.ya?ml$/.test(file)) {
    return { kind: "removed-agency", file };
  }
  if (files.placementDir !== undefined && path.posix.dirname(file) === files.placementDir) {
    const slug = /^(.+)\.lock\.yaml$/.exec(path.posix.basename(file))?.[1];
    const known = [...files.agencies.values()].includes(slug ?? "");
    // A lock of an agency that no longer exists affects nothing: its stacks are gone.
    if (slug !== undefined && known) return { kind: "agency", file, agency: slug };
  }
  const library =
    files.library === undefined
      ? REPOSITORY_INPUTS
      : [
          ...REPOSITORY_INPUTS,
          ...LIBRARY_INPUTS.map((input) => path.posix.join(files.library!, input)),
        ];
  if (library.some((input) => matches(file, input))) return { kind: "library", file };
  return undefined;
}

/** `dir/` matches everything below dir, `dir/*.ext` the files of dir itself, else exactly. */
function matches(file: string, pattern: string): boolean {
  if (pattern.endsWith("/")) return file.startsWith(pattern);
  const star = pattern.indexOf("*");
  if (star < 0) return file === pattern;
  const dir = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return file.startsWith(dir) && file.endsWith(suffix) && !file.slice(dir.length).includes("/");
}
