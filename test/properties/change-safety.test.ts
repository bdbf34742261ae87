import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXAMPLE_REGION_DIR } from "../helpers/example-region";
import { EDIT_KINDS, editSequence, type EditKind } from "./change-safety/edits";
import {
  checkEdit,
  describeFailure,
  lockedState,
  readRegionState,
  runSequence,
  StackOutputs,
  type SequenceResult,
} from "./change-safety/harness";

/**
 * The change-safety suite (issue 12): random sequences of routine edits to the example region,
 * each edit synthesized and diffed through the library. No edit may replace anything, and each
 * may destroy only what it removes. `npm test` runs a fixed sample of 100 sequences;
 * `npm run test:change-safety` runs 1,000. Sequence i uses seed FIRST_SEED + i, so any sequence
 * replays alone with TAMNA_CHANGE_SAFETY_SEED=<its seed> TAMNA_CHANGE_SAFETY_RUNS=1.
 */
const RUNS = Number(process.env.TAMNA_CHANGE_SAFETY_RUNS ?? 100);
const FIRST_SEED = Number(process.env.TAMNA_CHANGE_SAFETY_SEED ?? 20261205);
const TEST_FILE = "test/properties/change-safety.test.ts";

/** The sample is large enough to say something about the generator itself. */
const JUDGE_GENERATOR = RUNS >= 50;

describe("change safety", () => {
  describe(`GIVEN the example region and ${RUNS} random sequences of 1 to 5 routine edits`, () => {
    it(
      "THEN no edit replaces a resource, and each destroys only what it removes",
      async () => {
        const started = Date.now();
        const outputs = new StackOutputs();
        const start = outputs.synthesize(readRegionState(EXAMPLE_REGION_DIR));
        const results: SequenceResult[] = [];
        for (let i = 0; i < RUNS; i++) {
          const seed = FIRST_SEED + i;
          const [choices] = fc.sample(editSequence, { seed, numRuns: 1 });
          results.push(runSequence(seed, choices!, start, outputs));
          // Lets vitest's worker answer its runner: a run of minutes must not block it throughout.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const seconds = (Date.now() - started) / 1000;
        const tally = tallyOf(results);
        console.log(
          `change-safety: ${results.length} sequences, ${tally.edits} edits (${tally.rejected} rejected, ${tally.skipped} skipped), ${tally.violations} violations in ${seconds.toFixed(1)} s` +
            ` (${outputs.synthesized} stacks synthesized, ${outputs.reused} reused)\n` +
            `  accepted by kind: ${EDIT_KINDS.map((k) => `${k} ${tally.accepted.get(k) ?? 0}`).join(", ")}\n` +
            [...tally.rejections]
              .sort((a, b) => b[1] - a[1])
              .map(([reason, n]) => `  rejected ${n}x: ${reason}`)
              .join("\n"),
        );

        const failures = results.filter((r) => r.edits.some((e) => e.findings.length > 0));
        const replay = (seed: number) =>
          `TAMNA_CHANGE_SAFETY_SEED=${seed} TAMNA_CHANGE_SAFETY_RUNS=1 npx vitest run ${TEST_FILE}`;
        expect(
          failures.length,
          `${failures.length} of ${results.length} sequences broke the contract:\n\n` +
            failures
              .slice(0, 10)
              .map((r) => describeFailure(r, replay(r.seed)))
              .join("\n\n"),
        ).toBe(0);

        if (JUDGE_GENERATOR) {
          // Rejections are edits that tested nothing: a generator that mostly hits spec rules
          // would let the suite pass without exercising the contract.
          expect(tally.rejected / tally.edits, "share of edits rejected").toBeLessThan(0.1);
          for (const kind of EDIT_KINDS)
            expect(tally.accepted.get(kind) ?? 0, `accepted ${kind} edits`).toBeGreaterThan(0);
        }
      },
      60_000 + RUNS * 3_000,
    );
  });
});

describe("change safety, a known finding", () => {
  describe("GIVEN the example region WHEN a flow's description changes", () => {
    // Flow descriptions become security group rule descriptions, which the OpenStack provider
    // cannot update in place: every rule of the flow is replaced (deleted, then created). This
    // pins that finding until lib/ keeps descriptions out of the rules or the diff calls it out;
    // the generator leaves flow descriptions out meanwhile.
    it("THEN (known finding) the flow's security group rules are replaced, and nothing else", () => {
      const outputs = new StackOutputs();
      const start = outputs.synthesize(readRegionState(EXAMPLE_REGION_DIR));
      const state = lockedState(start);
      const region = structuredClone(state.region);
      region.flows[0].description = "web to WAS, renamed";
      const after = outputs.synthesize({ ...state, region });
      const effect = { removedSystems: [], removedWorkloads: [], scaledDown: [] };
      const findings = checkEdit(start, after, effect);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.address).toMatch(/^openstack_networking_secgroup_rule_v2\./);
        expect(finding.problem).toMatch(/^replaced \(description forces replacement\)$/);
      }
    });
  });
});

interface Tally {
  readonly edits: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly violations: number;
  readonly accepted: ReadonlyMap<EditKind, number>;
  readonly rejections: ReadonlyMap<string, number>;
}

function tallyOf(results: readonly SequenceResult[]): Tally {
  const accepted = new Map<EditKind, number>();
  const rejections = new Map<string, number>();
  let edits = 0;
  let rejected = 0;
  let skipped = 0;
  let violations = 0;
  for (const edit of results.flatMap((r) => r.edits)) {
    edits++;
    violations += edit.findings.length;
    if (edit.status === "skipped") skipped++;
    else if (edit.status === "rejected") {
      rejected++;
      // Numbers vary by target; the rule does not.
      const reason = `${edit.kind}: ${edit.rejection!.replace(/[0-9]+/g, "N")}`;
      rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
    } else accepted.set(edit.kind, (accepted.get(edit.kind) ?? 0) + 1);
  }
  return { edits, rejected, skipped, violations, accepted, rejections };
}
