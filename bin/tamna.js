#!/usr/bin/env node
"use strict";
// The compiled CLI lives in dist/ (npm install builds it; npm run build refreshes it).
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    process.stderr.write("tamna: not built yet; run `npm run build` in the tamna checkout\n");
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tamna: internal error, please report it:\n${error && error.stack}\n`);
    process.exitCode = 1;
  },
);
