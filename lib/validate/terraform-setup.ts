/**
 * Whether layer 5 (`terraform validate`) can run offline: a `terraform` executable on PATH,
 * and the OpenStack provider 3.4.0 already unpacked on this machine, because nothing may be
 * downloaded.
 *
 * The rule, documented in the README: the provider counts as installed when one of these
 * directories holds `registry.terraform.io/terraform-provider-openstack/openstack/3.4.0/<os>_<arch>/`
 * with a `terraform-provider-openstack*` executable in it (the unpacked layout that both
 * Terraform's plugin cache and a filesystem mirror use):
 *
 * 1. `$TF_PLUGIN_CACHE_DIR`;
 * 2. Terraform's implied local mirror directories: `~/.terraform.d/plugins`, then
 *    `$XDG_DATA_HOME/terraform/plugins` (default `~/.local/share/terraform/plugins`) and
 *    `<dir>/terraform/plugins` for each of `$XDG_DATA_DIRS` (default `/usr/local/share`,
 *    `/usr/share`); on macOS also `~/Library/Application Support/io.terraform/plugins` and
 *    `/Library/Application Support/io.terraform/plugins`; on Windows
 *    `%APPDATA%/terraform.d/plugins` and `%APPDATA%/HashiCorp/Terraform/plugins`.
 *
 * A `plugin_cache_dir` or `provider_installation` in a CLI configuration file is not read:
 * point TF_PLUGIN_CACHE_DIR at that directory instead.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const OPENSTACK_PROVIDER = {
  address: "registry.terraform.io/terraform-provider-openstack/openstack",
  version: "3.4.0",
} as const;

/** What detection reads; the current process's by default, a fake one in tests. */
export interface HostEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly homedir: string;
}

export function currentHost(): HostEnvironment {
  return {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    homedir: os.homedir(),
  };
}

export type TerraformSetup =
  | {
      readonly ready: true;
      /** The terraform executable. */
      readonly terraform: string;
      /** The directory to use as a filesystem mirror (it holds registry.terraform.io/...). */
      readonly mirror: string;
    }
  | { readonly ready: false; readonly reason: string };

export function detectTerraformSetup(host: HostEnvironment = currentHost()): TerraformSetup {
  const terraform = findOnPath("terraform", host);
  if (!terraform) return { ready: false, reason: "terraform not installed (not on PATH)" };
  const directories = pluginDirectories(host);
  const mirror = directories.find((dir) => holdsOpenstackProvider(dir, host));
  if (!mirror) {
    return {
      ready: false,
      reason:
        `OpenStack provider ${OPENSTACK_PROVIDER.version} not installed ` +
        `(looked in: ${directories.map((dir) => path.join(dir, providerPath(host))).join(", ")})`,
    };
  }
  return { ready: true, terraform, mirror };
}

/** The directories searched for the provider, in order (see the module comment). */
export function pluginDirectories(host: HostEnvironment): string[] {
  const { env, homedir, platform } = host;
  const dirs: string[] = [];
  if (env.TF_PLUGIN_CACHE_DIR) dirs.push(env.TF_PLUGIN_CACHE_DIR);
  if (platform === "win32") {
    if (env.APPDATA) {
      dirs.push(path.join(env.APPDATA, "terraform.d", "plugins"));
      dirs.push(path.join(env.APPDATA, "HashiCorp", "Terraform", "plugins"));
    }
    return dirs;
  }
  dirs.push(path.join(homedir, ".terraform.d", "plugins"));
  const dataHome = env.XDG_DATA_HOME || path.join(homedir, ".local", "share");
  dirs.push(path.join(dataHome, "terraform", "plugins"));
  const dataDirs = (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean);
  for (const dir of dataDirs) dirs.push(path.join(dir, "terraform", "plugins"));
  if (platform === "darwin") {
    dirs.push(path.join(homedir, "Library", "Application Support", "io.terraform", "plugins"));
    dirs.push(path.join("/Library", "Application Support", "io.terraform", "plugins"));
  }
  return [...new Set(dirs)];
}

/** `registry.terraform.io/terraform-provider-openstack/openstack/3.4.0/linux_amd64`. */
export function providerPath(host: Pick<HostEnvironment, "platform" | "arch">): string {
  return path.join(
    ...OPENSTACK_PROVIDER.address.split("/"),
    OPENSTACK_PROVIDER.version,
    `${goOs(host.platform)}_${goArch(host.arch)}`,
  );
}

function holdsOpenstackProvider(dir: string, host: HostEnvironment): boolean {
  const target = path.join(dir, providerPath(host));
  try {
    return fs
      .readdirSync(target)
      .some(
        (name) =>
          name.startsWith("terraform-provider-openstack") &&
          isExecutable(path.join(target, name), host),
      );
  } catch {
    return false;
  }
}

function findOnPath(command: string, host: HostEnvironment): string | undefined {
  const separator = host.platform === "win32" ? ";" : ":";
  const names = host.platform === "win32" ? [`${command}.exe`, command] : [command];
  for (const dir of (host.env.PATH ?? "").split(separator).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate, host)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string, host: HostEnvironment): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, host.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Node's platform and arch names in Go's terms, which Terraform's directory names use. */
function goOs(platform: NodeJS.Platform): string {
  return platform === "win32" ? "windows" : platform;
}

function goArch(arch: string): string {
  return { x64: "amd64", ia32: "386", arm: "arm", arm64: "arm64" }[arch] ?? arch;
}
