import {
  Fn,
  Lazy,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
  DefaultTokenResolver,
  StringConcat,
} from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import {
  cdktfOwnResolve,
  fastResolveEnabled,
  NUMBER_TOKEN_PATTERN,
  PLAIN_NUMBER_BOUND,
  RESOLVE_MODULE,
  setFastResolve,
  TOKEN_MARKER,
  useFastResolve,
} from "../../../lib/constructs/cdktf-fast-resolve";
import { IdentityProjectV3, OpenstackProvider } from "../../../lib/openstack";

/**
 * The fast path relies on cdktf internals (pinned cdktf 0.21.0). These tests fail loudly if a
 * cdktf release moves or changes them, and check the fast path against cdktf's own resolver.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolveModule = require(RESOLVE_MODULE) as { resolve: (...args: unknown[]) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const encoding = require("cdktf/lib/tokens/private/encoding") as {
  BEGIN_STRING_TOKEN_MARKER: string;
  BEGIN_LIST_TOKEN_MARKER: string;
  BEGIN_MAP_TOKEN_MARKER: string;
  TokenString: { forNumbers(s: string): { test(): boolean } };
  createTokenDouble(x: number, list: boolean): number;
};

const wasEnabled = fastResolveEnabled();
afterAll(() => setFastResolve(wasEnabled));

function scope() {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new OpenstackProvider(stack, "openstack", { cloud: "test" });
  const project = new IdentityProjectV3(stack, "project", { name: "p" });
  const variable = new TerraformVariable(stack, "size", { type: "number" });
  return { stack, project, variable };
}

/** Resolves with the fast path on or off, as cdktf's synth does (Tokenization.resolve). */
function resolveWith(enabled: boolean, stack: TerraformStack, value: unknown, preparing = false) {
  setFastResolve(enabled);
  return Tokenization.resolve(value, {
    scope: stack,
    preparing,
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
}

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("the fast path through cdktf's resolver", () => {
  describe("GIVEN cdktf's internals it relies on", () => {
    it("THEN Tokenization.resolve calls the resolver module's exported resolve at call time", () => {
      const { stack } = scope();
      const original = resolveModule.resolve;
      let calls = 0;
      resolveModule.resolve = (...args: unknown[]) => {
        calls++;
        return original(...args);
      };
      try {
        const resolved = Tokenization.resolve(["a"], {
          scope: stack,
          resolver: new DefaultTokenResolver(new StringConcat()),
        });
        expect(resolved).toEqual(["a"]);
      } finally {
        resolveModule.resolve = original;
      }
      expect(calls).toBe(1);
    });

    it("THEN every token marker holds the marker the fast path looks for", () => {
      expect(encoding.BEGIN_STRING_TOKEN_MARKER).toContain(TOKEN_MARKER);
      expect(encoding.BEGIN_LIST_TOKEN_MARKER).toContain(TOKEN_MARKER);
      expect(encoding.BEGIN_MAP_TOKEN_MARKER).toContain(TOKEN_MARKER);
      expect(Token.asString(Lazy.stringValue({ produce: () => "x" }))).toContain(TOKEN_MARKER);
      expect(Token.asList(Lazy.listValue({ produce: () => ["x"] }))[0]).toContain(TOKEN_MARKER);
      const map = Token.asStringMap(Lazy.anyValue({ produce: () => ({}) }));
      expect(Object.keys(map)[0]).toContain(TOKEN_MARKER);
    });

    it("THEN every number token lies beyond the bound of plain numbers", () => {
      for (const list of [false, true]) {
        for (const index of [0, 1, 2 ** 32, 2 ** 48 - 1]) {
          expect(Math.abs(encoding.createTokenDouble(index, list))).toBeGreaterThan(
            PLAIN_NUMBER_BOUND,
          );
        }
      }
      const number = Token.asNumber(Lazy.numberValue({ produce: () => 1 }));
      expect(Math.abs(number)).toBeGreaterThan(PLAIN_NUMBER_BOUND);
    });

    it("THEN its number-token pattern matches the strings cdktf's does", () => {
      const token = String(Token.asNumber(Lazy.numberValue({ produce: () => 1 })));
      const samples = [
        "plain",
        "1e5",
        "-e1",
        "site-ee",
        "10.0.0.0/22",
        "a1.5e+3b",
        "E5",
        "ee",
        "|e|",
        `x${token}y`,
        "제주 2e2",
      ];
      for (const text of samples) {
        expect(NUMBER_TOKEN_PATTERN.test(text), text).toBe(
          encoding.TokenString.forNumbers(text).test(),
        );
      }
    });
  });

  describe("GIVEN values with and without tokens of every kind", () => {
    const build = () => {
      const { stack, project, variable } = scope();
      const numberToken = Token.asNumber(Lazy.numberValue({ produce: () => 42 }));
      const value = {
        plain: "literal ${not a token} %{ directive } $${x}",
        numbery: ["1e5", "-e1", "site-ee"],
        ref: project.id,
        mixed: `id ${project.id} name ${project.name}`,
        fn: Fn.join(",", [project.id, "b"]),
        list: Token.asList(Lazy.listValue({ produce: () => ["a", project.id] })),
        number: numberToken,
        numberInString: `n=${numberToken}`,
        variable: variable.numberValue,
        numbers: [1, 2.5, -3, 0, 1e200, Number.MAX_SAFE_INTEGER],
        map: Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: project.id }) })),
        tokenKey: { [`key-${project.name}`]: "token key", other: [undefined] },
        lazy: Lazy.anyValue({ produce: () => ({ nested: [project.id, undefined, "x"] }) }),
        holes: [undefined, "a", undefined, [undefined], {}],
        empty: { gone: undefined, kept: null, no: false, yes: true },
        date: new Date(0),
        deep: { a: { b: { c: [{ d: project.id, e: "plain" }] } } },
      };
      return { stack, value };
    };

    it("THEN the fast path resolves them exactly as cdktf does, preparing or not", () => {
      for (const preparing of [false, true]) {
        const own = build();
        const expected = resolveWith(false, own.stack, own.value, preparing);
        const fast = build();
        const actual = resolveWith(true, fast.stack, fast.value, preparing);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        expect(actual).toEqual(expected);
      }
    });

    it("THEN the test itself compares against cdktf's own resolver", () => {
      setFastResolve(false);
      expect(resolveModule.resolve).toBe(cdktfOwnResolve);
      setFastResolve(true);
      expect(resolveModule.resolve).not.toBe(cdktfOwnResolve);
    });

    it("THEN values cdktf rejects are rejected with cdktf's message", () => {
      const { stack } = scope();
      const rejected: unknown[] = [
        { f: () => 1 },
        { nested: [stack] },
        { bad: "String Map Token Value" },
        { bad: Token.asList(Lazy.listValue({ produce: () => ["x"] }))[0] },
      ];
      for (const value of rejected) {
        const own = outcome(() => resolveWith(false, stack, value));
        const fast = outcome(() => resolveWith(true, stack, value));
        expect(own).toHaveProperty("error");
        expect(fast).toEqual(own);
      }
    });
  });

  describe("GIVEN the switch", () => {
    it("WHEN TAMNA_NO_FAST_RESOLVE=1 THEN the fast path is off, otherwise on", () => {
      useFastResolve({ TAMNA_NO_FAST_RESOLVE: "1" });
      expect(fastResolveEnabled()).toBe(false);
      useFastResolve({});
      expect(fastResolveEnabled()).toBe(true);
    });
  });
});
