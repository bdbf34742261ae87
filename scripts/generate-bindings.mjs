#!/usr/bin/env node
// Generates the OpenStack provider bindings listed in openstack-bindings.json into
// .gen/providers/openstack from the vendored schema (runs at `npm install`).
//
//   node scripts/generate-bindings.mjs           generate (replaces .gen/providers/openstack)
//   node scripts/generate-bindings.mjs --check   exit 1 if .gen/providers/openstack is stale

import { BindingsError, OUT_DIR, checkBindings, generateBindings } from "./bindings.mjs";

const USAGE = "usage: node scripts/generate-bindings.mjs [--check]";

async function main(args) {
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    if (unknown.includes("--help") || unknown.includes("-h")) {
      console.log(USAGE);
      return 0;
    }
    console.error(`generate-bindings: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }

  if (args.includes("--check")) {
    const { upToDate, missing, extra, differing } = await checkBindings();
    if (upToDate) {
      console.log(`OpenStack bindings in ${OUT_DIR} are up to date`);
      return 0;
    }
    const lines = [
      ...differing.map((f) => `  differs: ${f}`),
      ...missing.map((f) => `  missing: ${f}`),
      ...extra.map((f) => `  extra:   ${f}`),
    ];
    console.error(
      `OpenStack bindings in ${OUT_DIR} are stale; run \`npm run bindings\`:\n${lines.join("\n")}`,
    );
    return 1;
  }

  const { resources, dataSources, outDir } = await generateBindings();
  const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  console.log(
    `generated OpenStack bindings: ${count(resources, "resource")}, ${count(dataSources, "data source")} -> ${outDir}`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof BindingsError) {
    console.error(`error: ${err.message}`);
  } else {
    // Unexpected (I/O, generator crash): still one line; set DEBUG=1 for the stack.
    console.error(`error: generating OpenStack bindings failed: ${err?.message ?? err}`);
    if (process.env.DEBUG) console.error(err);
  }
  process.exitCode = 1;
}
