/**
 * Progress on long runs: one rewritten status line on a terminal, a line per phase in a log.
 */
import { describe, expect, it } from "vitest";
import { clearStatusLine, formatDuration, Progress, stepStatus } from "../../cli/progress";

/** A stderr stand-in that records what is written, and a clock the test moves. */
function fakes(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  let now = 1_000;
  return {
    stream: { isTTY, columns, write: (text: string) => writes.push(text) },
    clock: () => now,
    advance: (ms: number) => (now += ms),
    writes,
    text: () => writes.join(""),
  };
}

describe("stepStatus", () => {
  it("GIVEN 40 of 100 stacks in 8 s THEN 5.0 stacks/s and 12 s left", () => {
    expect(stepStatus(40, 100, 8_000)).toBe("[40/100] 5.0 stacks/s, 0:12 left");
  });

  it("GIVEN 10 or more stacks a second THEN the rate has no decimals", () => {
    expect(stepStatus(900, 3670, 12_000)).toBe("[900/3670] 75 stacks/s, 0:37 left");
  });

  it("GIVEN no time elapsed yet THEN only the counter", () => {
    expect(stepStatus(1, 10, 0)).toBe("[1/10]");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [7.2, "0:08"],
    [750, "12:30"],
    [3723, "1:02:03"],
  ])("GIVEN %f s THEN %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("Progress", () => {
  describe("GIVEN a terminal", () => {
    it("THEN each step rewrites one line with done/total, rate and time left", () => {
      const f = fakes(true);
      const progress = new Progress(false, f.stream, f.clock);
      progress.phase("synthesize");
      f.advance(2_000);
      progress.step(9, 100, "agency-0009-jeju-cdc");
      expect(f.writes.at(-1)).toBe(
        "\r\x1b[2K[10/100] 5.0 stacks/s, 0:18 left  agency-0009-jeju-cdc",
      );
      expect(f.text()).not.toContain("\n");
    });

    it("THEN steps closer together than 100 ms are not redrawn", () => {
      const f = fakes(true);
      const progress = new Progress(false, f.stream, f.clock);
      progress.phase("synthesize");
      f.advance(1_000);
      progress.step(0, 100, "a");
      f.advance(10);
      progress.step(1, 100, "b");
      f.advance(100);
      progress.step(2, 100, "c");
      expect(f.writes.filter((w) => w.includes("stacks/s")).map((w) => w.slice(-1))).toEqual([
        "a",
        "c",
      ]);
    });

    it("THEN the line is cut to the terminal's width, so it never wraps", () => {
      const f = fakes(true, 30);
      const progress = new Progress(false, f.stream, f.clock);
      f.advance(1_000);
      progress.step(0, 100, "a-very-long-stack-name-that-would-wrap");
      expect(f.writes.at(-1)!.replace("\r\x1b[2K", "")).toHaveLength(29);
    });

    it("THEN a terminal that reports 0 columns (a pseudo-terminal without a size) gets 80", () => {
      const f = fakes(true, 0);
      const progress = new Progress(false, f.stream, f.clock);
      progress.phase(`load ${"x".repeat(200)}`);
      expect(f.writes.at(-1)!.replace("\r\x1b[2K", "")).toHaveLength(79);
    });

    it("THEN the last step clears the line, and a message clears it before printing", () => {
      const f = fakes(true);
      const progress = new Progress(false, f.stream, f.clock);
      progress.phase("plan");
      progress.info("tamna: planned");
      expect(f.writes.slice(-2)).toEqual(["\r\x1b[2K", "tamna: planned\n"]);
      f.advance(1_000);
      progress.step(0, 2, "a");
      progress.step(1, 2, "b");
      expect(f.writes.at(-1)).toBe("\r\x1b[2K");
    });
  });

  describe("GIVEN a log (not a terminal)", () => {
    it("THEN one line per phase with the time since the start, nothing per stack", () => {
      const f = fakes(false);
      const progress = new Progress(false, f.stream, f.clock);
      progress.phase("load");
      f.advance(400);
      progress.phase("plan");
      f.advance(1_100);
      progress.phase("synthesize");
      for (let i = 0; i < 1000; i++) {
        f.advance(50);
        progress.step(i, 1000, `stack-${i}`);
      }
      progress.phase("write");
      progress.info("tamna: wrote 1000 stacks");
      expect(f.text()).toBe(
        [
          "tamna: load (0.0s)",
          "tamna: plan (0.4s)",
          "tamna: synthesize (1.5s)",
          "tamna: write (51.5s)",
          "tamna: wrote 1000 stacks",
          "",
        ].join("\n"),
      );
    });
  });

  describe("GIVEN --quiet", () => {
    it.each([true, false])("WHEN isTTY is %s THEN nothing is written", (isTTY) => {
      const f = fakes(isTTY);
      const progress = new Progress(true, f.stream, f.clock);
      progress.phase("load");
      progress.info("tamna: hello");
      f.advance(1_000);
      progress.step(0, 2, "a");
      expect(f.writes).toEqual([]);
    });
  });
});

describe("clearStatusLine", () => {
  it.each([
    [true, ["\r\x1b[2K"]],
    [false, []],
  ])("GIVEN isTTY %s THEN it writes %j", (isTTY, expected) => {
    const f = fakes(isTTY);
    clearStatusLine(f.stream);
    expect(f.writes).toEqual(expected);
  });
});
