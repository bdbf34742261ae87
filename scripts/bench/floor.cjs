/**
 * The benchmark's floor, run as a process of its own: JSON.stringify and writing of tamna's
 * output, nothing else. Reads every stack of OUT_DIR first (untimed), then times stringify and
 * write with the process's own CPU clock and prints it as one line of JSON; the whole process
 * is measured too, by the runner. Usage: node scripts/bench/floor.cjs OURS_DIR FLOOR_DIR
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const [oursDir, floorDir] = process.argv.slice(2);
const names = fs.readdirSync(path.join(oursDir, "stacks")).sort();
const stacks = names.map((name) => [
  name,
  JSON.parse(fs.readFileSync(path.join(oursDir, "stacks", name, "cdk.tf.json"), "utf8")),
]);

const wall = performance.now();
const cpu = process.cpuUsage();
for (const [name, json] of stacks) {
  const dir = path.join(floorDir, "stacks", name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
}
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    stringifyCpuSeconds: (used.user + used.system) / 1e6,
    stringifyWallSeconds: (performance.now() - wall) / 1000,
  })}\n`,
);
