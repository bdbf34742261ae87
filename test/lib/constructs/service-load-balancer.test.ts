import { TerraformOutput } from "cdktf";
import { describe, expect, it } from "vitest";
import { ServiceLoadBalancer } from "../../../lib/constructs/service-load-balancer";
import type { LoadBalancerPlan } from "../../../lib/plan/load-balancer";
import { resourcesOf, synthesizeConstructs, type SynthesizedStack } from "../../helpers/cdktf";
import { computeOf, system, workload, type WorkloadInput } from "../plan/fixtures";
import { named, refTo, withIdPart } from "./helpers";

const LB = "openstack_lb_loadbalancer_v2";
const LISTENER = "openstack_lb_listener_v2";
const POOL = "openstack_lb_pool_v2";
const MONITOR = "openstack_lb_monitor_v2";
const MEMBER = "openstack_lb_member_v2";
const FIP = "openstack_networking_floatingip_v2";
const RULE = "openstack_networking_secgroup_rule_v2";

const MEMBERS = [
  { key: "01", name: "alpha-portal-web-01", address: "10.10.40.11" },
  { key: "02", name: "alpha-portal-web-02", address: "10.10.40.12" },
];

function planOf(zone: string, expose: NonNullable<WorkloadInput["expose"]>): LoadBalancerPlan {
  return computeOf([system("portal", [workload("web", zone, { count: 2, expose })])]).systems[0]!
    .workloads[0]!.loadBalancer!;
}

function synth(plan: LoadBalancerPlan): SynthesizedStack {
  return synthesizeConstructs((scope) => {
    const lb = new ServiceLoadBalancer(scope, "LoadBalancer", {
      plan,
      subnetId: "subnet-id",
      memberSecurityGroupId: "secgroup-id",
      members: MEMBERS,
      tags: ["agency=alpha"],
    });
    new TerraformOutput(scope, "address", { value: lb.address });
  });
}

describe("ServiceLoadBalancer", () => {
  describe("GIVEN a public HTTPS and HTTP service", () => {
    const out = synth(
      planOf("dmz", {
        public: true,
        listeners: [
          { protocol: "HTTPS", port: 443, targetPort: 8443 },
          { protocol: "HTTP", port: 80, targetPort: 8080 },
        ],
      }),
    );
    const lbRef = refTo(out, LB, "alpha-portal-web");

    it("THEN the load balancer's VIP is in the zone's subnet", () => {
      expect(named(out, LB, "alpha-portal-web").resource).toEqual({
        name: "alpha-portal-web",
        vip_subnet_id: "subnet-id",
        description: "web.portal in zone dmz",
        tags: ["agency=alpha"],
      });
    });

    it("THEN each listener belongs to the load balancer and takes anyone: no allowed CIDRs", () => {
      const listener = named(out, LISTENER, "alpha-portal-web-https-443").resource;
      expect(listener).toMatchObject({
        loadbalancer_id: lbRef,
        protocol: "HTTPS",
        protocol_port: 443,
      });
      expect(listener.allowed_cidrs).toBeUndefined();
      expect(Object.keys(resourcesOf(out, LISTENER))).toHaveLength(2);
    });

    it("THEN each listener has its own pool, monitor and members, wired by reference", () => {
      const listenerRef = refTo(out, LISTENER, "alpha-portal-web-http-80");
      expect(named(out, POOL, "alpha-portal-web-http-80").resource).toMatchObject({
        listener_id: listenerRef,
        protocol: "HTTP",
        lb_method: "ROUND_ROBIN",
      });
      const poolRef = refTo(out, POOL, "alpha-portal-web-http-80");
      expect(named(out, MONITOR, "alpha-portal-web-http-80").resource).toEqual({
        name: "alpha-portal-web-http-80",
        pool_id: poolRef,
        type: "HTTP",
        delay: 10,
        timeout: 5,
        max_retries: 3,
        url_path: "/",
        http_method: "GET",
        expected_codes: "200",
      });
      const members = Object.values(withIdPart(out, MEMBER, "Listener-http-80"));
      expect(members).toEqual([
        {
          name: "alpha-portal-web-01",
          pool_id: poolRef,
          address: "10.10.40.11",
          protocol_port: 8080,
          subnet_id: "subnet-id",
          tags: ["agency=alpha"],
        },
        {
          name: "alpha-portal-web-02",
          pool_id: poolRef,
          address: "10.10.40.12",
          protocol_port: 8080,
          subnet_id: "subnet-id",
          tags: ["agency=alpha"],
        },
      ]);
    });

    it("THEN a TCP-checked HTTPS pool's monitor has no HTTP fields", () => {
      const monitor = named(out, MONITOR, "alpha-portal-web-https-443").resource;
      expect(monitor).toMatchObject({ type: "TCP" });
      expect(monitor.url_path).toBeUndefined();
      expect(monitor.http_method).toBeUndefined();
    });

    it("THEN the members' security group is opened on each member port from the subnet", () => {
      const rules = Object.values(resourcesOf(out, RULE));
      expect(rules).toEqual([
        {
          security_group_id: "secgroup-id",
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          port_range_min: 8080,
          port_range_max: 8080,
          remote_ip_prefix: "10.10.40.0/24",
          description: "load balancer alpha-portal-web to its members",
        },
        expect.objectContaining({ port_range_min: 8443, port_range_max: 8443 }),
      ]);
    });

    it("THEN a floating IP from the internet pool is bound to the VIP port, and is the service address", () => {
      const fips = Object.entries(resourcesOf(out, FIP));
      expect(fips).toHaveLength(1);
      const [id, fip] = fips[0]!;
      expect(fip).toMatchObject({
        pool: "ext-internet",
        port_id: refTo(out, LB, "alpha-portal-web", "vip_port_id"),
      });
      expect(out.output?.address?.value).toBe(`\${${FIP}.${id}.address}`);
    });
  });

  describe("GIVEN an internal service reachable from another zone", () => {
    const out = synth(planOf("app", { listeners: [{ protocol: "TCP", port: 8443 }] }));

    it("THEN the listener accepts only the source zone's range", () => {
      expect(named(out, LISTENER, "alpha-portal-web-tcp-8443").resource.allowed_cidrs).toEqual([
        "10.10.40.0/24",
      ]);
    });

    it("THEN there is no floating IP and the service address is the VIP", () => {
      expect(resourcesOf(out, FIP)).toEqual({});
      expect(out.output?.address?.value).toBe(refTo(out, LB, "alpha-portal-web", "vip_address"));
    });
  });
});
