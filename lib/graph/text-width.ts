/**
 * How wide a label really is, for Graphviz, which cannot tell. Graphviz (the WebAssembly build
 * @viz-js/viz uses, 16.1 at the time of writing) has no font files: it estimates text with
 * hard-coded metrics of Times, Helvetica/Arial and Courier, falls back to Times for any other
 * font (a CJK font first in the list included), and counts every byte of a non-ASCII character
 * as a space. A Hangul syllable (three UTF-8 bytes) is thus measured at 0.75 em where a Korean
 * font draws it 1 em wide, and Latin text in a CJK font is wider than Times too, so the boxes
 * came out too narrow. These estimates are deliberately generous instead; dot.ts gives every
 * node at least this width.
 */

/** East Asian wide characters: Hangul, CJK ideographs, kana, full-width forms. */
const WIDE =
  /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/** Widths in em: a wide character fills the em; Latin in a sans-serif CJK font averages under 0.6. */
const WIDE_EM = 1;
const NARROW_EM = 0.6;

/** Width of one line of text, in points, at `fontSize` points. */
export function textWidthPt(line: string, fontSize: number): number {
  let em = 0;
  for (const char of line) em += WIDE.test(char) ? WIDE_EM : NARROW_EM;
  return em * fontSize;
}

/** Whether a line has characters Graphviz measures worst (Hangul and other wide scripts). */
export function hasWideText(line: string): boolean {
  return WIDE.test(line);
}

/**
 * Shapes whose drawing is wider than the label box they hold: the factor on the label width
 * and the extra inches Graphviz adds for the shape's own decorations (the 3D edge of box3d, the
 * tabs of component and folder).
 */
const SHAPE_ROOM: Readonly<Record<string, { readonly factor: number; readonly extra: number }>> = {
  ellipse: { factor: Math.SQRT2, extra: 0 },
  hexagon: { factor: 1.3, extra: 0 },
  parallelogram: { factor: 1.3, extra: 0 },
  box3d: { factor: 1, extra: 0.1 },
  component: { factor: 1, extra: 0.2 },
  folder: { factor: 1, extra: 0.1 },
  note: { factor: 1, extra: 0.15 },
};

/** Graphviz's default horizontal node margin on each side of the label, in inches. */
const MARGIN_IN = 0.11;

/** The least node width, in inches, that holds every line of `lines` in a `shape`. */
export function nodeWidthInches(lines: readonly string[], fontSize: number, shape: string): number {
  const text = Math.max(0, ...lines.map((line) => textWidthPt(line, fontSize))) / 72;
  const room = SHAPE_ROOM[shape] ?? { factor: 1, extra: 0 };
  return (text + 2 * MARGIN_IN) * room.factor + room.extra;
}
