import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * The import graph of the codebase, read as data so that the layer rules can be checked on it
 * and, in a test of the test, on synthetic input. Paths are relative to the repository root,
 * with forward slashes.
 */

export interface SourceFile {
  /** e.g. `lib/spec/checks.ts` */
  readonly path: string;
  /** Module specifiers as written: `../plan/names`, `cdktf`, `node:fs`. */
  readonly imports: readonly string[];
}

/** What an import points at: a file of the repository, or a package. */
export type Target = { readonly file: string } | { readonly package: string };

/** Every `.ts` file under the given directories (or the file itself), sorted. */
export function readSources(root: string, entries: readonly string[]): SourceFile[] {
  const files = entries.flatMap((entry) => {
    const full = path.join(root, entry);
    if (!fs.statSync(full).isDirectory()) return [entry];
    return fs
      .readdirSync(full, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => path.posix.join(entry, file.split(path.sep).join("/")));
  });
  return files.sort().map((file) => ({
    path: file,
    imports: importsOf(fs.readFileSync(path.join(root, file), "utf8")),
  }));
}

/** Static imports, re-exports, `import type`, `import()` and `require()`: all the compiler sees. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/**
 * Resolves a specifier as Node and TypeScript do: a relative one to `x.ts`, `x/index.ts` or `x`
 * among the known files (a directory's path if none fits), a bare one to its package name.
 */
export function resolve(from: string, specifier: string, known: ReadonlySet<string>): Target {
  if (!specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return { package: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]! };
  }
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const file = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => known.has(candidate));
  return { file: file ?? base };
}
