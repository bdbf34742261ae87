/**
 * The one error type of the library. A TamnaError carries one or more problems, each saying
 * where it is (spec file, line and field path, or construct path), what was received, what is
 * allowed and how to fix it. The CLI prints problems without a stack trace: they are user
 * mistakes, not bugs.
 */

/** Where a problem is: in a spec file, or in the construct tree. */
export interface Location {
  /** Spec file, relative to the working directory. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`. */
  readonly column?: number;
  /** Field path inside the file, e.g. `systems[0].grade`. */
  readonly path?: string;
  /** Construct path, for problems found while building stacks. */
  readonly construct?: string;
}

export interface Problem {
  readonly location: Location;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The value found, rendered short. */
  readonly received?: string;
  /** What would be accepted. */
  readonly allowed?: string;
  /** How to fix it. */
  readonly hint?: string;
}

export class TamnaError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems as Problem];
    super(formatProblems(list).join("\n"));
    this.name = "TamnaError";
    this.problems = list;
  }
}

/**
 * How many problems a message or the CLI prints: a hostile or badly broken file can hold
 * thousands (every key unknown), and the first ones say what is wrong.
 */
export const MAX_PRINTED_PROBLEMS = 50;

/**
 * Problems as lines of text, at most `limit` of them, then one line saying how many more there
 * are. The one place that decides how much of a long list is printed.
 */
export function formatProblems(
  problems: readonly Problem[],
  limit: number = MAX_PRINTED_PROBLEMS,
): string[] {
  const lines = problems.slice(0, limit).map(formatProblem);
  const more = problems.length - lines.length;
  if (more > 0) lines.push(`... and ${more} more problem${more === 1 ? "" : "s"}`);
  return lines;
}

export function formatLocation(location: Location): string {
  const parts: string[] = [];
  if (location.file) {
    let where = location.file;
    if (location.line !== undefined) where += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined)
      where += `:${location.column}`;
    parts.push(where);
  }
  if (location.path) parts.push(location.path);
  if (location.construct) parts.push(`construct ${location.construct}`);
  return parts.join(" ");
}

export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem.location);
  let text = where ? `${where}: ${problem.message}` : problem.message;
  if (problem.received !== undefined) text += `; received ${problem.received}`;
  if (problem.allowed !== undefined) text += `; allowed: ${problem.allowed}`;
  if (problem.hint !== undefined) text += `. Fix: ${problem.hint}`;
  return text;
}

/**
 * A TamnaError located at a construct: what a construct throws when its props cannot be built,
 * so the CLI prints it with the construct path instead of a stack trace.
 */
export function constructError(
  scope: { readonly node: { readonly path: string } },
  message: string,
  details: Omit<Problem, "location" | "message"> = {},
): TamnaError {
  return new TamnaError({ location: { construct: scope.node.path }, message, ...details });
}

/** Renders a value for a message: short, one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
