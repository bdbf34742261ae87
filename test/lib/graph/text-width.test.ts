import { describe, expect, it } from "vitest";
import { hasWideText, nodeWidthInches, textWidthPt } from "../../../lib/graph/text-width";

describe("text-width", () => {
  describe("GIVEN Hangul and Latin text", () => {
    it("THEN a Hangul syllable counts one em and a Latin character 0.6 em", () => {
      expect(textWidthPt("새올", 10)).toBe(20);
      expect(textWidthPt("ab", 10)).toBe(12);
      expect(textWidthPt("새 a", 10)).toBe(22);
      expect(hasWideText("grade 1 · DR none")).toBe(false);
      expect(hasWideText("인사급여 시스템")).toBe(true);
    });
  });

  describe("GIVEN several lines and shapes", () => {
    it("THEN the widest line sets the width, with margins and the shape's own room", () => {
      const box = nodeWidthInches(["ab", "새올행정시스템"], 10, "box");
      expect(box).toBeCloseTo(70 / 72 + 0.22, 5);
      expect(nodeWidthInches(["새올행정시스템"], 10, "ellipse")).toBeCloseTo(box * Math.SQRT2, 5);
      expect(nodeWidthInches(["새올행정시스템"], 10, "box3d")).toBeGreaterThan(box);
    });
  });
});
