/**
 * Progress and summaries go to stderr, so stdout stays clean for --json; --quiet silences them.
 * On a terminal one status line is rewritten in place: the phase, then stacks done of the total,
 * the rate and the time left. Elsewhere (CI logs) a line per phase and nothing per stack, so a
 * thousand stacks do not bury the log.
 */

/** What Progress writes to: stderr, or a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** Terminal width; the status line is cut to it so that it never wraps. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Milliseconds from any fixed point. */
export type Clock = () => number;

/** A terminal is not redrawn more often than this (a fast synth reports hundreds a second). */
const REDRAW_MS = 100;
const CLEAR_LINE = "\r\x1b[2K";

export class Progress {
  private readonly interactive: boolean;
  private readonly started: number;
  private phaseStarted: number;
  /** The status line on screen, if any: info() clears it first. */
  private status = "";
  private lastDrawn = -Infinity;

  constructor(
    private readonly quiet: boolean,
    private readonly stream: ProgressStream = process.stderr,
    private readonly clock: Clock = () => performance.now(),
  ) {
    this.interactive = !quiet && stream.isTTY === true;
    this.started = clock();
    this.phaseStarted = this.started;
  }

  info(message: string): void {
    if (this.quiet) return;
    this.clearStatus();
    this.stream.write(`${message}\n`);
  }

  /**
   * A phase of the run begins (load, plan, synthesize, write). In a log: one line with the time
   * since the run began; on a terminal: the status line. Rates and time left count from here.
   */
  phase(name: string): void {
    this.phaseStarted = this.clock();
    if (this.quiet) return;
    if (this.interactive) {
      this.draw(`tamna: ${name}...`, true);
    } else {
      this.stream.write(`tamna: ${name} (${formatSeconds(this.phaseStarted - this.started)})\n`);
    }
  }

  /** Stack `index` (0-based) of `total` is done. Terminal only: logs get the phase lines. */
  step(index: number, total: number, label: string): void {
    if (!this.interactive) return;
    const done = index + 1;
    if (done >= total) {
      this.clearStatus();
      return;
    }
    this.draw(`${stepStatus(done, total, this.clock() - this.phaseStarted)}  ${label}`, false);
  }

  private draw(line: string, always: boolean): void {
    const now = this.clock();
    if (!always && now - this.lastDrawn < REDRAW_MS) return;
    this.lastDrawn = now;
    // A pseudo-terminal without a size reports 0 columns.
    const width = (this.stream.columns || 80) - 1;
    this.status = line.length > width ? line.slice(0, Math.max(0, width)) : line;
    this.stream.write(`${CLEAR_LINE}${this.status}`);
  }

  private clearStatus(): void {
    if (this.status === "") return;
    this.stream.write(CLEAR_LINE);
    this.status = "";
    this.lastDrawn = -Infinity;
  }
}

/** Erases a status line a run left behind when it failed, before its error is printed. */
export function clearStatusLine(stream: ProgressStream = process.stderr): void {
  if (stream.isTTY === true) stream.write(CLEAR_LINE);
}

/**
 * `[done/total] rate stacks/s, time left`: the rate is the phase's average so far, which a
 * batch-wise synth makes steadier than the last few stacks' would be.
 */
export function stepStatus(done: number, total: number, elapsedMs: number): string {
  const counter = `[${done}/${total}]`;
  if (elapsedMs <= 0) return counter;
  const rate = done / (elapsedMs / 1000);
  const left = (total - done) / rate;
  return `${counter} ${rate.toFixed(rate < 10 ? 1 : 0)} stacks/s, ${formatDuration(left)} left`;
}

/** 0:07, 12:30, 1:02:03: minutes and seconds, hours when it takes them. */
export function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
