import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect, onTestFinished } from "vitest";
import { TamnaError, type Problem } from "../../../lib/errors";

/** Shared fixtures and assertions for the spec tests. */

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
export const JEJU_DIR = path.join(REPO_ROOT, "test", "fixtures", "jeju");
export const SCHEMA_DIR = path.join(REPO_ROOT, "schemas");

/**
 * A valid agency file, without modeline; tests break one line of it. Its workloads use the Jeju
 * region's catalogue, so it also passes the cross-file checks against that region.
 */
export const VALID_AGENCY = `slug: test-agency
name: 시험기관
csapTier: moderate
contacts:
  - role: owner
    name: 담당자
    email: owner@test-agency.example
addressBlock: { index: 0 }
zones: [app, db]
systems:
  - name: first
    displayName: 첫째 시스템
    grade: 1
    rto: 4h
    rpo: 15m
    workloads:
      - { name: was, zone: app, flavor: m1.small, image: rocky-9, bootVolume: { sizeGiB: 20, volumeType: ssd } }
  - name: second
    displayName: 둘째 시스템
    grade: 2
    rto: 1d
    rpo: 4h
    workloads:
      - { name: db, zone: db, flavor: m1.medium, image: rocky-9, bootVolume: { sizeGiB: 30, volumeType: ssd } }
`;

/**
 * The smallest catalogue a region file may have (region-level `flavors` and `volumeTypes`, both
 * required): one flavor, and the volume types standard, ssd and one replicated type.
 */
export const MINIMAL_CATALOGUE = `flavors:
  m1.small: { vcpus: 1, ramGiB: 2, diskGiB: 0 }
volumeTypes:
  standard: { description: Standard, backendName: hdd }
  ssd: { description: SSD, backendName: ssd }
  replicated: { description: Replicated, backendName: ssd-rep, replicated: true }
`;

/** Runs `fn`, expects a TamnaError and returns its problems. */
export function problemsOf(fn: () => unknown): readonly Problem[] {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected a TamnaError to be thrown").toBeInstanceOf(TamnaError);
  return (thrown as TamnaError).problems;
}

export interface ExpectedProblem {
  readonly file?: string;
  readonly line?: number;
  readonly path?: string;
  readonly message: RegExp;
  readonly received?: RegExp;
  readonly allowed?: RegExp;
  readonly hint?: RegExp;
}

/** Asserts that `problems` holds one problem matching every given field. */
export function expectProblem(problems: readonly Problem[], expected: ExpectedProblem): void {
  const location: Record<string, unknown> = {};
  if (expected.file !== undefined) location.file = expected.file;
  if (expected.line !== undefined) location.line = expected.line;
  if (expected.path !== undefined) location.path = expected.path;
  const shape: Record<string, unknown> = {
    location: expect.objectContaining(location),
    message: expect.stringMatching(expected.message),
  };
  if (expected.received) shape.received = expect.stringMatching(expected.received);
  if (expected.allowed) shape.allowed = expect.stringMatching(expected.allowed);
  if (expected.hint) shape.hint = expect.stringMatching(expected.hint);
  expect(problems).toContainEqual(expect.objectContaining(shape));
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found in text`);
  return index + 1;
}

/** Replaces `from` with `to` in `text`, failing if `from` is absent. */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === "string" ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${String(from)} not found in text`);
  return text.replace(from, to);
}

/** A temporary directory removed when the current test finishes. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-spec-"));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the Jeju example region in a temporary directory. */
export function copyJeju(): string {
  const dir = tempDir();
  fs.cpSync(JEJU_DIR, dir, { recursive: true });
  return dir;
}

/** Edits one file of a region directory in place; returns the new text. */
export function editFile(
  dir: string,
  file: string,
  from: string | RegExp,
  to: string,
): { file: string; text: string } {
  const target = path.join(dir, file);
  const text = replaceOnce(fs.readFileSync(target, "utf8"), from, to);
  fs.writeFileSync(target, text);
  return { file: target, text };
}

/** Writes a file (creating parent directories) and returns its absolute path. */
export function writeFile(dir: string, file: string, text: string): string {
  const target = path.join(dir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  return target;
}
