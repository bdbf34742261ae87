import { describe, expect, it } from "vitest";
import type { LoadBalancerPlan } from "../../../lib/plan/load-balancer";
import { expectProblem, lineOf, problemsOf } from "../spec/helpers";
import {
  agency,
  agencyYaml,
  computeAt,
  computeOf,
  system,
  withAgencies,
  withRegion,
  workload,
  type WorkloadInput,
} from "./fixtures";

/** Agency alpha at block index 10 of jeju-cdc: dmz 10.10.40.0/24, app .41, db .42. */
const FILE = "agencies/alpha.yaml";

type Expose = NonNullable<WorkloadInput["expose"]>;

function balancer(zone: string, expose: Expose, count = 2): LoadBalancerPlan {
  const plan = computeOf([system("portal", [workload("web", zone, { count, expose })])]);
  return plan.systems[0]!.workloads[0]!.loadBalancer!;
}

describe("planLoadBalancer", () => {
  describe("GIVEN a public HTTPS and HTTP service in the dmz", () => {
    const lb = balancer("dmz", {
      public: true,
      listeners: [
        { protocol: "HTTPS", port: 443 },
        { protocol: "HTTP", port: 80 },
      ],
    });

    it("THEN it is named after the workload and sits in the workload's zone", () => {
      expect(lb).toMatchObject({ name: "alpha-portal-web", zone: "dmz" });
    });

    it("THEN it gets a floating IP on the site's internet network", () => {
      expect(lb.floatingIpNetwork).toBe("ext-internet");
    });

    it("THEN each listener has a stable key from protocol and port, and no CIDR limit", () => {
      expect(
        lb.listeners.map((l) => [l.key, l.name, l.port, l.targetPort, l.poolProtocol]),
      ).toEqual([
        ["https-443", "alpha-portal-web-https-443", 443, 443, "HTTPS"],
        ["http-80", "alpha-portal-web-http-80", 80, 80, "HTTP"],
      ]);
      for (const listener of lb.listeners) expect(listener.allowedCidrs).toBeUndefined();
    });

    it("THEN the DNS name defaults to <workload>.<system>", () => {
      expect(lb.dnsName).toBe("web.portal");
    });
  });

  describe("GIVEN the same service not public", () => {
    it("THEN it has no floating IP, and the internet may still reach its VIP as the zone allows", () => {
      const lb = balancer("dmz", { listeners: [{ protocol: "HTTPS", port: 443 }], dnsName: "www" });
      expect(lb.floatingIpNetwork).toBeUndefined();
      expect(lb.listeners[0]!.allowedCidrs).toBeUndefined();
      expect(lb.dnsName).toBe("www");
    });
  });

  describe("GIVEN internal services", () => {
    it("WHEN app listens on 8443, which the dmz flow opens THEN only the dmz subnet may reach it", () => {
      const lb = balancer("app", { listeners: [{ protocol: "TCP", port: 8443 }] });
      expect(lb.listeners[0]!.allowedCidrs).toEqual(["10.10.40.0/24"]);
      expect(lb.floatingIpNetwork).toBeUndefined();
    });

    it("WHEN app listens on 443, which the intranet may reach THEN only the intranet ranges may", () => {
      const lb = balancer("app", { listeners: [{ protocol: "HTTPS", port: 443 }] });
      expect(lb.listeners[0]!.allowedCidrs).toEqual(["172.16.0.0/12"]);
    });
  });

  describe("GIVEN a listener nothing may reach", () => {
    it("THEN planning fails at the listener's port, saying how to open it", () => {
      const systems = [
        system("records", [
          workload("db", "db", {
            expose: {
              listeners: [
                { protocol: "TCP", port: 5432 },
                { protocol: "HTTP", port: 8080 },
              ],
            },
          }),
        ]),
      ];
      const text = agencyYaml("alpha", { systems });
      const problems = problemsOf(() => computeOf(systems));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "port: 8080"),
        path: "systems[0].workloads[0].expose.listeners[1].port",
        message:
          /^nothing may reach tcp port 8080 in zone "db", so the load balancer of records\/db would serve nobody$/,
        received: /^8080$/,
        hint: /zone ingress for "db", or a flow into "db" from another zone/,
      });
    });
  });

  describe("GIVEN a public service at a site without an internet network", () => {
    it("THEN planning fails at public", () => {
      const systems = [
        system("portal", [
          workload("web", "dmz", {
            expose: { public: true, listeners: [{ protocol: "HTTPS", port: 443 }] },
          }),
        ]),
      ];
      const input = withAgencies(agency("alpha", { systems }));
      const problems = problemsOf(() =>
        computeAt(input, "jeju-cdc", { internetNetwork: undefined }),
      );
      expectProblem(problems, {
        line: lineOf(agencyYaml("alpha", { systems }), "public: true"),
        path: "systems[0].workloads[0].expose.public",
        message:
          /site "jeju-cdc" has no internet external network for the floating IP of portal\/web/,
        hint: /reaches: internet.*or set public: false/,
      });
    });
  });

  describe("GIVEN listeners that forward to member ports", () => {
    const lb = balancer("app", {
      listeners: [
        { protocol: "HTTPS", port: 443, targetPort: 8443 },
        { protocol: "TCP", port: 8443 },
        { protocol: "HTTP", port: 8080 },
      ],
    });

    it("THEN the target port defaults to the listener port", () => {
      expect(lb.listeners.map((l) => [l.port, l.targetPort])).toEqual([
        [443, 8443],
        [8443, 8443],
        [8080, 8080],
      ]);
    });

    it("THEN the members' security group opens each member port once, from the zone's subnet, sorted", () => {
      expect(lb.memberRules).toEqual([
        {
          key: "tcp-8080",
          protocol: "tcp",
          port: 8080,
          remoteCidr: "10.10.41.0/24",
          description: "load balancer alpha-portal-web to its members",
        },
        {
          key: "tcp-8443",
          protocol: "tcp",
          port: 8443,
          remoteCidr: "10.10.41.0/24",
          description: "load balancer alpha-portal-web to its members",
        },
      ]);
    });
  });

  describe("GIVEN health checks", () => {
    const udpRegion = (edit: boolean) =>
      withRegion(
        (region) => {
          if (edit)
            region.zones.dmz!.ingress.push({ peer: "internet", protocol: "udp", ports: [5060] });
        },
        agency("alpha", {
          systems: [
            system("portal", [
              workload("web", "dmz", {
                expose: {
                  listeners: [
                    { protocol: "HTTP", port: 80 },
                    { protocol: "HTTPS", port: 443 },
                    { protocol: "UDP", port: 5060 },
                  ],
                },
              }),
            ]),
          ],
        }),
      );

    it("WHEN none is declared THEN HTTP gets a GET of / expecting 200, HTTPS a TCP connect, UDP a UDP connect", () => {
      const lb = computeAt(udpRegion(true), "jeju-cdc").systems[0]!.workloads[0]!.loadBalancer!;
      expect(lb.listeners.map((l) => l.monitor)).toEqual([
        {
          type: "HTTP",
          delaySeconds: 10,
          timeoutSeconds: 5,
          maxRetries: 3,
          urlPath: "/",
          expectedCodes: "200",
        },
        { type: "TCP", delaySeconds: 10, timeoutSeconds: 5, maxRetries: 3 },
        { type: "UDP-CONNECT", delaySeconds: 10, timeoutSeconds: 5, maxRetries: 3 },
      ]);
      expect(lb.memberRules.map((r) => r.key)).toEqual(["tcp-443", "tcp-80", "udp-5060"]);
    });

    it("WHEN the zone takes no UDP THEN the UDP listener is refused", () => {
      expect(() => computeAt(udpRegion(false), "jeju-cdc")).toThrow(
        /nothing may reach udp port 5060/,
      );
    });

    it("WHEN one is declared THEN its type, path, codes and timings are used", () => {
      const lb = balancer("dmz", {
        listeners: [
          {
            protocol: "HTTPS",
            port: 443,
            healthCheck: {
              type: "HTTPS",
              path: "/healthz",
              expectedCodes: "200-204",
              intervalSeconds: 30,
              timeoutSeconds: 10,
              maxRetries: 5,
            },
          },
          { protocol: "HTTP", port: 80, healthCheck: { type: "TCP" } },
        ],
      });
      expect(lb.listeners.map((l) => l.monitor)).toEqual([
        {
          type: "HTTPS",
          delaySeconds: 30,
          timeoutSeconds: 10,
          maxRetries: 5,
          urlPath: "/healthz",
          expectedCodes: "200-204",
        },
        { type: "TCP", delaySeconds: 10, timeoutSeconds: 5, maxRetries: 3 },
      ]);
    });
  });
});
