import { TamnaError, type Problem } from "../../lib/errors";
import type { StackPlan } from "../../lib/plan/region-plan";
import type { SynthTally } from "./synthesize-batch";

/** What a synth worker is started with. */
export interface WorkerSetup {
  /** The worker's own output directory, beside the staging directory. */
  readonly scratch: string;
}

/** Parent to worker: synthesize these stacks into the scratch directory. */
export interface BatchRequest {
  readonly stacks: readonly StackPlan[];
}

/** Worker to parent. */
export type WorkerReport =
  | { readonly kind: "stack"; readonly name: string }
  | { readonly kind: "done"; readonly tally: SynthTally }
  | { readonly kind: "failed"; readonly failure: Failure };

/**
 * A failure that crosses the thread boundary: problems in the input stay problems (the user is
 * shown them exactly as in-process), anything else stays a bug with its stack trace.
 */
export type Failure =
  | { readonly kind: "problems"; readonly problems: readonly Problem[] }
  | { readonly kind: "crash"; readonly message: string; readonly stack: string };

export function toFailure(error: unknown): Failure {
  if (error instanceof TamnaError) return { kind: "problems", problems: error.problems };
  if (error instanceof Error) {
    return { kind: "crash", message: error.message, stack: error.stack ?? error.message };
  }
  return { kind: "crash", message: String(error), stack: String(error) };
}

export function fromFailure(failure: Failure): Error {
  if (failure.kind === "problems") return new TamnaError(failure.problems);
  const error = new Error(failure.message);
  error.stack = `${failure.stack}\n    (in a synth worker thread)`;
  return error;
}
