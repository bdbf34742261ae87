import { describe, expect, it } from "vitest";
import { JsonLines, withOutputLines } from "../../../lib/validate/json-lines";

const TEXT = `{
  "data": {
    "openstack_networking_network_v2": {
      "External": {
        "name": "ext"
      }
    }
  },
  "provider": {
    "openstack": [
      {
        "cloud": "jeju-cdc"
      }
    ]
  },
  "resource": {
    "openstack_networking_subnet_v2": {
      "Subnet": {
        "allocation_pool": [
          {
            "end": "10.0.0.9",
            "start": "10.0.0.2"
          }
        ],
        "name": "a \\"quoted\\" {name}"
      }
    }
  }
}
`;

describe("line numbers in a synthesized stack", () => {
  const lines = new JsonLines(TEXT);

  it("THEN an address and an attribute path find their line", () => {
    expect(lines.lineOf("openstack_networking_subnet_v2.Subnet")).toBe(18);
    expect(lines.lineOf("openstack_networking_subnet_v2.Subnet", "allocation_pool[0].start")).toBe(
      22,
    );
    expect(lines.lineOf("data.openstack_networking_network_v2.External", "name")).toBe(5);
    expect(lines.lineOf("provider.openstack")).toBe(10);
  });

  it("THEN a missing attribute falls back to its closest existing parent", () => {
    expect(lines.lineOf("openstack_networking_subnet_v2.Subnet", "allocation_pool[3].end")).toBe(
      19,
    );
    expect(lines.lineOf("openstack_networking_subnet_v2.Missing")).toBe(17);
    expect(lines.lineOf("openstack_unknown_v2.X")).toBe(16);
  });

  it("THEN it tells an address it declares from one it does not", () => {
    expect(lines.declares("openstack_networking_subnet_v2.Subnet")).toBe(true);
    expect(lines.declares("data.openstack_networking_network_v2.External")).toBe(true);
    expect(lines.declares("openstack_networking_subnet_v2.Missing")).toBe(false);
  });

  it("THEN a line names the address and attribute written there", () => {
    expect(lines.at(22)).toEqual({
      address: "openstack_networking_subnet_v2.Subnet",
      attribute: "allocation_pool[0].start",
    });
    expect(lines.at(25)).toEqual({
      address: "openstack_networking_subnet_v2.Subnet",
      attribute: "name",
    });
    expect(lines.at(4)).toEqual({ address: "data.openstack_networking_network_v2.External" });
    expect(lines.at(12)).toEqual({ address: "provider.openstack", attribute: "cloud" });
  });

  it("THEN findings with a stack and an address get their line, others stay as they are", () => {
    const findings = withOutputLines(
      [
        { stack: "s", address: "openstack_networking_subnet_v2.Subnet", attribute: "name" },
        { stack: "s", address: "openstack_networking_subnet_v2.Subnet", outputLine: 3 },
        { stack: "other", address: "openstack_networking_subnet_v2.Subnet" },
        { address: "openstack_networking_subnet_v2.Subnet" },
      ],
      new Map([["s", lines]]),
    );
    expect(findings.map((f) => f.outputLine)).toEqual([25, 3, undefined, undefined]);
  });
});
