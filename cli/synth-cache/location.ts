import * as fs from "node:fs";
import * as path from "node:path";

export interface CacheLocationOptions {
  /** False with --no-cache. @default true */
  readonly cache?: boolean;
  /** --cache-dir. @default - $TAMNA_CACHE_DIR, else node_modules/.cache/tamna/synth of the project */
  readonly cacheDir?: string;
}

/** The environment variable that names the synth cache directory. */
export const CACHE_DIR_VARIABLE = "TAMNA_CACHE_DIR";

/**
 * The synth cache directory, or undefined when the cache is off: --cache-dir, else
 * $TAMNA_CACHE_DIR, else `node_modules/.cache/tamna/synth` under the project root, where babel,
 * eslint and other tools keep their caches (so CI caches and `git clean` treat it alike). The
 * project root is the nearest directory from `cwd` up that holds a package.json or a tamna.json,
 * else `cwd` itself.
 */
export function synthCacheDir(
  options: CacheLocationOptions,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (options.cache === false) return undefined;
  if (options.cacheDir !== undefined) return path.resolve(cwd, options.cacheDir);
  const fromEnv = env[CACHE_DIR_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== "") return path.resolve(cwd, fromEnv);
  return path.join(projectRoot(cwd), "node_modules", ".cache", "tamna", "synth");
}

function projectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (["package.json", "tamna.json"].some((file) => fs.existsSync(path.join(dir, file)))) {
      return dir;
    }
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
