/**
 * A fast path through cdktf's token resolver for values that hold no token.
 *
 * cdktf resolves every element's JSON twice per synth (when preparing the stack and when
 * writing it) and then the merged stack once more. Its resolver (`tokens/private/resolve.js`)
 * makes a context with closures for every key and array item and runs token regular expressions
 * on every string, although most of a stack is literal text and numbers: in a profile of a
 * 150-agency synth it took 43% of the CPU time, and much of the garbage collection.
 *
 * This module replaces that resolver's entry point (the one `Tokenization.resolve` and so every
 * cdktf resolution calls) with a walk that copies token-free values itself, exactly as cdktf
 * would (plain objects and arrays rebuilt, `undefined` dropped, primitives and dates kept), and
 * hands every value that holds a token, or that it is unsure of, to cdktf's own resolver with
 * the same options and path. So tokens are resolved by cdktf, in the same order, with the same
 * side effects; the output is byte-identical (tested with and without it).
 *
 * This is the only place that touches cdktf internals for speed. cdktf is pinned at 0.21.0 and
 * archived; test/lib/constructs/cdktf-fast-resolve.test.ts fails loudly if the internals it
 * relies on change. `TAMNA_NO_FAST_RESOLVE=1` turns it off.
 */

interface ResolveOptions {
  readonly prefix?: readonly string[];
  readonly previousContext?: unknown;
  readonly [option: string]: unknown;
}

type Resolve = (obj: unknown, options: ResolveOptions) => unknown;

interface ResolveModule {
  resolve: Resolve;
}

/** The module whose exported `resolve` cdktf's `Tokenization.resolve` calls. */
export const RESOLVE_MODULE = "cdktf/lib/tokens/private/resolve";

/** Every cdktf token marker in a string (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) holds this. */
export const TOKEN_MARKER = "TfToken[";

/**
 * cdktf's pattern for number tokens encoded in strings (`NUMBER_TOKEN_REGEX` of
 * tokens/private/encoding.js): strings it matches go to cdktf.
 */
export const NUMBER_TOKEN_PATTERN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/**
 * cdktf encodes number tokens as doubles with the top 16 bits 0xfdff (list tokens 0xfbff): all
 * beyond 2^960 in magnitude. Numbers within this bound cannot be tokens; others go to cdktf.
 */
export const PLAIN_NUMBER_BOUND = 1e270;

/** Special values cdktf rejects in some contexts: they go to cdktf, which reports them. */
const STRING_MAP_TOKEN_VALUE = "String Map Token Value";
const ANY_MAP_TOKEN_VALUE = "Any Map Token Value";
const NUMBER_MAP_TOKEN_VALUE = -123456789;

/** Paths deeper than this go to cdktf, which rejects cycles at depth 200. */
const MAX_FAST_DEPTH = 100;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolveModule = require(RESOLVE_MODULE) as ResolveModule;
const cdktfResolve: Resolve = resolveModule.resolve;

/** Whether a string is sure to resolve to itself. */
function plainString(text: string): boolean {
  return (
    !text.includes(TOKEN_MARKER) &&
    text !== STRING_MAP_TOKEN_VALUE &&
    text !== ANY_MAP_TOKEN_VALUE &&
    !(text.includes("e") && NUMBER_TOKEN_PATTERN.test(text))
  );
}

/**
 * Object keys known to be plain. Keys repeat (attribute names) and are interned strings with
 * cached hashes, so a lookup is cheaper than the checks; bounded so a long process cannot grow it.
 */
const plainKeys = new Set<string>();
const MAX_PLAIN_KEYS = 100_000;

function plainKey(key: string): boolean {
  if (plainKeys.has(key)) return true;
  if (!plainString(key)) return false;
  if (plainKeys.size >= MAX_PLAIN_KEYS) plainKeys.clear();
  plainKeys.add(key);
  return true;
}

function plainNumber(value: number): boolean {
  return (
    value > -PLAIN_NUMBER_BOUND && value < PLAIN_NUMBER_BOUND && value !== NUMBER_MAP_TOKEN_VALUE
  );
}

/** A value walked here or handed to cdktf; `path` is the prefix below the entry point's. */
function fastResolve(value: unknown, options: ResolveOptions, path: (string | number)[]): unknown {
  switch (typeof value) {
    case "undefined":
      return undefined;
    case "string":
      return plainString(value) ? value : delegate(value, options, path);
    case "number":
      return plainNumber(value) ? value : delegate(value, options, path);
    case "object":
      break;
    case "function":
      return delegate(value, options, path); // cdktf rejects it with its message
    default:
      return value; // booleans, bigints, symbols: as cdktf keeps them
  }
  if (value === null || value instanceof Date) return value;
  if (path.length > MAX_FAST_DEPTH) return delegate(value, options, path);
  if (Array.isArray(value)) {
    // Lists with list tokens are resolved as a whole by cdktf; so are those with any token item.
    for (const item of value) {
      if (
        typeof item === "string"
          ? item.includes(TOKEN_MARKER)
          : typeof item === "number" && !plainNumber(item)
      ) {
        return delegate(value, options, path);
      }
    }
    const out: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      const item = fastResolve(value[index], options, path);
      path.pop();
      if (item !== undefined) out.push(item);
    }
    return out;
  }
  const object = value as Record<string, unknown>;
  // Tokens (anything with a resolve method), maps with token keys and constructs go to cdktf.
  if (typeof object.resolve === "function" || isConstruct(object)) {
    return delegate(value, options, path);
  }
  const keys = Object.keys(object);
  for (const key of keys) if (!plainKey(key)) return delegate(value, options, path);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const item = fastResolve(object[key], options, path);
    path.pop();
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/** cdktf's check that keeps constructs out of resolution. */
function isConstruct(value: Record<string, unknown>): boolean {
  return value._children !== undefined && value._metadata !== undefined;
}

function delegate(
  value: unknown,
  options: ResolveOptions,
  path: readonly (string | number)[],
): unknown {
  if (path.length === 0) return cdktfResolve(value, options);
  // cdktf's prefix names array items by their index as a string.
  return cdktfResolve(value, {
    ...options,
    prefix: [...(options.prefix ?? []), ...path.map(String)],
  });
}

/** The replacement entry point: top-level resolutions only (cdktf recurses internally). */
const resolveWithFastPath: Resolve = (obj, options) => {
  // Nested resolutions carry cdktf's context (suppressBraces, escapes, iterators): not ours.
  if (options.previousContext !== undefined) return cdktfResolve(obj, options);
  return fastResolve(obj, options, []);
};

/** Turns the fast path on or off for the whole process (cdktf's resolver is a singleton). */
export function setFastResolve(enabled: boolean): void {
  resolveModule.resolve = enabled ? resolveWithFastPath : cdktfResolve;
}

/** Whether the fast path is on. */
export function fastResolveEnabled(): boolean {
  return resolveModule.resolve === resolveWithFastPath;
}

/** Turns the fast path on unless `TAMNA_NO_FAST_RESOLVE=1`. Called when a tamna stack is made. */
export function useFastResolve(env: NodeJS.ProcessEnv = process.env): void {
  setFastResolve(env.TAMNA_NO_FAST_RESOLVE !== "1");
}

/** cdktf's own resolver, for tests comparing both. */
export const cdktfOwnResolve: Resolve = cdktfResolve;
