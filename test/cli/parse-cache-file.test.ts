import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PARSE_CACHE_FILE, ParseCacheFile } from "../../cli/parse-cache-file";
import { expectExit, expectNoStackTrace, runTamna, Workspaces } from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), "tamna-parse-cache-"));

describe("the parse cache file", () => {
  it("keeps what a run stored, as copies, with what JSON would lose", () => {
    const file = path.join(scratch(), "nested", PARSE_CACHE_FILE);
    const shared = { a: 1 };
    const data = { list: [shared, shared], inf: Infinity, negZero: -0, text: "x" };
    const first = new ParseCacheFile(file);
    first.set("k", data);
    first.save();

    const second = new ParseCacheFile(file);
    const read = second.get("k") as typeof data;
    expect(read).toEqual(data);
    expect(Object.is(read.negZero, -0)).toBe(true);
    expect(read.list[0]).toBe(read.list[1]);
    expect(second.get("k")).not.toBe(read);
    expect(second.get("other")).toBeUndefined();
  });

  it("keeps only the entries the last run used", () => {
    const file = path.join(scratch(), PARSE_CACHE_FILE);
    const first = new ParseCacheFile(file);
    first.set("old", 1);
    first.set("kept", 2);
    first.save();
    const second = new ParseCacheFile(file);
    second.get("kept");
    second.save();
    const third = new ParseCacheFile(file);
    expect(third.get("kept")).toBe(2);
    expect(third.get("old")).toBeUndefined();
  });

  it("reads a corrupt or foreign file as an empty cache", () => {
    const file = path.join(scratch(), PARSE_CACHE_FILE);
    const first = new ParseCacheFile(file);
    first.set("k", { a: 1 });
    first.save();
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(new ParseCacheFile(file).get("k")).toBeUndefined();
    fs.writeFileSync(file, "not a cache");
    expect(new ParseCacheFile(file).get("k")).toBeUndefined();
  });
});

describe("tamna synth --agency with a warm parse cache", () => {
  it("GIVEN another agency's file takes a block already used, THEN both runs report it located in that file, the same", async () => {
    const ws = workspaces.withRegion("parse-cache");
    const env = { TAMNA_CACHE_DIR: path.join(ws, "cache") };
    const args = ["synth", "--region", "jeju", "--out", "out", "--agency", "jeju-city", "--quiet"];
    expectExit(await runTamna(ws, args, undefined, env), 0);
    expect(fs.existsSync(path.join(ws, "cache", PARSE_CACHE_FILE))).toBe(true);

    const agencies = path.join(ws, "jeju", "agencies");
    const fire = path.join(agencies, "jeju-fire.yaml");
    const city = fs.readFileSync(path.join(agencies, "jeju-city.yaml"), "utf8");
    const cityBlock = /addressBlock: \{ index: (\d+) \}/.exec(city)![0];
    const text = fs.readFileSync(fire, "utf8");
    fs.writeFileSync(fire, text.replace(/addressBlock: \{ index: \d+ \}/, cityBlock));

    const first = await runTamna(ws, args, undefined, env);
    const second = await runTamna(ws, args, undefined, env);
    for (const result of [first, second]) {
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stderr).toMatch(/jeju-fire\.yaml:\d+/);
      expect(result.stderr).toMatch(/jeju-city\.yaml:\d+/);
    }
    expect(second.stderr).toBe(first.stderr);
  });
});
