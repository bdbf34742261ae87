import { TamnaError } from "../errors";
import type { SystemPlan, WorkloadPlan } from "../plan/compute-types";
import type { PaastaSitePlan } from "../plan/paasta";
import type { PaastaStackPlan, RegionPlan } from "../plan/region-plan";
import type { Sourced } from "../spec/sourced";
import type { RegionSpec } from "../spec/region";
import type { PriceBook } from "../spec/prices";
import { flavorGpus } from "../spec/catalogue";
import { minorUnitDigits } from "../spec/price-checks";
import type { CostKind, CostLine, CostModel, CostNote, DrReason } from "./model";
import { discounted, sum, times, toMinor, type Minor } from "./money";
import { priceBookOn, regionPrices } from "./price-book";

/**
 * Prices a region plan with the book in effect on `date`. The plan is what synth builds from, so
 * the cost is of exactly what would be applied: standby systems at their standby size, every
 * volume at its size and type, a floating IP only where a load balancer is public.
 */
export function costModel(
  region: Sourced<RegionSpec>,
  plan: RegionPlan,
  date: string,
  /** Price with another region's prices (a base without a price book, in tamna diff). @default the region's */
  pricesOf: Sourced<RegionSpec> = region,
): CostModel {
  const prices = regionPrices(pricesOf);
  const book = priceBookOn(pricesOf, date);
  const digits = minorUnitDigits(prices.currency);
  const priced = new Pricer(region.spec, book, digits);
  const lines = plan.stacks
    .flatMap((stack) => {
      const drSite = region.spec.sites[stack.site]!.role === "dr";
      if (stack.layer === "paasta") return priced.foundationLines(stack.foundation, drSite);
      if (stack.layer !== "agency") return [];
      return stack.compute.systems.flatMap((system) =>
        priced.systemLines(stack.agency, stack.site, system, drSite),
      );
    })
    .sort(compareLines);
  return {
    currency: prices.currency,
    digits,
    period: prices.period,
    date,
    priceBook: book.effective,
    lines,
    notes: foundationNotes(plan),
  };
}

/**
 * A foundation's VMs and persistent disks are BOSH's: they exist only after `bosh deploy`, so
 * the plan (and this price) has what Terraform creates, and the note says what bounds the rest.
 */
function foundationNotes(plan: RegionPlan): CostNote[] {
  const stacks = plan.stacks.filter((stack): stack is PaastaStackPlan => stack.layer === "paasta");
  const names = [...new Set(stacks.map((stack) => stack.agency))].sort();
  return names.map((name) => {
    const own = stacks.filter((stack) => stack.agency === name);
    const { quota } = own[0]!.foundation;
    return {
      agency: name,
      sites: own.map((stack) => stack.site).sort(),
      text:
        `PaaS-TA foundation ${name}: the VMs and disks BOSH deploys into its project, and the Cloud Controller's blobstore objects, are not in the plan and not priced, ` +
        `only what Terraform creates (the routers' load balancer and its floating IP); ` +
        `its quota bounds them at each site: ${quota.instances} instances, ${quota.cores} vCPUs, ${quota.ramGiB} GiB RAM, ${quota.volumeGiB} GiB of volumes`,
    };
  });
}

class Pricer {
  constructor(
    private readonly region: RegionSpec,
    private readonly book: PriceBook,
    private readonly digits: number,
  ) {}

  private minor(amount: number): Minor {
    return toMinor(amount, this.digits);
  }

  /**
   * What Terraform creates for a foundation at a site and has a price: the routers' load balancer
   * and its floating IP (the blobstore's containers have no size in the plan: what the Cloud
   * Controller puts in them is its own). At the standby site it is all DR cost.
   */
  foundationLines(foundation: PaastaSitePlan, drSite: boolean): CostLine[] {
    const reason: DrReason | undefined =
      foundation.role === "standby" ? "standby" : drSite ? "drSite" : undefined;
    const lb = foundation.loadBalancer;
    return this.loadBalancerLines(lb.name, lb, (item, unit, unitPrice) => ({
      agency: foundation.foundation,
      site: foundation.site,
      system: foundation.foundation,
      kind: "network",
      item,
      quantity: 1,
      unit,
      unitPrice,
      amount: unitPrice,
      ...(reason ? { dr: reason } : {}),
    }));
  }

  systemLines(agency: string, site: string, system: SystemPlan, drSite: boolean): CostLine[] {
    const standby = system.role === "standby";
    // The standby's whole cost is DR; at a DR site everything is; elsewhere, only replication.
    const reason = (replicated: boolean): DrReason | undefined =>
      standby ? "standby" : drSite ? "drSite" : replicated ? "replicated" : undefined;
    const line = (
      kind: CostKind,
      item: string,
      quantity: number,
      unit: string,
      unitPrice: Minor,
      replicated = false,
      amount = times(unitPrice, quantity),
    ): CostLine => {
      const dr = reason(replicated);
      return {
        agency,
        site,
        system: system.name,
        kind,
        item,
        quantity,
        unit,
        unitPrice,
        amount,
        ...(dr ? { dr } : {}),
      };
    };
    const lines: CostLine[] = [];
    for (const workload of system.workloads) {
      const count = workload.instances.length;
      if (count > 0) {
        const price = this.flavorPrice(workload.flavor);
        const full = times(price, count);
        const amount = standby ? discounted(full, this.book.drStandbyDiscountPercent) : full;
        lines.push(
          line(
            "compute",
            `${workload.name}: ${count} x ${workload.flavor}`,
            count,
            "instance",
            price,
            false,
            amount,
          ),
        );
      }
      for (const [type, sizeGiB] of volumeGiBByType(workload)) {
        const price = this.minor(this.priced(this.book.volumeGiB[type], `volume type "${type}"`));
        const replicated = this.region.volumeTypes[type]!.replicated;
        lines.push(line("storage", `${workload.name}/${type}`, sizeGiB, "GiB", price, replicated));
      }
      const lb = workload.loadBalancer;
      if (lb) {
        lines.push(
          ...this.loadBalancerLines(workload.name, lb, (item, unit, price) =>
            line("network", item, 1, unit, price),
          ),
        );
      }
    }
    for (const synced of [false, true]) {
      const sizeGiB = system.containers
        .filter((container) => container.synced === synced)
        .reduce((total, container) => total + (container.sizeGiB ?? 0), 0);
      if (sizeGiB === 0) continue;
      lines.push(
        line(
          "objectStorage",
          synced ? "synced containers" : "containers",
          sizeGiB,
          "GiB",
          this.minor(this.book.objectStorageGiB),
          synced,
        ),
      );
    }
    return lines;
  }

  /** A load balancer and, when it has one, its floating IP: one of each, at the book's prices. */
  private loadBalancerLines(
    name: string,
    lb: { readonly floatingIpNetwork?: string },
    line: (item: string, unit: string, unitPrice: Minor) => CostLine,
  ): CostLine[] {
    return [
      line(`${name}: load balancer`, "load balancer", this.minor(this.book.loadBalancer)),
      ...(lb.floatingIpNetwork !== undefined
        ? [line(`${name}: floating IP`, "floating IP", this.minor(this.book.floatingIp))]
        : []),
    ];
  }

  /**
   * The flavor's own price, or its vCPUs, RAM and GPUs at the per-unit prices (the checks ensure
   * one).
   */
  private flavorPrice(name: string): Minor {
    const { flavors, perVcpu, perRamGiB, perGpu } = this.book.compute;
    if (Object.hasOwn(flavors, name)) return this.minor(flavors[name]!);
    const flavor = this.region.flavors[name]!;
    const gpus = flavorGpus(flavor);
    return sum([
      times(this.minor(this.priced(perVcpu, `flavor "${name}"`)), flavor.vcpus),
      times(this.minor(this.priced(perRamGiB, `flavor "${name}"`)), flavor.ramGiB),
      ...(gpus > 0 ? [times(this.minor(this.priced(perGpu, `GPU flavor "${name}"`)), gpus)] : []),
    ]);
  }

  /**
   * The price checks ensure every catalogue entry has a price in the region's own books; a
   * region priced with another's books (a base in tamna diff) may lack one.
   */
  private priced(amount: number | undefined, what: string): number {
    if (amount !== undefined) return amount;
    throw new TamnaError({
      location: {},
      message: `${what} has no price in the book effective ${this.book.effective}`,
      hint: "price it in the region's prices, or price it per vCPU and GiB of RAM",
    });
  }
}

/** GiB of the workload's boot and data volumes, by volume type, sorted by type. */
function volumeGiBByType(workload: WorkloadPlan): [string, number][] {
  const byType = new Map<string, number>();
  for (const instance of workload.instances) {
    for (const volume of [
      ...(instance.bootVolume ? [instance.bootVolume] : []),
      ...instance.dataVolumes,
    ]) {
      byType.set(volume.volumeType, (byType.get(volume.volumeType) ?? 0) + volume.sizeGiB);
    }
  }
  return [...byType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function compareLines(a: CostLine, b: CostLine): number {
  const key = (line: CostLine) => [line.agency, line.site, line.system, line.kind, line.item];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i]! < y[i]!) return -1;
    if (x[i]! > y[i]!) return 1;
  }
  return 0;
}
