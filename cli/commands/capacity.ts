import { capacityReport, formatCapacityJson, formatCapacityText } from "../../lib/cost";
import { TamnaError } from "../../lib/errors";
import { loadRegion } from "../region-context";

export const CAPACITY_FORMATS = ["text", "json"] as const;
export type CapacityFormat = (typeof CAPACITY_FORMATS)[number];

export interface CapacityOptions {
  readonly region?: string;
  /** Only this site. @default every site */
  readonly site?: string;
  /** @default "text" */
  readonly format?: CapacityFormat;
}

/** Exit codes: 0 every zone holds its load (warnings allowed), 1 a zone is over capacity. */
export const CAPACITY_EXIT = { ok: 0, overCapacity: 1 } as const;

/**
 * `tamna capacity`: planned use against each zone's hosts, and whether the grade 1-2 systems
 * restart when a site loses its largest zone. Reads the plan only.
 */
export function capacity(options: CapacityOptions, write: (text: string) => void): number {
  const { input, plan } = loadRegion(options.region);
  const sites = Object.keys(input.region.spec.sites).sort();
  if (options.site !== undefined && !sites.includes(options.site)) {
    throw new TamnaError({
      location: {},
      message: `--site ${options.site}: no such site`,
      received: options.site,
      allowed: sites.join(", "),
    });
  }
  const full = capacityReport(input.region, plan);
  const report =
    options.site === undefined
      ? full
      : {
          zones: full.zones.filter((zone) => zone.site === options.site),
          zoneLoss: full.zoneLoss.filter((loss) => loss.site === options.site),
          problems: full.problems.filter((problem) => problem.site === options.site),
        };
  write((options.format === "json" ? formatCapacityJson : formatCapacityText)(report));
  return report.problems.some((problem) => problem.level === "error")
    ? CAPACITY_EXIT.overCapacity
    : CAPACITY_EXIT.ok;
}
