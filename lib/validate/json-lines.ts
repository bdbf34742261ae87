/**
 * Line numbers in a synthesized cdk.tf.json: where an address (and an attribute inside it)
 * is written, and which address and attribute a line belongs to. Lets findings of every layer
 * point into the output, and `terraform validate` diagnostics (which give lines) name the
 * resource they are about.
 */

/** A key path in the JSON document, e.g. ["resource", "openstack_x", "name", "tags", "0"]. */
type KeyPath = readonly string[];

export interface AddressedAttribute {
  readonly address: string;
  readonly attribute?: string;
}

const SEPARATOR = "\u0000";

export class JsonLines {
  private readonly lines = new Map<string, number>();
  private readonly byLine: { readonly line: number; readonly path: KeyPath }[] = [];

  constructor(text: string) {
    new Scanner(text, (path, line) => {
      const key = path.join(SEPARATOR);
      if (!this.lines.has(key)) {
        this.lines.set(key, line);
        this.byLine.push({ line, path });
      }
    }).document();
  }

  /** The line of an attribute of an address, or of the deepest part of it that exists. */
  lineOf(address: string, attribute?: string): number | undefined {
    const path = [...addressPath(address), ...attributeSteps(attribute)];
    for (let length = path.length; length > 0; length--) {
      const line = this.lines.get(path.slice(0, length).join(SEPARATOR));
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** Whether this document declares the address itself (not only, say, its type). */
  declares(address: string): boolean {
    return this.lines.has(addressPath(address).join(SEPARATOR));
  }

  /** The address and attribute written at `line`, or above it when the line holds none. */
  at(line: number): AddressedAttribute | undefined {
    let best: KeyPath | undefined;
    let bestLine = 0;
    for (const entry of this.byLine) {
      if (entry.line > line) continue;
      const better =
        entry.line > bestLine ||
        (entry.line === bestLine && entry.path.length > (best?.length ?? 0));
      if (better) {
        best = entry.path;
        bestLine = entry.line;
      }
    }
    return best ? pathAddress(best) : undefined;
  }
}

/** `openstack_x.name` → resource/openstack_x/name; `data.t.n`, `provider.p`, `output.o` alike. */
function addressPath(address: string): string[] {
  const parts = address.split(".");
  const [head, ...rest] = parts;
  switch (head) {
    case "data":
    case "provider":
    case "output":
    case "module":
      return [head, ...rest];
    case "var":
      return ["variable", ...rest];
    case "local":
      return ["locals", ...rest];
    case "terraform":
      return ["terraform", ...rest];
    default: {
      const block = /^(moved|import)\[(\d+)\]$/.exec(address);
      return block ? [block[1]!, block[2]!] : ["resource", ...parts];
    }
  }
}

/** `allocation_pool[0].start` → allocation_pool, 0, start; `tags["a.b"]` → tags, a.b. */
function attributeSteps(attribute: string | undefined): string[] {
  if (!attribute) return [];
  const steps: string[] = [];
  for (const match of attribute.matchAll(/([^.[\]]+)|\[(\d+|"(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else steps.push(match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]!);
  }
  return steps;
}

function pathAddress(path: KeyPath): AddressedAttribute | undefined {
  const [block, ...rest] = path;
  let address: string;
  let inner: readonly string[];
  switch (block) {
    case "resource":
      if (rest.length < 2) return undefined;
      address = `${rest[0]}.${rest[1]}`;
      inner = rest.slice(2);
      break;
    case "data":
      if (rest.length < 2) return undefined;
      address = `data.${rest[0]}.${rest[1]}`;
      inner = rest.slice(2);
      break;
    case "provider":
    case "output":
    case "module":
    case "variable":
    case "locals":
      if (rest.length < 1) return undefined;
      address = `${{ variable: "var", locals: "local" }[block as string] ?? block}.${rest[0]}`;
      inner = rest.slice(block === "provider" ? 2 : 1);
      break;
    default:
      return block === undefined ? undefined : { address: block };
  }
  const attribute = inner
    .filter((step) => step !== "//")
    .map((step, index) => (/^\d+$/.test(step) ? `[${step}]` : index === 0 ? step : `.${step}`))
    .join("");
  return attribute ? { address, attribute } : { address };
}

/** A JSON reader that reports the line of every object key and array element, nothing else. */
class Scanner {
  private index = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly record: (path: KeyPath, line: number) => void,
  ) {}

  document(): void {
    this.value([]);
  }

  private value(path: KeyPath): void {
    this.space();
    const char = this.text[this.index];
    if (char === "{") this.object(path);
    else if (char === "[") this.array(path);
    else if (char === '"') this.string();
    else {
      while (this.index < this.text.length && !",]} \t\r\n".includes(this.text[this.index]!)) {
        this.index++;
      }
    }
  }

  private object(path: KeyPath): void {
    this.index++;
    for (;;) {
      this.space();
      if (this.text[this.index] !== '"') {
        this.index++; // "}" (or a stray character, which valid JSON does not have)
        return;
      }
      const line = this.line;
      const key = this.string();
      const keyPath = [...path, key];
      this.record(keyPath, line);
      this.space();
      this.index++; // ":"
      this.value(keyPath);
      this.space();
      if (this.text[this.index] === ",") this.index++;
    }
  }

  private array(path: KeyPath): void {
    this.index++;
    for (let position = 0; ; position++) {
      this.space();
      if (this.text[this.index] === "]" || this.index >= this.text.length) {
        this.index++;
        return;
      }
      const elementPath = [...path, String(position)];
      this.record(elementPath, this.line);
      this.value(elementPath);
      this.space();
      if (this.text[this.index] === ",") this.index++;
    }
  }

  private string(): string {
    const start = this.index;
    this.index++;
    while (this.index < this.text.length && this.text[this.index] !== '"') {
      this.index += this.text[this.index] === "\\" ? 2 : 1;
    }
    this.index++;
    return JSON.parse(this.text.slice(start, this.index)) as string;
  }

  private space(): void {
    while (this.index < this.text.length) {
      const char = this.text[this.index];
      if (char === "\n") this.line++;
      else if (char !== " " && char !== "\t" && char !== "\r") return;
      this.index++;
    }
  }
}

/**
 * Findings with their line in the stack's cdk.tf.json filled in, where they have a stack and
 * an address and no line yet.
 */
export function withOutputLines<
  T extends { stack?: string; address?: string; attribute?: string; outputLine?: number },
>(findings: readonly T[], stacks: ReadonlyMap<string, JsonLines>): T[] {
  return findings.map((finding) => {
    if (finding.outputLine !== undefined || !finding.stack || !finding.address) return finding;
    const line = stacks.get(finding.stack)?.lineOf(finding.address, finding.attribute);
    return line === undefined ? finding : { ...finding, outputLine: line };
  });
}
