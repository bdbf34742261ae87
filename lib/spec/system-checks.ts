import type { Problem } from "../errors";
import type { AgencySpec } from "./agency";
import type { Sourced } from "./sourced";
import type { RegionSpec } from "./region";
import { didYouMean } from "./suggest";
import { formatPath } from "./yaml-source";

/**
 * Checks of an agency's systems against the region's catalogues and the agency's own
 * declarations: every name a workload uses must resolve, and each problem points at the value.
 * Checks that need addresses (fixed IPs, listener reachability) belong to the compute plan.
 */
export function checkSystems(
  region: Sourced<RegionSpec>,
  { spec: agency, source }: Sourced<AgencySpec>,
): Problem[] {
  const problems: Problem[] = [];
  const siteNames = Object.keys(region.spec.sites);
  const agencySites = agency.sites ?? siteNames;
  const flavors = Object.keys(region.spec.flavors);
  const images = Object.keys(region.spec.images);
  const volumeTypes = Object.keys(region.spec.volumeTypes);
  const keyPairs = Object.keys(agency.keyPairs);

  const unknown = (
    path: PropertyKey[],
    what: string,
    value: string,
    known: readonly string[],
    where: string,
  ) => {
    const suggestion = didYouMean(value, known);
    problems.push({
      location: source.locate(path),
      message: `unknown ${what} "${value}"`,
      received: value,
      allowed: known.length > 0 ? [...known].sort().join(", ") : `none declared in ${where}`,
      hint:
        suggestion !== undefined
          ? `did you mean "${suggestion}"? Otherwise declare it in ${where}`
          : `declare it in ${where}`,
    });
  };
  const duplicates = <T>(items: readonly T[], name: (item: T) => string, path: PropertyKey[]) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = name(item);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          location: source.locate([...path, index, "name"]),
          message: `duplicate name "${key}" (first at ${formatPath([...path, first])})`,
          hint: "names must be unique: they name OpenStack resources and Terraform addresses",
        });
      } else seen.set(key, index);
    });
  };

  duplicates(agency.systems, (system) => system.name, ["systems"]);
  if (agency.activeSite !== undefined && !agencySites.includes(agency.activeSite)) {
    problems.push({
      location: source.locate(["activeSite"]),
      message: `activeSite "${agency.activeSite}" is not one of the agency's sites`,
      received: agency.activeSite,
      allowed: agencySites.join(", "),
      hint: "use tamna failover --agency <slug> --to <site>, which checks the site",
    });
  }
  const dnsNames = new Map<string, string>();
  const fixedIps = new Map<string, string>();

  agency.systems.forEach((system, s) => {
    const at = (...path: PropertyKey[]) => ["systems", s, ...path];
    if (system.site !== undefined && !agencySites.includes(system.site)) {
      problems.push({
        location: source.locate(at("site")),
        message: `system "${system.name}" runs at site "${system.site}", where the agency has no tenant`,
        received: system.site,
        allowed: agencySites.join(", "),
        hint: "choose one of the agency's sites, or add the site to the agency's sites",
      });
    }
    duplicates(system.workloads, (workload) => workload.name, at("workloads"));
    duplicates(system.containers, (container) => container.name, at("containers"));

    system.workloads.forEach((workload, w) => {
      const wat = (...path: PropertyKey[]) => at("workloads", w, ...path);
      if (!agency.zones.includes(workload.zone)) {
        problems.push({
          location: source.locate(wat("zone")),
          message: `workload "${system.name}/${workload.name}" is placed in zone "${workload.zone}", which the agency does not use`,
          received: workload.zone,
          allowed: agency.zones.join(", "),
          hint: `add "${workload.zone}" to the agency's zones, or place the workload in one of them`,
        });
      }
      const flavor = region.spec.flavors[workload.flavor];
      if (!flavor)
        unknown(wat("flavor"), "flavor", workload.flavor, flavors, "the region's flavors");
      const image = region.spec.images[workload.image];
      if (!image) unknown(wat("image"), "image", workload.image, images, "the region's images");

      if (flavor && flavor.diskGiB === 0 && !workload.bootVolume) {
        problems.push({
          location: source.locate(wat("flavor")),
          message: `flavor "${workload.flavor}" has no root disk, so workload "${system.name}/${workload.name}" needs a bootVolume`,
          hint: "add bootVolume: { sizeGiB: <size>, volumeType: <type> } to the workload",
        });
      }
      if (
        !workload.bootVolume &&
        flavor &&
        flavor.diskGiB > 0 &&
        image?.minDiskGiB !== undefined &&
        flavor.diskGiB < image.minDiskGiB
      ) {
        problems.push({
          location: source.locate(wat("flavor")),
          message: `flavor "${workload.flavor}" has a ${flavor.diskGiB} GiB root disk, smaller than image "${workload.image}" needs`,
          allowed: `a flavor with at least ${image.minDiskGiB} GiB, or a bootVolume`,
        });
      }
      if (workload.bootVolume) {
        const type = workload.bootVolume.volumeType;
        if (!(type in region.spec.volumeTypes))
          unknown(
            wat("bootVolume", "volumeType"),
            "volume type",
            type,
            volumeTypes,
            "the region's volumeTypes",
          );
        const minimum = image?.minDiskGiB;
        if (minimum !== undefined && workload.bootVolume.sizeGiB < minimum) {
          problems.push({
            location: source.locate(wat("bootVolume", "sizeGiB")),
            message: `boot volume of ${workload.bootVolume.sizeGiB} GiB is smaller than image "${workload.image}" needs`,
            received: String(workload.bootVolume.sizeGiB),
            allowed: `at least ${minimum}`,
          });
        }
      }
      duplicates(workload.volumes, (volume) => volume.name, wat("volumes"));
      workload.volumes.forEach((volume, v) => {
        if (!(volume.volumeType in region.spec.volumeTypes))
          unknown(
            wat("volumes", v, "volumeType"),
            "volume type",
            volume.volumeType,
            volumeTypes,
            "the region's volumeTypes",
          );
      });
      if (workload.keyPair !== undefined && !keyPairs.includes(workload.keyPair))
        unknown(wat("keyPair"), "key pair", workload.keyPair, keyPairs, "the agency's keyPairs");

      if (workload.fixedIps && workload.fixedIps.length !== workload.count) {
        problems.push({
          location: source.locate(wat("fixedIps")),
          message: `workload "${system.name}/${workload.name}" has ${workload.count} instance(s) but ${workload.fixedIps.length} fixed IP(s)`,
          hint: "give exactly one fixed IP per instance, or none",
        });
      }
      workload.fixedIps?.forEach((address, i) => {
        const first = fixedIps.get(address);
        if (first !== undefined) {
          problems.push({
            location: source.locate(wat("fixedIps", i)),
            message: `fixed IP ${address} is already given to workload ${first}`,
            hint: "every instance needs an address of its own",
          });
        } else fixedIps.set(address, `${system.name}/${workload.name}`);
      });
      if (
        workload.standby?.flavor !== undefined &&
        !(workload.standby.flavor in region.spec.flavors)
      )
        unknown(
          wat("standby", "flavor"),
          "flavor",
          workload.standby.flavor,
          flavors,
          "the region's flavors",
        );
      if (workload.standby?.count !== undefined && workload.standby.count > workload.count) {
        problems.push({
          location: source.locate(wat("standby", "count")),
          message: `standby count ${workload.standby.count} is more than the workload's ${workload.count} instance(s)`,
          allowed: `0 to ${workload.count}`,
        });
      }

      const expose = workload.expose;
      if (!expose) return;
      const zone = region.spec.zones[workload.zone];
      if (expose.public && zone && zone.reaches !== "internet") {
        problems.push({
          location: source.locate(wat("expose", "public")),
          message: `workload "${system.name}/${workload.name}" is public, but zone "${workload.zone}" does not face the internet`,
          hint: `floating IPs exist only in the internet-facing zone: place the service in a zone with reaches: internet, or set public: false`,
        });
      }
      const ports = new Map<string, number>();
      expose.listeners.forEach((listener, l) => {
        const key = `${listener.protocol === "UDP" ? "udp" : "tcp"}/${listener.port}`;
        if (ports.has(key)) {
          problems.push({
            location: source.locate(wat("expose", "listeners", l, "port")),
            message: `listener port ${listener.port} is declared twice (first at listeners[${ports.get(key)}])`,
          });
        } else ports.set(key, l);
      });
      const dnsName = expose.dnsName ?? `${workload.name}.${system.name}`;
      const other = dnsNames.get(dnsName);
      if (other !== undefined) {
        problems.push({
          location: source.locate(wat("expose", expose.dnsName ? "dnsName" : "listeners")),
          message: `DNS name "${dnsName}" is already used by workload ${other}`,
          hint: "set expose.dnsName to a name of its own",
        });
      } else dnsNames.set(dnsName, `${system.name}/${workload.name}`);
    });
  });
  return problems;
}
