/**
 * Progress and summaries go to stderr, so stdout stays clean for --json; --quiet silences them.
 * On a terminal the per-stack counter rewrites one line; elsewhere (CI logs) only summaries print.
 */
export class Progress {
  private readonly interactive: boolean;

  constructor(
    private readonly quiet: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.interactive = !quiet && stream.isTTY === true;
  }

  info(message: string): void {
    if (!this.quiet) this.stream.write(`${message}\n`);
  }

  step(index: number, total: number, label: string): void {
    if (!this.interactive) return;
    this.stream.write(`\r\x1b[2K[${index + 1}/${total}] ${label}`);
    if (index + 1 === total) this.stream.write("\r\x1b[2K");
  }
}
