/**
 * The estimate `tamna matrix` balances jobs by, against the resources the stacks really hold.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { estimatedResources } from "../../../lib/plan/stack-weight";
import { appStacks, buildApp, countElements } from "../../../stacks/app";
import { exampleRegion } from "../../helpers/example-region";

describe("estimatedResources", () => {
  describe("GIVEN every stack of the example region, built", () => {
    const { plan } = exampleRegion();
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-weight-"));
    const built = (() => {
      try {
        const app = buildApp(plan, { outdir, stacks: plan.stacks });
        return appStacks(app).map((stack) => countElements(stack).resources);
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    })();

    it("THEN each estimate is within a quarter of the stack's resource count", () => {
      plan.stacks.forEach((stack, index) => {
        const estimate = estimatedResources(stack);
        const actual = built[index]!;
        expect(estimate, stack.name).toBeGreaterThanOrEqual(0.75 * actual);
        expect(estimate, stack.name).toBeLessThanOrEqual(1.25 * actual);
      });
    });

    it("THEN the estimates rank the agency stacks as their resource counts do, give or take", () => {
      // Balancing needs the big stacks to look big: the heaviest estimate is a top-3 stack.
      const agencies = plan.stacks
        .map((stack, index) => ({ stack, actual: built[index]! }))
        .filter(({ stack }) => stack.layer === "agency");
      const byEstimate = [...agencies].sort(
        (a, b) => estimatedResources(b.stack) - estimatedResources(a.stack),
      );
      const byActual = [...agencies].sort((a, b) => b.actual - a.actual);
      expect(byActual.slice(0, 3).map((a) => a.stack.name)).toContain(byEstimate[0]!.stack.name);
    });
  });
});
