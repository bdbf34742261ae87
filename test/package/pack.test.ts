import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The package as another team gets it: `npm pack`, installed into a scratch project without
 * network, a TypeScript stack that imports from "tamna" compiled with the repository's tsc and
 * synthesized. Slow (a pack, an install, a compile): one test.
 *
 * Offline install: `npm install --offline <tarball>` would need the registry's package documents
 * to resolve the tarball's dependency ranges, and `npm ci` caches only the tarballs. So the
 * scratch project gets a lockfile made from the repository's (its non-dev entries: exactly the
 * tarball's dependency tree, pinned) and `npm ci --offline` installs it from the npm cache that
 * the repository's own `npm ci` filled, as a consumer with a lockfile installs.
 */
const root = path.join(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-pack-"));
afterAll(() => {
  if (!process.env.TAMNA_KEEP_SCRATCH) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs a command; a failure shows what it printed (tsc and npm print their errors to stdout). */
function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`,
    );
  }
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}

/** The consumer's stack: its own region object, planned and built with tamna's constructs. */
const CONSUMER_STACK = `
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import {
  configureOpenstackProvider,
  planAddresses,
  planTenantNetwork,
  regionInputFromObjects,
  TenantNetwork,
  validateStackSchema,
  ZoneSecurityGroups,
} from "tamna";
import { DataOpenstackNetworkingNetworkV2 } from "tamna/openstack";

const input = regionInputFromObjects(
  {
    name: "scratch",
    displayName: "Scratch province",
    sites: {
      hq: {
        displayName: "HQ",
        role: "primary",
        cloud: "scratch-hq",
        openstackRegion: "RegionOne",
        availabilityZones: [{ name: "az1" }],
        externalNetworks: {
          "ext-internet": {
            reaches: "internet",
            cidr: "203.0.113.0/24",
            gatewayIp: "203.0.113.1",
            networkType: "flat",
            physicalNetwork: "physnet-ext",
          },
        },
        dnsNameservers: ["203.0.113.53"],
      },
    },
    addressPlan: { supernets: { hq: "10.60.0.0/16" } },
    flavors: { "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 } },
    volumeTypes: {
      standard: { description: "HDD", backendName: "hdd" },
      ssd: { description: "SSD", backendName: "ssd" },
      replicated: { description: "SSD, replicated", backendName: "ssd-rep", replicated: true },
    },
    quotaDefaults: {
      instances: 4, cores: 8, ramGiB: 16, volumes: 4, volumeGiB: 100, snapshots: 4,
      networks: 6, subnets: 6, ports: 20, routers: 3, floatingIps: 1,
      securityGroups: 10, securityGroupRules: 100,
    },
  },
  [
    {
      slug: "team-a",
      name: "Team A",
      csapTier: "moderate",
      contacts: [{ role: "owner", name: "Owner", email: "owner@team-a.example" }],
      addressBlock: { index: 1 },
      zones: ["dmz"],
    },
  ],
);

const app = new App({ outdir: process.argv[2]!, stackTraces: false });
const stack = new TerraformStack(app, "team-a-hq");
const agency = input.agencies[0]!;
configureOpenstackProvider(stack, {
  cloud: "scratch-hq",
  openstackRegion: "RegionOne",
  project: { name: "team-a", domain: "scratch" },
});
const external = new DataOpenstackNetworkingNetworkV2(stack, "External", {
  name: "ext-internet",
  external: true,
});
const network = new TenantNetwork(stack, "Network", {
  plan: planTenantNetwork(input, agency, "hq", planAddresses(input).get("team-a")!.get("hq")!),
  externalNetworkIds: { "ext-internet": external.id },
});
new ZoneSecurityGroups(stack, "Jump", {
  groups: [
    {
      zone: "jump",
      name: "team-a-jump",
      description: "SSH from the operators' range",
      rules: [
        {
          key: "ssh",
          direction: "ingress",
          protocol: "tcp",
          portMin: 22,
          portMax: 22,
          remoteCidr: "198.51.100.0/24",
          description: "operators",
        },
      ],
    },
  ],
});
app.synth();

const file = path.join(process.argv[2]!, "stacks", "team-a-hq", "cdk.tf.json");
const findings = validateStackSchema("team-a-hq", JSON.parse(fs.readFileSync(file, "utf8")));
process.stdout.write(JSON.stringify({ zones: Object.keys(network.zones), findings }));
`;

describe("the npm package", () => {
  describe("GIVEN the tarball that npm pack makes of the built repository", () => {
    it("THEN a scratch project installs it offline, compiles a stack against it and synthesizes", () => {
      expect(fs.existsSync(path.join(root, "dist", "lib", "index.js")), "run npm run build").toBe(
        true,
      );
      // --ignore-scripts: `prepare` would regenerate and rebuild while other tests run the CLI.
      const [pack] = JSON.parse(
        run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], root),
      ) as PackResult[];
      const files = pack!.files.map((file) => file.path);

      // WHEN the contents are listed THEN the compiled library, bindings and data are in it...
      expect(files).toEqual(
        expect.arrayContaining([
          "dist/lib/index.js",
          "dist/lib/index.d.ts",
          "dist/lib/openstack.js",
          "dist/.gen/providers/openstack/provider/index.js",
          "dist/stacks/index.js",
          "dist/cli/main.js",
          "bin/tamna.js",
          "vendor/openstack/provider-schema.json",
          "vendor/openstack/force-new.json",
          "schemas/region.schema.json",
        ]),
      );
      // ...and no sources of tests or bindings, build state or tools.
      const junk = files.filter((file) =>
        /^(test|\.gen|scripts|examples|stacks|lib|cli)\/|tsbuildinfo|\.tgz$|^docs\//.test(file),
      );
      expect(junk).toEqual([]);

      const app = path.join(scratch, "app");
      fs.mkdirSync(app);
      writeLockedProject(app, pack!.filename);
      run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], app);
      expect(fs.existsSync(path.join(app, "node_modules", "tamna", "dist", ".gen"))).toBe(true);

      fs.writeFileSync(path.join(app, "main.ts"), CONSUMER_STACK);
      fs.writeFileSync(
        path.join(app, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: "commonjs",
            moduleResolution: "node10",
            target: "ES2022",
            strict: true,
            esModuleInterop: true,
            noEmit: false,
            outDir: "build",
            // tamna's declarations are type-checked too; Node's types are the consumer's own.
            skipLibCheck: false,
            typeRoots: [path.join(root, "node_modules", "@types")],
            types: ["node"],
          },
          files: ["main.ts"],
        }),
      );
      const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
      run(process.execPath, [tsc, "-p", "."], app);

      const outdir = path.join(scratch, "cdktf.out");
      const result = JSON.parse(run(process.execPath, ["build/main.js", outdir], app)) as {
        zones: string[];
        findings: unknown[];
      };
      const synthesized = JSON.parse(
        fs.readFileSync(path.join(outdir, "stacks", "team-a-hq", "cdk.tf.json"), "utf8"),
      ) as {
        provider: Record<string, unknown>;
        resource: Record<string, Record<string, { name?: string }>>;
      };

      // THEN the stack holds the tenant network's and the extra group's OpenStack resources.
      expect(result.zones).toEqual(["dmz"]);
      expect(Object.keys(synthesized.provider)).toEqual(["openstack"]);
      const names = (type: string) =>
        Object.values(synthesized.resource[type] ?? {})
          .map((resource) => resource.name)
          .sort();
      expect(names("openstack_networking_network_v2")).toEqual(["team-a-dmz"]);
      expect(names("openstack_networking_subnet_v2")).toHaveLength(1);
      expect(names("openstack_networking_router_v2").length).toBeGreaterThan(0);
      expect(names("openstack_networking_secgroup_v2")).toEqual(["team-a-dmz", "team-a-jump"]);
      expect(
        Object.keys(synthesized.resource.openstack_networking_secgroup_rule_v2 ?? {}).length,
      ).toBeGreaterThan(1);
      // AND the installed validator finds the vendored provider schema and no problem.
      expect(result.findings).toEqual([]);
    }, 600_000);
  });
});

/**
 * package.json and package-lock.json of a consumer that depends on the tarball, cdktf and
 * constructs, with the tarball's dependency tree pinned from the repository's lockfile.
 */
function writeLockedProject(dir: string, tarball: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const spec = `file:../${tarball}`;
  const dependencies = {
    cdktf: manifest.dependencies.cdktf!,
    constructs: manifest.dependencies.constructs!,
    tamna: spec,
  };
  const packages: Record<string, unknown> = {
    "": { name: "scratch", version: "0.0.0", dependencies },
    "node_modules/tamna": {
      version: manifest.version,
      resolved: spec,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: { tamna: "bin/tamna.js" },
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key.startsWith("node_modules/") && !entry.dev && !entry.devOptional) packages[key] = entry;
  }
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "scratch", version: "0.0.0", private: true, dependencies }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "package-lock.json"),
    JSON.stringify(
      { name: "scratch", version: "0.0.0", lockfileVersion: 3, requires: true, packages },
      null,
      2,
    ),
  );
}
