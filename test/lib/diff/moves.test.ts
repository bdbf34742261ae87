import { describe, expect, it } from "vitest";
import { findMoves } from "../../../lib/diff/moves";
import { blocksOf, type TerraformJson } from "../../../lib/diff/terraform-json";

const resources = (json: TerraformJson) => new Map(blocksOf(json, "resource"));
const meta = (path: string) => ({ "//": { metadata: { path } } });

describe("findMoves", () => {
  it("GIVEN a resource under a new name with the same body (metadata aside) THEN it moved", () => {
    const base = resources({ resource: { t: { old: { ...meta("s/Old"), name: "x" } } } });
    const head = resources({ resource: { t: { renamed: { ...meta("s/New"), name: "x" } } } });
    expect([...findMoves(base, head)]).toEqual([["t.old", "t.renamed"]]);
  });

  it("GIVEN renamed resources that refer to each other THEN every one is matched", () => {
    const base = resources({
      resource: {
        net: { Old_Net: { name: "n" } },
        subnet: { Old_Subnet: { network_id: "${net.Old_Net.id}" } },
        rule: { Old_Rule: { subnet: "${subnet.Old_Subnet.id}", depends_on: ["net.Old_Net"] } },
      },
    });
    const head = resources({
      resource: {
        net: { New_Net: { name: "n" } },
        subnet: { New_Subnet: { network_id: "${net.New_Net.id}" } },
        rule: { New_Rule: { subnet: "${subnet.New_Subnet.id}", depends_on: ["net.New_Net"] } },
      },
    });
    expect(Object.fromEntries(findMoves(base, head))).toEqual({
      "net.Old_Net": "net.New_Net",
      "subnet.Old_Subnet": "subnet.New_Subnet",
      "rule.Old_Rule": "rule.New_Rule",
    });
  });

  it("GIVEN identical bodies THEN pairs are one-to-one in sorted order, whatever the key order", () => {
    const base = resources({ resource: { t: { b: { x: 1 }, a: { x: 1 }, c: { x: 1 } } } });
    const head = resources({ resource: { t: { z: { x: 1 }, y: { x: 1 } } } });
    expect([...findMoves(base, head)]).toEqual([
      ["t.a", "t.y"],
      ["t.b", "t.z"],
    ]);
  });

  it("GIVEN a changed body or another type THEN no move", () => {
    const base = resources({ resource: { t: { old: { x: 1 } }, u: { other: { x: 2 } } } });
    const head = resources({ resource: { t: { renamed: { x: 2 } }, v: { other2: { x: 2 } } } });
    expect(findMoves(base, head).size).toBe(0);
  });

  it("GIVEN a declared move with a changed body THEN the declaration is followed", () => {
    const base = resources({ resource: { t: { old: { x: 1 } } } });
    const head = resources({ resource: { t: { renamed: { x: 2 } } } });
    expect([...findMoves(base, head, new Map([["t.old", "t.renamed"]]))]).toEqual([
      ["t.old", "t.renamed"],
    ]);
  });
});
