import { Command, CommanderError, Help, Option } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../lib/diff/provider-facts";
import { formatProblems, TamnaError } from "../lib/errors";
import { CSAP_TIERS } from "../lib/spec/agency-template";
import { agencyNew } from "./commands/agency-new";
import { capacity, CAPACITY_FORMATS } from "./commands/capacity";
import { cost, COST_FORMATS } from "./commands/cost";
import { diff, usageExitCode } from "./commands/diff";
import { graph, GRAPH_FORMATS } from "./commands/graph";
import { drReport } from "./commands/dr-report";
import { failover } from "./commands/failover";
import { list, LIST_FORMATS } from "./commands/list";
import { DEFAULT_MAX_JOBS, matrix } from "./commands/matrix";
import { clearStatusLine } from "./progress";
import { parseJobs, synth } from "./commands/synth";
import { FORMATS, validate } from "./commands/validate";

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** CommanderError code of a command that ends with an exit code of its own (validate). */
const COMMAND_EXIT = "tamna.commandExit";

/** Commands that write files (`new` is `agency new`): only their errors say that nothing was written. */
const WRITING_COMMANDS: ReadonlySet<string> = new Set(["synth", "failover", "new"]);

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The version of this package, as package.json says. */
function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8"));
  return String(manifest.version);
}

/** Help that marks required options, which commander's default help does not. */
const helpConfiguration: Partial<Help> = {
  optionDescription(option) {
    const text = new Help().optionDescription(option);
    return option.mandatory ? `${text} (required)` : text;
  },
};

function program(write: (text: string) => void): Command {
  const cli = new Command("tamna")
    .description("Terraform for a regional government OpenStack cloud, from agency YAML")
    .version(packageVersion(), "-V, --version", "print the version of tamna")
    .showHelpAfterError()
    .exitOverride()
    .configureHelp(helpConfiguration)
    .configureOutput({ writeOut: write, writeErr: (text) => process.stderr.write(text) });

  const regionOption = () =>
    new Option(
      "-r, --region <dir>",
      "region directory holding region.yaml and agencies/ (default: the working directory when it holds region.yaml, else the region named by the nearest tamna.json)",
    );

  cli
    .command("synth")
    .description("synthesize Terraform JSON for every stack, or those selected")
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency's stacks (repeatable)", collect)
    .option("-s, --stack <name>", "only this stack (repeatable)", collect)
    .option("-o, --out <dir>", "output directory", process.env.CDKTF_OUTDIR ?? "cdktf.out")
    .option("-q, --quiet", "print nothing on success", false)
    .option(
      "-j, --jobs <n>",
      "worker threads to synthesize in (default: one per core, when there are enough stacks)",
      parseJobs,
    )
    .option(
      "--changed-since <ref>",
      "only the stacks whose inputs changed since this git ref, updating the previous output",
    )
    .option(
      "--locked",
      "fail instead of writing a missing or changed placement lock (for CI)",
      false,
    )
    .option("--no-cache", "synthesize every stack: neither read nor write the synth cache")
    .option(
      "--cache-dir <dir>",
      "synth cache directory (default: $TAMNA_CACHE_DIR, else node_modules/.cache/tamna/synth of the project)",
    )
    .action((options) =>
      synth({
        cache: options.cache,
        cacheDir: options.cacheDir,
        region: options.region,
        agencies: options.agency,
        stacks: options.stack,
        out: options.out,
        quiet: options.quiet,
        jobs: options.jobs,
        changedSince: options.changedSince,
        locked: options.locked,
      }),
    );

  cli
    .command("list")
    .description("list stacks with layer, agency, site and resource counts")
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency's stacks (repeatable)", collect)
    .option("-s, --stack <name>", "only this stack (repeatable)", collect)
    .addOption(
      new Option("-f, --format <format>", "output format (default: text)").choices(LIST_FORMATS),
    )
    .option("--json", "the same as --format json", false)
    .action((options) =>
      list(
        {
          region: options.region,
          agencies: options.agency,
          stacks: options.stack,
          format: options.format,
          json: options.json,
        },
        write,
      ),
    );

  cli
    .command("matrix")
    .description(
      "print the stacks as a CI matrix (JSON): jobs of stacks by layer and apply order, their dependencies and state keys",
    )
    .addOption(regionOption())
    .option("-l, --layer <layer>", "only this layer's stacks: platform, tenancy or agency")
    .option("--changed-since <ref>", "only the stacks whose inputs changed since this git ref")
    .addOption(
      new Option(
        "--max-jobs <n>",
        `jobs per layer and apply order at most; stacks are grouped into jobs past it (default: ${DEFAULT_MAX_JOBS}, GitHub's matrix limit)`,
      ).argParser(parseJobs),
    )
    .addOption(
      new Option("--per-stack", "one entry per stack, ungrouped, however many").conflicts(
        "maxJobs",
      ),
    )
    .action((options) =>
      matrix(
        {
          region: options.region,
          layer: options.layer,
          changedSince: options.changedSince,
          maxJobs: options.maxJobs,
          perStack: options.perStack,
        },
        write,
      ),
    );

  cli
    .command("validate")
    .description(
      "validate the region offline: spec, construct validations, policy, provider schema, terraform validate",
    )
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency's stacks (repeatable)", collect)
    .option("-s, --stack <name>", "only this stack (repeatable)", collect)
    .addOption(
      new Option(
        "--json-dir <dir>",
        "validate Terraform JSON not written by tamna: DIR/*.tf.json, or DIR/stacks/*/cdk.tf.json",
      ).conflicts(["region", "agency", "stack"]),
    )
    .addOption(
      new Option("-f, --format <format>", "report format").choices(FORMATS).default("text"),
    )
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .option(
      "--no-terraform",
      "skip terraform validate even when terraform and the provider are installed",
    )
    .option("--no-cache", "parse every spec file: neither read nor write the parse cache")
    .option(
      "--cache-dir <dir>",
      "cache directory, shared with synth (default: $TAMNA_CACHE_DIR, else node_modules/.cache/tamna/synth of the project)",
    )
    .action(async (options) => {
      const code = await validate(
        {
          cache: options.cache,
          cacheDir: options.cacheDir,
          region: options.region,
          jsonDir: options.jsonDir,
          agencies: options.agency,
          stacks: options.stack,
          format: options.format,
          out: options.out,
          terraform: options.terraform,
        },
        write,
      );
      // 1 (findings) and 2 (bad input) pass through main as they are.
      if (code !== EXIT.ok) throw new CommanderError(code, COMMAND_EXIT, "");
    });

  const diffCommand: Command = cli
    .command("diff")
    .description(
      "what applying HEAD_DIR instead of BASE_DIR would do, offline, dangers first; or a git revision against the working tree",
    )
    .argument("[dirs...]", "BASE_DIR HEAD_DIR; with --base, at most HEAD_DIR")
    .option("--base <git-ref>", "synthesize this git revision in a temporary worktree as the base")
    .addOption(regionOption())
    .option("-f, --format <format>", "text, markdown (a pull-request comment) or json", "text")
    .option("--detailed-exitcode", "exit 0 without changes, 2 with changes, 1 on error", false)
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .option(
      "--date <YYYY-MM-DD>",
      "with --base: price both regions with the books in effect on this day (default: today, UTC)",
    )
    .exitOverride((error) => {
      // Usage errors exit 1 under --detailed-exitcode, as terraform's do (2 means changes there).
      if (error.exitCode === 0) throw error;
      const detailed = diffCommand.opts().detailedExitcode === true;
      throw new CommanderError(usageExitCode(detailed), COMMAND_EXIT, error.message);
    })
    .action(async (dirs: string[], options) => {
      const code = await diff(
        {
          dirs,
          base: options.base,
          region: options.region,
          format: options.format,
          detailedExitcode: options.detailedExitcode,
          out: options.out,
          date: options.date,
        },
        write,
      );
      if (code !== EXIT.ok) throw new CommanderError(code, COMMAND_EXIT, "");
    });

  cli
    .command("graph")
    .description(
      "draw an agency's topology per site (networks, routers, zones, systems, DR pairing) from the plan",
    )
    .addOption(regionOption())
    .requiredOption("-a, --agency <slug>", "the agency to draw")
    .option("-s, --site <site>", "only this site; DR pairings with other sites become notes")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(GRAPH_FORMATS)
        .default("mermaid"),
    )
    .option("-o, --out <file>", "write to this file instead of stdout")
    .action((options) =>
      graph(
        {
          region: options.region,
          agency: options.agency,
          site: options.site,
          format: options.format,
          out: options.out,
        },
        write,
      ),
    );

  cli
    .command("cost")
    .description(
      "each agency's monthly usage fee under the region's price book, by system, site and kind, and the share DR adds",
    )
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency (repeatable)", collect)
    .option("-s, --site <site>", "only this site's tenants")
    .addOption(
      new Option("-f, --format <format>", "report format").choices(COST_FORMATS).default("text"),
    )
    .option(
      "--date <YYYY-MM-DD>",
      "price with the book in effect on this day (default: today, UTC)",
    )
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .action((options) => {
      cost(
        {
          region: options.region,
          agencies: options.agency,
          site: options.site,
          format: options.format,
          date: options.date,
          out: options.out,
        },
        write,
      );
    });

  cli
    .command("capacity")
    .description(
      "planned vCPUs and RAM per availability zone against its hosts, and whether grade 1-2 systems restart after a site loses its largest zone",
    )
    .addOption(regionOption())
    .option("-s, --site <site>", "only this site")
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(CAPACITY_FORMATS)
        .default("text"),
    )
    .action((options) => {
      const code = capacity(
        { region: options.region, site: options.site, format: options.format },
        write,
      );
      if (code !== EXIT.ok) throw new CommanderError(code, COMMAND_EXIT, "");
    });

  // DR: the report of how each system recovers, and the switch of the site that serves it.
  const dr = cli.command("dr").description("disaster recovery: how each system recovers");
  dr.command("report")
    .description(
      "each system's DR mode, what is copied to the DR site and how, what runs there now and after a failover, DNS, and the manual steps",
    )
    .addOption(regionOption())
    .option("-a, --agency <slug>", "only this agency (repeatable)", collect)
    .addOption(
      new Option("-f, --format <format>", "report format (default: text)").choices([
        "text",
        "markdown",
        "json",
      ]),
    )
    .option("--json", "the same as --format json", false)
    .action((options) => {
      drReport(
        {
          region: options.region,
          agencies: options.agency,
          format: options.format,
          json: options.json,
        },
        write,
      );
    });
  cli
    .command("failover")
    .description(
      "switch the site that serves an agency's systems (or one system) by editing activeSite in its file",
    )
    .addOption(regionOption())
    .requiredOption("-a, --agency <slug>", "the agency")
    .option("-s, --system <name>", "only this system (default: every system of the agency)")
    .requiredOption("--to <site>", "the site to serve from: the DR site, or home to fail back")
    .action((options) => {
      failover(
        { region: options.region, agency: options.agency, system: options.system, to: options.to },
        write,
      );
    });

  // Agencies: a new agency file with the next free address block and every field explained.
  const agency = cli.command("agency").description("agency files: create one");
  agency
    .command("new")
    .description(
      "write agencies/SLUG.yaml: modeline, the lowest free address block at every site, a comment per field, an example system",
    )
    .argument("<slug>", "the agency's stable identifier, e.g. jeju-education")
    .addOption(regionOption())
    .requiredOption("-n, --name <name>", "display name; Korean is fine")
    .addOption(
      new Option("--csap-tier <tier>", "CSAP tier (default: a placeholder to fill in)").choices(
        CSAP_TIERS,
      ),
    )
    .option("--owner-name <name>", "the owner's name (default: a placeholder to fill in)")
    .option("--owner-email <email>", "the owner's email (default: a placeholder to fill in)")
    .option(
      "--sites <sites>",
      "comma-separated sites with a tenant (default: every site)",
      commaList,
    )
    .option("--zones <zones>", "comma-separated zones it uses (default: every zone)", commaList)
    .action((slug: string, options) => {
      agencyNew(
        {
          region: options.region,
          slug,
          name: options.name,
          csapTier: options.csapTier,
          ownerName: options.ownerName,
          ownerEmail: options.ownerEmail,
          sites: options.sites,
          zones: options.zones,
        },
        write,
      );
    });

  return cli;
}

/** A comma-separated option value as a list. */
const commaList = (value: string) => value.split(",").map((item) => item.trim());

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const cli = program(write);
  // `tamna` alone asks what it can do: the help, on stdout, and success.
  if (argv.length === 0) {
    write(cli.helpInformation());
    return EXIT.ok;
  }
  let running = "";
  cli.hook("preAction", (_root, command) => {
    running = command.name();
  });
  try {
    await cli.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    clearStatusLine();
    if (error instanceof CommanderError) {
      if (error.code === COMMAND_EXIT) return error.exitCode;
      // Help and version are not errors; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof TamnaError) {
      const count = error.problems.length;
      const written = WRITING_COMMANDS.has(running) ? "; nothing was written" : "";
      process.stderr.write(`tamna: ${count} problem${count === 1 ? "" : "s"}${written}\n`);
      for (const line of formatProblems(error.problems)) process.stderr.write(`  ${line}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
