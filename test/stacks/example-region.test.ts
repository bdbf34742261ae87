import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../stacks/app";
import { exampleRegion } from "../helpers/example-region";

/**
 * The whole example region, synthesized in process. The snapshot makes every change to the
 * output, including a renamed construct ID (a changed Terraform address), visible in review.
 */
describe("the Jeju example region", () => {
  const { plan } = exampleRegion();
  const dirs: string[] = [];
  const synthesizeTo = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-example-"));
    dirs.push(dir);
    buildApp(plan, { outdir: dir }).synth();
    return dir;
  };
  const first = synthesizeTo();
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const stackJson = (dir: string, stack: string) =>
    fs.readFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), "utf8");

  it("THEN it has a platform stack per site and tenancy and agency stacks per agency and site", () => {
    const layers = plan.stacks.map((s) => `${s.layer}:${s.name}`);
    expect(layers.filter((l) => l.startsWith("platform:"))).toEqual([
      "platform:platform-jeju-cdc",
      "platform:platform-mainland-drc",
    ]);
    // six agencies, five of them at both sites, and the PaaS-TA foundation at both sites
    expect(layers.filter((l) => l.startsWith("tenancy:"))).toHaveLength(13);
    expect(layers.filter((l) => l.startsWith("agency:"))).toHaveLength(11);
    expect(layers.filter((l) => l.startsWith("paasta:"))).toEqual([
      "paasta:paasta-jeju-cdc",
      "paasta:paasta-mainland-drc",
    ]);
    expect(fs.readdirSync(path.join(first, "stacks")).sort()).toEqual(
      plan.stacks.map((s) => s.name).sort(),
    );
  });

  it("THEN synthesizing twice gives byte-identical output", () => {
    const second = synthesizeTo();
    for (const stack of plan.stacks) {
      expect(stackJson(second, stack.name)).toBe(stackJson(first, stack.name));
    }
    expect(fs.readFileSync(path.join(second, "manifest.json"), "utf8")).toBe(
      fs.readFileSync(path.join(first, "manifest.json"), "utf8"),
    );
  });

  for (const stack of plan.stacks) {
    it(`THEN stack ${stack.name} matches its snapshot`, () => {
      expect(JSON.parse(stackJson(first, stack.name))).toMatchSnapshot();
    });
  }
});
