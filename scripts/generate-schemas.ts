/**
 * Writes the JSON Schemas of the spec files to schemas/ (run with `npm run schemas`), or with
 * `--check` exits 1 when the committed ones differ from what the zod definitions give.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { jsonSchemaText, SPEC_SCHEMAS } from "../lib/spec/json-schema";

const dir = path.join(__dirname, "..", "schemas");
const check = process.argv.includes("--check");
let stale = 0;
for (const [file, schema] of Object.entries(SPEC_SCHEMAS)) {
  const target = path.join(dir, file);
  const text = jsonSchemaText(schema, file);
  if (check) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current !== text) {
      console.error(`schemas/${file} is out of date: run npm run schemas`);
      stale++;
    }
  } else {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(target, text);
    console.log(`wrote schemas/${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
