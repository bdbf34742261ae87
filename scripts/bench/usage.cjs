/**
 * Preloaded into every process the benchmark measures (`node --require usage.cjs ...`): at exit,
 * writes the whole process's CPU time (user + system, every thread) and peak RSS to the file
 * named by TAMNA_BENCH_USAGE. Plain CommonJS so that it runs in the built CLI without tsx.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require("node:fs");
const { isMainThread } = require("node:worker_threads");

const file = process.env.TAMNA_BENCH_USAGE;
if (file && isMainThread) {
  process.on("exit", (code) => {
    const usage = process.resourceUsage();
    // maxRSS is in KiB; times in microseconds.
    const record = {
      userSeconds: usage.userCPUTime / 1e6,
      systemSeconds: usage.systemCPUTime / 1e6,
      peakRssBytes: usage.maxRSS * 1024,
      exitCode: code,
    };
    fs.writeFileSync(file, JSON.stringify(record));
  });
}
