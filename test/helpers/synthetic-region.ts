import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../lib/spec/load";
import { EXAMPLE_REGION_DIR } from "./example-region";

type RegionObject = Parameters<typeof regionInputFromObjects>[0];
type AgencyObject = Parameters<typeof regionInputFromObjects>[1][number];

/** One /22 per agency in a /12 per site: room for 1,024 agencies. */
const SUPERNETS = { "jeju-cdc": "10.0.0.0/12", "mainland-drc": "10.16.0.0/12" };

/**
 * A region of `count` agencies made in memory from the test fixture's agency files in turn
 * (`agency-0000`, `agency-0001`, ...), for tests of scale. Fixed IPs are dropped (they belong
 * to the template's address block), so Neutron picks addresses; the rest is the template's.
 */
export function syntheticRegionPlan(count: number): RegionPlan {
  const read = (file: string): unknown => parse(fs.readFileSync(file, "utf8"));
  const region = read(path.join(EXAMPLE_REGION_DIR, "region.yaml")) as RegionObject & {
    addressPlan: { supernets: Record<string, string> };
  };
  region.addressPlan.supernets = { ...SUPERNETS };
  // Agencies take every block in order: the example's PaaS-TA foundation would clash with one.
  delete (region as { platforms?: unknown }).platforms;
  const agencyDir = path.join(EXAMPLE_REGION_DIR, "agencies");
  const templates = fs
    .readdirSync(agencyDir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => read(path.join(agencyDir, file)) as AgencyTemplate);
  const agencies = Array.from({ length: count }, (_, index) => {
    const agency = structuredClone(templates[index % templates.length]!);
    for (const system of agency.systems ?? []) {
      for (const workload of system.workloads) delete workload.fixedIps;
    }
    const slug = `agency-${String(index).padStart(4, "0")}`;
    return { ...agency, slug, name: `${agency.name} ${index}`, addressBlock: { index } };
  });
  return planRegion(regionInputFromObjects(region, agencies as AgencyObject[]));
}

interface AgencyTemplate {
  name: string;
  systems?: { workloads: { fixedIps?: string[] }[] }[];
}
