import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { StackPlan } from "../../lib/plan/region-plan";
import { fromFailure, type BatchRequest, type WorkerReport, type WorkerSetup } from "./messages";
import { addTallies, EMPTY_TALLY, type SynthTally } from "./synthesize-batch";

/** The compiled worker beside this file (worker.ts under a TypeScript runner such as tsx). */
const WORKER_SCRIPT = path.join(__dirname, `worker${path.extname(__filename)}`);

export interface WorkerPoolOptions {
  readonly workers: number;
  /** Called as each stack is built, in whichever worker. */
  readonly onStack: (name: string) => void;
  /** @default the worker entry point of this folder */
  readonly workerScript?: string;
}

/**
 * Synthesizes `batches` in worker threads, each worker drawing the next batch when it is done,
 * and assembles their stack directories in `outdir/stacks`. Each worker writes into a scratch
 * directory of its own beside `outdir` (the same parent, so relative paths in the output, such
 * as those of local state files, come out the same) and only ever its own stacks. The first
 * failure stops every worker; scratch directories are removed either way. Writes no manifest:
 * the caller writes one for every stack at the end.
 */
export async function synthesizeInWorkers(
  batches: readonly (readonly StackPlan[])[],
  outdir: string,
  options: WorkerPoolOptions,
): Promise<SynthTally> {
  if (batches.length === 0) return EMPTY_TALLY;
  const workers: Worker[] = [];
  const scratches: string[] = [];
  fs.mkdirSync(path.join(outdir, "stacks"), { recursive: true });
  try {
    return await new Promise<SynthTally>((resolve, reject) => {
      let tally = EMPTY_TALLY;
      let next = 0;
      let finished = 0;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const feed = (worker: Worker) => {
        if (next < batches.length) worker.postMessage({ stacks: batches[next++]! } as BatchRequest);
      };

      for (let i = 0; i < Math.min(options.workers, batches.length); i++) {
        // Beside outdir, named after it, so that a crash leaves recognisable leftovers.
        const scratch = fs.mkdtempSync(`${outdir}.job-`);
        scratches.push(scratch);
        const worker = startWorker(options.workerScript ?? WORKER_SCRIPT, { scratch });
        workers.push(worker);
        worker.on("message", (report: WorkerReport) => {
          if (settled) return;
          try {
            switch (report.kind) {
              case "stack":
                options.onStack(report.name);
                return;
              case "failed":
                return fail(fromFailure(report.failure));
              case "done":
                moveStacks(scratch, outdir, Object.keys(report.tally.manifest));
                tally = addTallies(tally, report.tally);
                if (++finished === batches.length) {
                  settled = true;
                  resolve(tally);
                } else {
                  feed(worker);
                }
            }
          } catch (error) {
            fail(error);
          }
        });
        worker.on("error", fail);
        worker.on("exit", (code) =>
          fail(new Error(`a synth worker thread exited (code ${code}) before its work was done`)),
        );
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const scratch of scratches) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function startWorker(script: string, setup: WorkerSetup): Worker {
  if (!script.endsWith(".ts")) return new Worker(script, { workerData: setup });
  // Under a TypeScript runner (tsx, vitest) the entry point is TypeScript, and workers do not
  // inherit the runner's loader: register tsx's (a dev dependency then present) first.
  const bootstrap = `require("tsx/cjs/api").register(); require(${JSON.stringify(script)});`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

function moveStacks(from: string, to: string, names: readonly string[]): void {
  for (const name of names) {
    fs.renameSync(path.join(from, "stacks", name), path.join(to, "stacks", name));
  }
}
