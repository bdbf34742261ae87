import { resolve, type SourceFile } from "./imports";

/**
 * The layers of the codebase and the rules between them, as pure functions over an import graph
 * so that a test can show each rule failing on synthetic input.
 *
 * A file imports files of its own layer or of a layer with a lower rank. cdktf is end-of-life:
 * its imports stay in the construct layer and the applications (stacks, examples), so that the
 * domain (spec, plan) and the consumers can move to a fork or to plain HCL cheaply.
 */

export interface Layer {
  readonly name: string;
  readonly rank: number;
  /** Directories and files, relative to the repository root. */
  readonly paths: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  {
    name: "base",
    rank: 0,
    paths: ["lib/errors.ts", "lib/finding.ts", "lib/names.ts", "lib/net", "lib/template.ts"],
  },
  { name: "spec", rank: 1, paths: ["lib/spec"] },
  { name: "plan", rank: 2, paths: ["lib/plan"] },
  {
    name: "consumers",
    rank: 3,
    paths: ["lib/cost", "lib/diff", "lib/graph", "lib/policy", "lib/report", "lib/validate"],
  },
  { name: "constructs", rank: 4, paths: ["lib/constructs", "lib/openstack.ts"] },
  /** The package's public face: re-exports from every library layer. */
  { name: "api", rank: 5, paths: ["lib/index.ts"] },
  { name: "stacks", rank: 5, paths: ["stacks"] },
  /** A user's own stacks: the library only, never this repository's stacks or CLI. */
  { name: "examples", rank: 5, paths: ["examples"] },
  { name: "cli", rank: 6, paths: ["cli"] },
];

/** The generated bindings: reached only through their one entry point. */
const BINDINGS = ".gen";
const BINDINGS_ENTRY = "lib/openstack.ts";

/** Packages of the CDK, and the layers that may import them. */
const CDK_PACKAGES = new Set(["cdktf", "constructs"]);
const CDK_LAYERS = new Set(["constructs", "stacks", "examples"]);
/**
 * Files outside those layers that may use the `constructs` API (not cdktf): the construct
 * layer of `tamna validate` asks constructs for their validations.
 */
const CONSTRUCTS_API_USERS = new Set(["lib/validate/construct.ts"]);

function within(file: string, entry: string): boolean {
  return file === entry || file.startsWith(`${entry}/`);
}

export function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) => layer.paths.some((entry) => within(file, entry)));
}

/** Every import that breaks a layer rule, as `file -> import: why`. */
export function violations(files: readonly SourceFile[]): string[] {
  const known = new Set(files.map((file) => file.path));
  const found: string[] = [];
  for (const file of files) {
    const own = layerOf(file.path);
    if (!own) {
      found.push(`${file.path}: in no layer; add its directory to LAYERS`);
      continue;
    }
    for (const specifier of file.imports) {
      const target = resolve(file.path, specifier, known);
      const report = (why: string) => found.push(`${file.path} -> ${specifier}: ${why}`);
      if ("package" in target) {
        const allowed =
          CDK_LAYERS.has(own.name) ||
          (target.package === "constructs" && CONSTRUCTS_API_USERS.has(file.path));
        if (CDK_PACKAGES.has(target.package) && !allowed) {
          report(`${target.package} is imported only in ${[...CDK_LAYERS].join(", ")}`);
        }
        continue;
      }
      if (within(target.file, BINDINGS)) {
        if (file.path !== BINDINGS_ENTRY)
          report(`the bindings are imported only by ${BINDINGS_ENTRY}`);
        continue;
      }
      const theirs = layerOf(target.file);
      if (!theirs) report(`${target.file} is in no layer`);
      else if (theirs !== own && theirs.rank >= own.rank) {
        report(`${own.name} (rank ${own.rank}) imports ${theirs.name} (rank ${theirs.rank})`);
      }
    }
  }
  return found;
}

/** Edges between the known files, by resolved path. */
export function fileGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const known = new Set(files.map((file) => file.path));
  return new Map(
    files.map((file) => [
      file.path,
      file.imports
        .map((specifier) => resolve(file.path, specifier, known))
        .flatMap((target) => ("file" in target && known.has(target.file) ? [target.file] : [])),
    ]),
  );
}

/** The same graph between modules: a file of lib/ stands for itself, a directory for its files. */
export function moduleGraph(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const moduleOf = (file: string) => file.split("/").slice(0, 2).join("/");
  const modules = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    const edges = modules.get(from) ?? new Set<string>();
    for (const target of targets) if (moduleOf(target) !== from) edges.add(moduleOf(target));
    modules.set(from, edges);
  }
  return new Map([...modules].map(([module, edges]) => [module, [...edges].sort()]));
}

/**
 * The import cycles, one per strongly connected component (Tarjan), each as a path
 * `a -> b -> ... -> a` through the component and the files also in it, to show where to cut.
 */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: Set<string>[] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== node);
    if (component.size > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => cyclePath(graph, component)).sort();
}

/**
 * A shortest cycle through the component's first node (breadth-first, inside the component),
 * and the component's other members.
 */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, component: Set<string>): string {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        const rest = [...component].filter((member) => !path.includes(member)).sort();
        const knot = rest.length > 0 ? ` (the knot also holds ${rest.join(", ")})` : "";
        return `${[...path, start].join(" -> ")}${knot}`;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return start;
}
