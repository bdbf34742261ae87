import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A file of the tamna package (such as the vendored provider schema or package.json), found by
 * walking up from this module: the same code runs from the sources (lib/validate) and from the
 * build (dist/lib/validate).
 */
export function packageFile(relative: string, from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${relative} not found above ${from}`);
    dir = parent;
  }
}

/** The version of the tamna package, for reports. */
export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(packageFile("package.json"), "utf8")) as {
    version?: string;
  };
  return manifest.version ?? "0.0.0";
}
