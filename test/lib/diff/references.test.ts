import { describe, expect, it } from "vitest";
import {
  knownReferencesIn,
  referencesIn,
  rewriteReferences,
  variablesIn,
} from "../../../lib/diff/references";

describe("references", () => {
  it("GIVEN an interpolation THEN the address and the attribute", () => {
    expect(referencesIn("${openstack_networking_subnet_v2.Zones_app-1.id}")).toEqual([
      { address: "openstack_networking_subnet_v2.Zones_app-1", attribute: "id" },
    ]);
  });

  it("GIVEN a data source reference THEN its address keeps the data prefix", () => {
    expect(
      referencesIn("${data.openstack_networking_network_v2.External-ext-internet.id}"),
    ).toEqual([
      { address: "data.openstack_networking_network_v2.External-ext-internet", attribute: "id" },
    ]);
  });

  it("GIVEN text that only looks like a reference THEN known addresses filter it out", () => {
    expect(knownReferencesIn("see www.example.go.kr", new Set(["openstack_x.y"]))).toEqual([]);
  });

  it("GIVEN renames THEN interpolations and depends_on entries follow them, others stay", () => {
    const renames = new Map([["openstack_x.old", "openstack_x.new"]]);
    expect(
      rewriteReferences(
        {
          a: "${openstack_x.old.id}",
          depends_on: ["openstack_x.old"],
          b: "${openstack_x.older.id}",
        },
        renames,
      ),
    ).toEqual({
      a: "${openstack_x.new.id}",
      depends_on: ["openstack_x.new"],
      b: "${openstack_x.older.id}",
    });
  });

  it("GIVEN a template reading variables THEN their names", () => {
    expect(variablesIn("key-${var.sync_key}-${var.other}")).toEqual(["sync_key", "other"]);
  });
});
