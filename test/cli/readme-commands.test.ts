/**
 * The README's "Try it" commands work as written from a fresh clone's root: the `tamna` lines of
 * the fenced block after the `readme-commands` marker run, in order, with `node bin/tamna.js`,
 * in a temp directory that holds what a clone's root holds for them (tamna.json, the test
 * fixture region where tamna.json says the region is, committed in git for `--base HEAD`).
 * `tamna failover` must print as next steps exactly the commands the README runs after it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  expectExit,
  makeProjectRoot,
  REPO_ROOT,
  runTamna,
  tamnaCommands,
  Workspaces,
} from "../helpers/tamna-cli";

const MARKER = "<!-- readme-commands:";

/** The `tamna` commands of the first fenced block after the marker in README.md. */
function readmeCommands(): string[][] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no ${MARKER} marker`);
  const block = /```sh\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (!block) throw new Error("no ```sh block after the readme-commands marker");
  return tamnaCommands(block[1]!);
}

interface Ran {
  readonly args: readonly string[];
  readonly result: CliResult;
}

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

describe("the README's Try it commands, run from a fresh clone's root", () => {
  let commands: string[][];
  let ran: Ran[];
  let printedSteps: string[][];
  beforeAll(async () => {
    commands = readmeCommands();
    const root = workspaces.make("readme");
    makeProjectRoot(root);
    ran = [];
    for (const args of commands) {
      const result = await runTamna(root, args);
      ran.push({ args, result });
      if (args[0] === "failover") printedSteps = tamnaCommands(result.stdout);
      // Later commands depend on earlier ones: stop at the first failure, reported below.
      if (result.status !== 0) break;
    }
  });

  it("THEN the block holds every command a first day needs", () => {
    const names = commands.map((args) => (args[0] === "dr" ? `dr ${args[1]}` : args[0]));
    for (const name of ["list", "validate", "synth", "diff", "graph", "dr report", "failover"]) {
      expect(names, name).toContain(name);
    }
    expect(commands.every((args) => !args.includes("--region"))).toBe(true);
  });

  it("THEN each exits 0 (diff without --detailed-exitcode exits 0 whatever it finds)", () => {
    expect(ran.map((run) => run.args.join(" "))).toEqual(commands.map((args) => args.join(" ")));
    for (const { result } of ran) expectExit(result, 0);
  });

  it("THEN the commands after failover are the next steps it printed, as printed", () => {
    const at = commands.findIndex((args) => args[0] === "failover");
    expect(printedSteps.length).toBeGreaterThan(0);
    expect(commands.slice(at + 1, at + 1 + printedSteps.length)).toEqual(printedSteps);
  });

  it("THEN the diff before the failover finds no changes, the one after only the agency's stacks", () => {
    const diffs = ran.filter((run) => run.args[0] === "diff").map((run) => run.result.stdout);
    expect(diffs).toHaveLength(2);
    expect(diffs[0]).toMatch(/^No changes: the head output matches the base\.$/m);
    const headings = [...diffs[1]!.matchAll(/^== (\S+) \((\w+)\)/gm)].map((m) => m[1]);
    expect(headings).toEqual(["jeju-province-jeju-cdc", "jeju-province-mainland-drc"]);
    expect(diffs[1]).not.toMatch(/\(removed\)/);
    expect(diffs[1]).toMatch(/stacks not compared \(not selected when one side was synthesized\)/);
  });

  it("THEN graph and dr report print what they are for", () => {
    const output = (name: string) => ran.find((run) => run.args[0] === name)!.result.stdout;
    expect(output("graph")).toMatch(/jeju-province/);
    expect(output("dr")).toMatch(/saeol/);
    expect(output("list").split("\n")[0]).toMatch(/^STACK +LAYER +AGENCY +SITE/);
  });
});
