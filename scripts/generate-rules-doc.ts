/**
 * Writes RULES.md at the repository root from the policy rules (lib/policy/rules), formatted by
 * Prettier as `npm run lint` expects; with `--check`, writes nothing and exits 1 when the
 * committed file differs. Run with `npx tsx scripts/generate-rules-doc.ts [--check]`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { rulesDocument } from "../lib/policy/rules-doc";

async function main(): Promise<number> {
  const target = path.join(__dirname, "..", "RULES.md");
  const options = (await prettier.resolveConfig(target)) ?? {};
  const text = await prettier.format(rulesDocument(), { ...options, filepath: target });
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current === text) return 0;
    console.error("RULES.md is out of date: run npx tsx scripts/generate-rules-doc.ts");
    return 1;
  }
  fs.writeFileSync(target, text);
  console.log("wrote RULES.md");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
