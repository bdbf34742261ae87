import { instance, type Viz } from "@viz-js/viz";

/**
 * DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no `dot` binary, browser or
 * network needed, so CI and air-gapped operators get the same picture.
 */

// Compiling the WebAssembly module takes a moment; one instance serves every call.
let viz: Promise<Viz> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: "svg" });
}
