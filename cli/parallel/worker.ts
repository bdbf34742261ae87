/**
 * Entry point of a synth worker thread: synthesizes each batch it is sent into its scratch
 * directory and reports back. The parent moves the finished stacks into the output.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type BatchRequest, toFailure, type WorkerReport, type WorkerSetup } from "./messages";
import { synthesizeBatch } from "./synthesize-batch";

const port = parentPort;
if (!port) throw new Error("cli/parallel/worker is a worker thread entry point, not a module");
const { scratch } = workerData as WorkerSetup;
const report = (message: WorkerReport) => port.postMessage(message);

port.on("message", ({ stacks }: BatchRequest) => {
  try {
    const tally = synthesizeBatch(stacks, scratch, (name) => report({ kind: "stack", name }));
    report({ kind: "done", tally });
  } catch (error) {
    report({ kind: "failed", failure: toFailure(error) });
  }
});
