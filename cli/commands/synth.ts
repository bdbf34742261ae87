import * as path from "node:path";
import { appStacks, buildApp, countElements } from "../../stacks/app";
import { assertReplaceableOutput, replaceDirectory } from "../output-dir";
import { Progress } from "../progress";
import { loadRegion } from "../region-context";
import { selectStacks, type Selection } from "../select";

export interface SynthOptions extends Selection {
  readonly region?: string;
  readonly out: string;
  readonly quiet: boolean;
}

/**
 * Synthesizes the selected stacks into `out`/stacks/<stack>/cdk.tf.json. The output directory
 * is replaced whole once synthesis has succeeded: it then holds exactly the selected stacks.
 */
export function synth(options: SynthOptions): void {
  const started = process.hrtime.bigint();
  const progress = new Progress(options.quiet);
  const { input, plan } = loadRegion(options.region);
  const stacks = selectStacks(plan, options);
  assertReplaceableOutput(options.out, [options.region ?? "."]);
  progress.info(
    `tamna: region ${plan.region}: ${Object.keys(input.region.spec.sites).length} sites, ` +
      `${input.agencies.length} agencies; synthesizing ${stacks.length} of ${plan.stacks.length} stacks`,
  );

  const totals = replaceDirectory(options.out, (staging) => {
    // The staging directory is a sibling of the final one, so relative paths written into the
    // output (local state files) stay right once it is renamed into place.
    const app = buildApp(plan, {
      outdir: staging,
      stacks,
      onStack: (stack, index, total) => progress.step(index, total, stack.name),
    });
    app.synth();
    let resources = 0;
    let dataSources = 0;
    for (const stack of appStacks(app)) {
      const counts = countElements(stack);
      resources += counts.resources;
      dataSources += counts.dataSources;
    }
    return { resources, dataSources };
  });

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress.info(
    `tamna: wrote ${stacks.length} stacks (${totals.resources} resources, ${totals.dataSources} data sources) ` +
      `to ${path.join(options.out, "stacks")} in ${seconds.toFixed(1)}s`,
  );
}
