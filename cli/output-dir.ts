import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Fills a fresh directory and only then puts it in place of `target`, so that a failed run
 * leaves the previous output untouched and a reader never sees a half-written one.
 */
export function replaceDirectory<T>(target: string, fill: (dir: string) => T): T {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  let result: T;
  try {
    result = fill(staging);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const retired = `${staging.replace(/\.new-/, ".old-")}`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    if (hadTarget) fs.renameSync(retired, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadTarget) fs.rmSync(retired, { recursive: true, force: true });
  return result;
}

/** Runs `use` with a scratch directory that is removed afterwards. */
export function withScratchDirectory<T>(use: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-"));
  try {
    return use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
