import { describe, expect, it } from "vitest";
import { covers, exposedPorts } from "../../../lib/plan/exposed-ports";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec } from "../../../lib/spec/load";
import { VALID_AGENCY } from "../spec/helpers";

const LISTENERS = `      - name: web
        zone: app
        flavor: m1.small
        image: rocky-9
        expose:
          listeners:
            - { protocol: HTTPS, port: 443 }
            - { protocol: UDP, port: 514 }
            - { protocol: HTTP, port: 80, targetPort: 8080 }
`;

describe("exposedPorts", () => {
  describe("GIVEN an agency whose systems expose listeners", () => {
    // Two systems, the second repeating 443 in the same zone.
    const text = VALID_AGENCY.replace(
      /( {4}workloads:\n {6}- \{ name: was[^\n]*\n)/,
      `$1${LISTENERS}`,
    ).replace(/( {4}workloads:\n {6}- \{ name: db[^\n]*\n)/, `$1${LISTENERS}`);
    const agency = parseSpec("a.yaml", text, AgencySpec).spec;

    it("THEN each zone, protocol and listener port appears once, sorted, UDP as udp and the rest as tcp", () => {
      expect(exposedPorts(agency)).toEqual([
        { zone: "app", protocol: "tcp", port: 443 },
        { zone: "app", protocol: "tcp", port: 80 },
        { zone: "app", protocol: "udp", port: 514 },
      ]);
    });
  });

  it("GIVEN an agency without load balancers THEN there is no exposed port", () => {
    expect(exposedPorts(parseSpec("a.yaml", VALID_AGENCY, AgencySpec).spec)).toEqual([]);
  });
});

describe("covers", () => {
  it("GIVEN ports and ranges THEN a port inside one is covered, others are not", () => {
    expect(covers([80, "8000-8080"], 8080)).toBe(true);
    expect(covers([80, "8000-8080"], 80)).toBe(true);
    expect(covers([80, "8000-8080"], 443)).toBe(false);
    expect(covers(undefined, 80)).toBe(false);
  });
});
