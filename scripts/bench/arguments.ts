/** The benchmark's command line; pure. */
import type { RunFacts } from "./report";

export const DEFAULT_SIZES = [10, 100, 1000];
export const QUICK_SIZES = [10, 100];

/** `--quick`, or sizes as numbers; none: the default sizes. */
export function parseArguments(args: readonly string[]): {
  mode: RunFacts["mode"];
  sizes: number[];
} {
  const quick = args.includes("--quick");
  const sizes = args.filter((arg) => arg !== "--quick").map(Number);
  const bad = sizes.find((size) => !Number.isInteger(size) || size < 1);
  if (bad !== undefined) throw new Error(`sizes are whole numbers of agencies; got ${bad}`);
  if (sizes.length > 0) return { mode: "sizes", sizes };
  return quick ? { mode: "quick", sizes: QUICK_SIZES } : { mode: "full", sizes: DEFAULT_SIZES };
}
