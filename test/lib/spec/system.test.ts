import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec } from "../../../lib/spec/load";
import { Duration, durationMinutes } from "../../../lib/spec/system";
import { expectProblem, lineOf, problemsOf, replaceOnce } from "./helpers";

const FILE = "agencies/test-agency.yaml";

/** An agency with one system in block style, every workload field on its own line. */
const AGENCY = `slug: test-agency
name: 시험기관
csapTier: moderate
contacts: [{ role: owner, name: 담당자, email: owner@test-agency.example }]
addressBlock: { index: 0 }
zones: [dmz, app, db]
keyPairs:
  ops:
    publicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample ops@test-agency
systems:
  - name: portal
    displayName: 포털
    grade: 2
    rto: 4h
    rpo: 15m
    protection:
      preventDestroy: false
      reason: rebuilt from the CMS export every night
    workloads:
      - name: web
        zone: dmz
        count: 2
        flavor: m1.small
        image: rocky-9
        bootVolume:
          sizeGiB: 20
          volumeType: ssd
        volumes:
          - { name: data, sizeGiB: 100, volumeType: replicated }
        keyPair: ops
        fixedIps: [10.10.0.5, 10.10.0.6]
        antiAffinity: soft
        expose:
          public: true
          dnsName: www
          listeners:
            - protocol: HTTPS
              port: 443
              healthCheck:
                type: HTTPS
                path: /healthz
                expectedCodes: 200-204
      - name: db
        zone: db
        flavor: m1.small
        image: rocky-9
`;

function parse(text: string) {
  return parseSpec(FILE, text, AgencySpec);
}

/** Problems of AGENCY with `from` replaced by `to`, and the text that produced them. */
function broken(from: string | RegExp, to: string) {
  const text = replaceOnce(AGENCY, from, to);
  return { text, problems: problemsOf(() => parse(text)) };
}

describe("system spec", () => {
  describe("Duration and durationMinutes", () => {
    it.each([
      ["1m", 1],
      ["15m", 15],
      ["4h", 240],
      ["24h", 1440],
      ["2d", 2880],
    ])("GIVEN %s WHEN converted THEN it is %i minutes", (duration, minutes) => {
      expect(Duration.safeParse(duration).success).toBe(true);
      expect(durationMinutes(duration)).toBe(minutes);
    });

    it.each([
      ["a zero amount", "0h"],
      ["a leading zero", "04h"],
      ["an uppercase unit", "4H"],
      ["a space", "4 h"],
      ["a fraction", "1.5h"],
      ["no unit", "4"],
      ["no amount", "h"],
      ["a unit of seconds", "30s"],
      ["a negative amount", "-1h"],
      ["words", "4 hours"],
    ])("GIVEN %s (%s) WHEN parsed THEN it is refused", (_, duration) => {
      expect(Duration.safeParse(duration).success).toBe(false);
    });
  });

  describe("GIVEN a valid system", () => {
    const { spec } = parse(AGENCY);
    const [web, db] = spec.systems[0]!.workloads;

    it("WHEN parsed THEN it holds its values", () => {
      expect(spec.systems[0]).toMatchObject({
        name: "portal",
        grade: 2,
        rto: "4h",
        rpo: "15m",
        protection: { preventDestroy: false, reason: "rebuilt from the CMS export every night" },
      });
      expect(web).toMatchObject({
        count: 2,
        bootVolume: { sizeGiB: 20, volumeType: "ssd" },
        volumes: [{ name: "data", sizeGiB: 100, volumeType: "replicated" }],
        keyPair: "ops",
        fixedIps: ["10.10.0.5", "10.10.0.6"],
        antiAffinity: "soft",
      });
      expect(spec.keyPairs.ops!.publicKey).toMatch(/^ssh-ed25519 /);
    });

    it("WHEN optional fields are left out THEN count is 1, there are no volumes and nothing is exposed", () => {
      expect(db).toEqual({
        name: "db",
        zone: "db",
        count: 1,
        flavor: "m1.small",
        image: "rocky-9",
        volumes: [],
      });
    });

    it("WHEN a health check gives only type and path THEN interval, timeout and retries take their defaults", () => {
      expect(web!.expose!.listeners[0]!.healthCheck).toEqual({
        type: "HTTPS",
        path: "/healthz",
        expectedCodes: "200-204",
        intervalSeconds: 10,
        timeoutSeconds: 5,
        maxRetries: 3,
      });
    });

    it("WHEN public is left out THEN the service is not public", () => {
      const { spec: internal } = parse(replaceOnce(AGENCY, "          public: true\n", ""));
      expect(internal.systems[0]!.workloads[0]!.expose!.public).toBe(false);
    });
  });

  describe("GIVEN a bad recovery objective", () => {
    it("WHEN rto is written in words THEN the problem points at systems[0].rto with an example", () => {
      const { text, problems } = broken("rto: 4h", 'rto: "4 hours"');
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "rto:"),
        path: "systems[0].rto",
        message: /whole number and a unit m, h or d, e\.g\. 4h/,
        received: /^"4 hours"$/,
      });
    });

    it("WHEN rpo is missing THEN the problem says so at the system's line", () => {
      const { text, problems } = broken("    rpo: 15m\n", "");
      expectProblem(problems, {
        line: lineOf(text, "- name: portal"),
        path: "systems[0].rpo",
        message: /^missing required field "rpo"$/,
      });
    });
  });

  describe("GIVEN bad workloads", () => {
    it("WHEN a system has no workloads key and no containers THEN it needs one or the other", () => {
      const text = AGENCY.slice(0, AGENCY.indexOf("    workloads:"));
      const problems = problemsOf(() => parse(text));
      expectProblem(problems, {
        line: lineOf(text, "- name: portal"),
        path: "systems[0].workloads",
        message: /has neither workloads nor containers/,
      });
    });

    it("WHEN the workload list is empty and there are no containers THEN the problem is at the list", () => {
      const text = `${AGENCY.slice(0, AGENCY.indexOf("    workloads:"))}    workloads: []\n`;
      const problems = problemsOf(() => parse(text));
      expectProblem(problems, {
        line: lineOf(text, "workloads: []"),
        path: "systems[0].workloads",
        message: /has neither workloads nor containers/,
      });
    });

    it("WHEN a system has containers but no workloads THEN it is an object-storage area and parses", () => {
      const text = `${AGENCY.slice(0, AGENCY.indexOf("    workloads:"))}    containers:\n      - { name: raw, sizeGiB: 100, expireAfter: 365d }\n      - { name: curated, versioning: true }\n`;
      const system = parse(text).spec.systems[0]!;
      expect(system.workloads).toEqual([]);
      expect(system.containers.map((c) => [c.name, c.expireAfter, c.versioning])).toEqual([
        ["raw", "365d", undefined],
        ["curated", undefined, true],
      ]);
    });

    it("WHEN a container's expireAfter is not a duration THEN the problem is at it", () => {
      const text = `${AGENCY.slice(0, AGENCY.indexOf("    workloads:"))}    containers:\n      - { name: raw, expireAfter: 1y }\n`;
      const problems = problemsOf(() => parse(text));
      expectProblem(problems, {
        line: lineOf(text, "expireAfter: 1y"),
        path: "systems[0].containers[0].expireAfter",
        message: /whole number and a unit/,
      });
    });

    it("WHEN flavour is written THEN the problem is at its line and suggests flavor", () => {
      const { text, problems } = broken("flavor: m1.small", "flavour: m1.small");
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "flavour"),
        path: "systems[0].workloads[0].flavour",
        message: /unknown field "flavour"/,
        hint: /did you mean "flavor"/,
      });
    });

    it("WHEN drMode is written THEN it suggests the dr object with its mode, not grade", () => {
      const { text, problems } = broken(
        "    rpo: 15m\n",
        "    rpo: 15m\n    drMode: warm-standby\n",
      );
      expectProblem(problems, {
        line: lineOf(text, "drMode"),
        path: "systems[0].drMode",
        message: /unknown field "drMode"/,
        hint: /^remove it, or did you mean "dr: \{ mode: \.\.\. \}"\?$/,
      });
    });

    it.each([
      ["backup_policy", "backupPolicy"],
      ["activesite", "activeSite"],
      ["dr_site", "dr: { site: ... }"],
    ])("WHEN %s is written THEN it suggests %s", (typo, expected) => {
      const { problems } = broken("    rpo: 15m\n", `    rpo: 15m\n    ${typo}: x\n`);
      expect(problems.find((p) => p.location.path === `systems[0].${typo}`)?.hint).toBe(
        `remove it, or did you mean "${expected}"?`,
      );
    });

    it("WHEN a far-off field is written THEN nothing is suggested", () => {
      const { problems } = broken("    rpo: 15m\n", "    rpo: 15m\n    criticality: high\n");
      expectProblem(problems, {
        path: "systems[0].criticality",
        hint: /^remove it$/,
        message: /unknown field/,
      });
    });

    it.each([
      ["count: 2", "count: 0", "count", /at least 1/],
      ["count: 2", "count: 101", "count", /at most 100/],
      ["sizeGiB: 20", "sizeGiB: 0", "bootVolume.sizeGiB", /at least 1/],
      ["antiAffinity: soft", "antiAffinity: hard", "antiAffinity", /value not allowed/],
      ["10.10.0.6]", "10.10.0.256]", "fixedIps[1]", /IPv4 address in dotted decimal/],
      ["keyPair: ops", "keyPair: Ops", "keyPair", /lowercase letters/],
    ])(
      "WHEN %s becomes %s THEN the problem points at workloads[0].%s",
      (from, to, field, message) => {
        const { text, problems } = broken(from, to);
        expectProblem(problems, {
          line: lineOf(text, to),
          path: `systems[0].workloads[0].${field}`,
          message,
        });
      },
    );

    it("WHEN userData is longer than 48 KiB THEN the problem gives the limit", () => {
      const { problems } = broken(
        "keyPair: ops",
        `keyPair: ops\n        userData: ${"x".repeat(49153)}`,
      );
      expectProblem(problems, {
        path: "systems[0].workloads[0].userData",
        message: /at most 49152 characters/,
      });
    });
  });

  describe("GIVEN a bad exposure", () => {
    it("WHEN a listener protocol is SCTP THEN the problem lists the protocols", () => {
      const { text, problems } = broken("protocol: HTTPS", "protocol: SCTP");
      expectProblem(problems, {
        line: lineOf(text, "SCTP"),
        path: "systems[0].workloads[0].expose.listeners[0].protocol",
        message: /value not allowed/,
        received: /"SCTP"/,
        allowed: /^"TCP", "UDP", "HTTP", "HTTPS"$/,
      });
    });

    it("WHEN a health check path does not start with / THEN the problem says so", () => {
      const { text, problems } = broken("path: /healthz", "path: healthz");
      expectProblem(problems, {
        line: lineOf(text, "path: healthz"),
        path: "systems[0].workloads[0].expose.listeners[0].healthCheck.path",
        message: /must start with \//,
      });
    });

    it("WHEN expected codes are 2xx THEN the problem shows the accepted forms", () => {
      const { problems } = broken("expectedCodes: 200-204", "expectedCodes: 2xx");
      expectProblem(problems, {
        path: "systems[0].workloads[0].expose.listeners[0].healthCheck.expectedCodes",
        message: /status codes such as 200, 200-204 or 200,301/,
      });
    });

    it("WHEN dnsName has an uppercase letter THEN the problem asks for DNS labels", () => {
      const { text, problems } = broken("dnsName: www", "dnsName: WWW");
      expectProblem(problems, {
        line: lineOf(text, "dnsName: WWW"),
        path: "systems[0].workloads[0].expose.dnsName",
        message: /DNS labels such as www or portal\.web/,
      });
    });

    it("WHEN there are five listeners THEN the problem says at most 4", () => {
      const listener = "            - { protocol: TCP, port: 8443 }\n";
      const { problems } = broken(
        "          listeners:\n",
        `          listeners:\n${listener.repeat(4)}`,
      );
      expectProblem(problems, {
        path: "systems[0].workloads[0].expose.listeners",
        message: /at most 4 items/,
      });
    });
  });

  describe("GIVEN a bad protection opt-out or key pair", () => {
    it("WHEN the reason is shorter than 10 characters THEN the problem points at it", () => {
      const { text, problems } = broken(
        "reason: rebuilt from the CMS export every night",
        "reason: stateless",
      );
      expectProblem(problems, {
        line: lineOf(text, "reason: stateless"),
        path: "systems[0].protection.reason",
        message: /at least 10 characters/,
      });
    });

    it("WHEN a public key is not an OpenSSH line THEN the problem shows the expected form", () => {
      const { text, problems } = broken(/publicKey: .*/, "publicKey: -----BEGIN PUBLIC KEY-----");
      expectProblem(problems, {
        line: lineOf(text, "BEGIN PUBLIC KEY"),
        path: "keyPairs.ops.publicKey",
        message: /OpenSSH public key line, e\.g\. ssh-ed25519 AAAA/,
      });
    });
  });

  describe("GIVEN a container with an expected size and a quota", () => {
    const withContainer = (container: string) =>
      replaceOnce(
        AGENCY,
        "    workloads:\n",
        `    containers:\n      - ${container}\n    workloads:\n`,
      );

    it("WHEN the quota holds the size THEN both are kept", () => {
      const { spec } = parseSpec(
        FILE,
        withContainer("{ name: uploads, sizeGiB: 200, quotaGiB: 250 }"),
        AgencySpec,
      );
      expect(spec.systems[0]!.containers).toEqual([
        { name: "uploads", sizeGiB: 200, quotaGiB: 250 },
      ]);
    });

    it("WHEN the quota is below the size THEN the problem points at quotaGiB with both numbers", () => {
      const text = withContainer("{ name: uploads, sizeGiB: 200, quotaGiB: 100 }");
      expectProblem(
        problemsOf(() => parseSpec(FILE, text, AgencySpec)),
        {
          file: FILE,
          line: lineOf(text, "name: uploads"),
          path: "systems[0].containers[0].quotaGiB",
          message: /quotaGiB 100 is below the container's sizeGiB 200.*at least 200/,
        },
      );
    });

    it("WHEN the size is zero THEN the problem points at sizeGiB", () => {
      const text = withContainer("{ name: uploads, sizeGiB: 0 }");
      expectProblem(
        problemsOf(() => parseSpec(FILE, text, AgencySpec)),
        {
          line: lineOf(text, "name: uploads"),
          path: "systems[0].containers[0].sizeGiB",
          message: /1|small/,
        },
      );
    });
  });
});
