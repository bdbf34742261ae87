/**
 * Runs one command as a whole node process and measures it: wall time from spawn to exit, and
 * CPU time (user + system, every thread) and peak RSS of the process as it reports them at exit
 * (usage.cjs, preloaded). The figure covers everything the process does: startup, module
 * loading, reading its input files, the work, writing its output.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { Run } from "./report";

const USAGE_PRELOAD = path.join(__dirname, "usage.cjs");
const TIMEOUT_MS = 15 * 60 * 1000;

export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** `node <args>` with the usage preload; the parsed last line of stdout, if JSON, as extra. */
export async function measureNode(
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<Run> {
  const usageFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "tamna-bench-usage-")),
    "usage.json",
  );
  const started = performance.now();
  const child = spawn(process.execPath, ["--require", USAGE_PRELOAD, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, TAMNA_BENCH_USAGE: usageFile },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: TIMEOUT_MS,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  try {
    if (code !== 0) return { ok: false, reason: failure(code, signal, stderr) };
    const usage = JSON.parse(fs.readFileSync(usageFile, "utf8")) as {
      userSeconds: number;
      systemSeconds: number;
      peakRssBytes: number;
    };
    return {
      ok: true,
      wallSeconds,
      cpuSeconds: usage.userSeconds + usage.systemSeconds,
      peakRssBytes: usage.peakRssBytes,
      extra: lastJsonLine(stdout),
    };
  } finally {
    fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
  }
}

function failure(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/.test(stderr)) return "out of memory";
  if (signal) return `killed (${signal})`;
  const line = stderr
    .trim()
    .split("\n")
    .find((text) => text.trim().length > 0);
  return `exit ${code}${line ? `: ${line.trim().slice(0, 160)}` : ""}`;
}

function lastJsonLine(stdout: string): Readonly<Record<string, number>> | undefined {
  const last = stdout.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) return undefined;
  try {
    return JSON.parse(last) as Record<string, number>;
  } catch {
    return undefined;
  }
}
