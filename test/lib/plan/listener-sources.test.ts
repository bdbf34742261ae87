import { describe, expect, it } from "vitest";
import { listenerSources } from "../../../lib/plan/listener-sources";
import type { RegionSpec } from "../../../lib/spec/region";
import { exampleRegionFile } from "../../helpers/example-region";

/** The example agency block at index 10 of jeju-cdc. */
const ZONES = {
  dmz: "10.10.40.0/24",
  app: "10.10.41.0/24",
  db: "10.10.42.0/24",
  mgmt: "10.10.43.0/25",
};

const JEJU = exampleRegionFile().spec;

function edited(edit: (region: RegionSpec) => void): RegionSpec {
  const region = structuredClone(JEJU);
  edit(region);
  return region;
}

describe("listenerSources", () => {
  describe("GIVEN the example region's zones and flows", () => {
    it("WHEN the dmz takes tcp 443 from the internet THEN anyone may reach it", () => {
      expect(listenerSources(JEJU, "dmz", "tcp", 443, ZONES)).toEqual({
        cidrs: ["0.0.0.0/0"],
        origins: ["the internet"],
      });
    });

    it("WHEN app takes tcp 443 from the intranet THEN the intranet ranges may reach it", () => {
      expect(listenerSources(JEJU, "app", "tcp", 443, ZONES)).toEqual({
        cidrs: ["172.16.0.0/12"],
        origins: ["the intranet"],
      });
    });

    it("WHEN a flow dmz to app opens tcp 8443 THEN the dmz subnet may reach app's 8443", () => {
      expect(listenerSources(JEJU, "app", "tcp", 8443, ZONES)).toEqual({
        cidrs: ["10.10.40.0/24"],
        origins: ["zone dmz"],
      });
    });

    it("WHEN a flow comes from app to db THEN the app subnet may reach the database port", () => {
      expect(listenerSources(JEJU, "db", "tcp", 5432, ZONES).cidrs).toEqual(["10.10.41.0/24"]);
    });

    it("WHEN the flow's source zone is one the agency does not use THEN it adds nothing", () => {
      expect(listenerSources(JEJU, "app", "tcp", 9100, ZONES).cidrs).toEqual(["10.10.43.0/25"]);
      const withoutMgmt = { dmz: ZONES.dmz, app: ZONES.app, db: ZONES.db };
      expect(listenerSources(JEJU, "app", "tcp", 9100, withoutMgmt)).toEqual({
        cidrs: [],
        origins: [],
      });
    });

    it("WHEN nothing declares the port THEN nobody may reach it", () => {
      expect(listenerSources(JEJU, "db", "tcp", 80, ZONES)).toEqual({ cidrs: [], origins: [] });
    });

    it("WHEN the protocol differs from the declared one THEN nobody may reach it", () => {
      expect(listenerSources(JEJU, "dmz", "udp", 443, ZONES).cidrs).toEqual([]);
    });

    it("WHEN the zone is not in the catalogue THEN nobody may reach it", () => {
      expect(listenerSources(JEJU, "lab", "tcp", 443, ZONES).cidrs).toEqual([]);
    });
  });

  describe("GIVEN a flow with a port range", () => {
    const region = edited((r) => {
      r.flows.push({ from: "app", to: "db", protocol: "tcp", ports: ["27000-27019"] });
    });

    it("WHEN the port is inside the range THEN the source zone may reach it", () => {
      expect(listenerSources(region, "db", "tcp", 27017, ZONES).cidrs).toEqual(["10.10.41.0/24"]);
      expect(listenerSources(region, "db", "tcp", 27019, ZONES).cidrs).toEqual(["10.10.41.0/24"]);
    });

    it("WHEN the port is just outside THEN nobody may reach it", () => {
      expect(listenerSources(region, "db", "tcp", 27020, ZONES).cidrs).toEqual([]);
    });
  });

  describe("GIVEN several sources for one port", () => {
    it("WHEN the intranet and a zone may reach it THEN both ranges are allowed, sorted", () => {
      const region = edited((r) => {
        r.flows.push({ from: "mgmt", to: "app", protocol: "tcp", ports: [443] });
      });
      expect(listenerSources(region, "app", "tcp", 443, ZONES)).toEqual({
        cidrs: ["10.10.43.0/25", "172.16.0.0/12"],
        origins: ["the intranet", "zone mgmt"],
      });
    });

    it("WHEN the internet may reach it too THEN 0.0.0.0/0 alone is listed: anyone includes everyone", () => {
      const region = edited((r) => {
        r.flows.push({ from: "app", to: "dmz", protocol: "tcp", ports: [443] });
      });
      expect(listenerSources(region, "dmz", "tcp", 443, ZONES)).toEqual({
        cidrs: ["0.0.0.0/0"],
        origins: ["the internet", "zone app"],
      });
    });
  });
});
