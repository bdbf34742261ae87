import { Command, CommanderError, Option } from "commander";
import { formatProblem, TamnaError } from "../lib/errors";
import { list } from "./commands/list";
import { synth } from "./commands/synth";

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(write: (text: string) => void): Command {
  const cli = new Command("tamna")
    .description("Terraform for a regional government OpenStack cloud, from agency YAML")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: (text) => process.stderr.write(text) });

  const regionOption = () =>
    new Option(
      "-r, --region <dir>",
      "region directory holding region.yaml and agencies/ (default: .)",
    );

  cli
    .command("synth")
    .description("synthesize Terraform JSON for every stack, or those selected")
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency's stacks (repeatable)", collect)
    .option("-s, --stack <name>", "only this stack (repeatable)", collect)
    .option("-o, --out <dir>", "output directory", process.env.CDKTF_OUTDIR ?? "cdktf.out")
    .option("-q, --quiet", "print nothing on success", false)
    .action((options) =>
      synth({
        region: options.region,
        agencies: options.agency,
        stacks: options.stack,
        out: options.out,
        quiet: options.quiet,
      }),
    );

  cli
    .command("list")
    .description("list stacks with layer, agency, site and resource counts")
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency's stacks (repeatable)", collect)
    .option("-s, --stack <name>", "only this stack (repeatable)", collect)
    .option("--json", "machine-readable output", false)
    .action((options) =>
      list(
        {
          region: options.region,
          agencies: options.agency,
          stacks: options.stack,
          json: options.json,
        },
        write,
      ),
    );

  return cli;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  try {
    await program(write).parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof TamnaError) {
      const count = error.problems.length;
      process.stderr.write(
        `tamna: ${count} problem${count === 1 ? "" : "s"}; nothing was written\n`,
      );
      for (const problem of error.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
