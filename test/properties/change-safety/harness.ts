/**
 * The change-safety harness: synthesizes a region state through the library (spec objects ->
 * plan -> cdktf App -> Terraform JSON), diffs two states with `tamna diff`'s own comparison, and
 * checks the contract of a routine edit against the diff: nothing is replaced, and only what the
 * edit removes is destroyed. Each stack's output is a function of its plan alone (the CLI's
 * batched synth relies on the same), so a stack whose plan did not change is not synthesized
 * again: its earlier output is reused.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { diffOutputs, type SynthOutput } from "../../../lib/diff";
import { blocksOf, constructPath, type TerraformJson } from "../../../lib/diff/terraform-json";
import { TamnaError } from "../../../lib/errors";
import { placementLocks } from "../../../lib/plan/placement-lock";
import { planRegion, type RegionPlan, type StackPlan } from "../../../lib/plan/region-plan";
import { AGENCY_DIR, REGION_FILE, regionInputFromObjects } from "../../../lib/spec/load";
import { PLACEMENT_DIR } from "../../../lib/spec/placement-lock";
import { buildApp } from "../../../stacks/app";
import { applyEdit, type EditChoice, type EditEffect, type RegionState } from "./edits";

/** A region state synthesized: its plan and every stack's Terraform JSON. */
export interface Synthesized {
  readonly state: RegionState;
  readonly plan: RegionPlan;
  /** Stack name -> a digest of its plan: equal digests, equal output. */
  readonly keys: ReadonlyMap<string, string>;
  readonly stacks: ReadonlyMap<string, TerraformJson>;
}

/** The region files of `dir` as plain objects, the way a user's editor sees them. */
export function readRegionState(dir: string): RegionState {
  const read = (file: string): unknown => parse(fs.readFileSync(file, "utf8"));
  const yamlIn = (sub: string, suffix: RegExp) => {
    const folder = path.join(dir, sub);
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((name) => suffix.test(name))
      .sort()
      .map((name) => read(path.join(folder, name)));
  };
  return {
    region: read(path.join(dir, REGION_FILE)),
    agencies: yamlIn(AGENCY_DIR, /\.ya?ml$/),
    locks: yamlIn(PLACEMENT_DIR, /\.lock\.yaml$/) as RegionState["locks"],
  };
}

/**
 * Synthesizes states, reusing the output of every stack whose plan was seen before (up to
 * `limit` stack outputs are kept, least recently used first out).
 */
export class StackOutputs {
  /** Stacks synthesized and stacks whose earlier output was reused. */
  synthesized = 0;
  reused = 0;
  private readonly byKey = new Map<string, TerraformJson>();

  constructor(private readonly limit = 400) {}

  /** Plans and synthesizes `state`; a TamnaError means the spec rules reject it. */
  synthesize(state: RegionState): Synthesized {
    const plan = planRegion(regionInputFromObjects(state.region, state.agencies, state.locks));
    const keys = new Map(plan.stacks.map((stack) => [stack.name, planKey(stack)]));
    const missing = plan.stacks.filter((stack) => !this.byKey.has(keys.get(stack.name)!));
    if (missing.length > 0) this.synthesizeStacks(plan, missing, keys);
    const stacks = new Map<string, TerraformJson>();
    for (const stack of plan.stacks) {
      const key = keys.get(stack.name)!;
      const json = this.byKey.get(key);
      if (json === undefined) throw new Error(`no output for stack ${stack.name}`);
      // Re-inserted: the map's order is the order of use.
      this.byKey.delete(key);
      this.byKey.set(key, json);
      stacks.set(stack.name, json);
    }
    this.reused += plan.stacks.length - missing.length;
    // Only now, when this state's stacks are the most recently used, can old outputs go.
    for (const key of this.byKey.keys()) {
      if (this.byKey.size <= this.limit) break;
      this.byKey.delete(key);
    }
    return { state, plan, keys, stacks };
  }

  private synthesizeStacks(
    plan: RegionPlan,
    stacks: readonly StackPlan[],
    keys: ReadonlyMap<string, string>,
  ): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-change-safety-"));
    try {
      buildApp(plan, { outdir: dir, stacks }).synth();
      for (const stack of stacks) {
        const file = path.join(dir, "stacks", stack.name, "cdk.tf.json");
        this.byKey.set(keys.get(stack.name)!, JSON.parse(fs.readFileSync(file, "utf8")));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    this.synthesized += stacks.length;
  }
}

/** A digest of a stack's plan; Maps and Sets are written out, so no part of the plan is lost. */
export function planKey(stack: StackPlan): string {
  const text = JSON.stringify(stack, (_, value: unknown) => {
    if (value instanceof Map) return { "@map": [...value] };
    if (value instanceof Set) return { "@set": [...value] };
    return value;
  });
  return createHash("sha256").update(text).digest("hex");
}

/** The state a user has after synthesizing: the same files, with the locks synth wrote. */
export function lockedState(synthesized: Synthesized): RegionState {
  return { ...synthesized.state, locks: placementLocks(synthesized.plan) };
}

/** A resource the contract says must not have changed the way it did. */
export interface Finding {
  readonly stack: string;
  readonly address: string;
  readonly problem: string;
}

/** Who a resource belongs to, read from its construct path. */
interface Owner {
  readonly agency?: string;
  readonly system?: string;
  readonly workload?: string;
  /** The instance number (01, 02...) of instance-level resources and load balancer members. */
  readonly instance?: string;
  /** Agency-wide children of the Systems construct: Dns, MemberRules, KeyPairs. */
  readonly shared?: string;
  /** The rest of the path after the stack, for messages. */
  readonly path: string;
}

/**
 * The contract of a routine edit, checked on `tamna diff`'s comparison of the two outputs:
 * - no resource is replaced, and none moves address without a `moved` block (which Terraform
 *   also carries out as destroy and create);
 * - a resource is destroyed only when the edit removes what owns it: its system, its workload,
 *   or (scaling down) its instance, which must be one of the workload's highest-numbered; an
 *   ingress rule from outside goes with its agency's last listener on the port;
 * - every data-loss danger is such a destroy.
 * Only the stacks whose plan changed are compared, with their agency's other stacks and the
 * platform stacks as context for the danger rules; the others have identical output.
 */
export function checkEdit(before: Synthesized, after: Synthesized, effect: EditEffect): Finding[] {
  const changed = new Set(
    [...new Set([...before.keys.keys(), ...after.keys.keys()])].filter(
      (name) => before.keys.get(name) !== after.keys.get(name),
    ),
  );
  if (changed.size === 0) return [];
  const agencyOf = new Map<string, string>();
  for (const stack of [...before.plan.stacks, ...after.plan.stacks])
    if (stack.layer !== "platform") agencyOf.set(stack.name, stack.agency);
  const agencies = new Set([...changed].flatMap((name) => agencyOf.get(name) ?? []));
  const compared = (name: string) =>
    changed.has(name) || name.startsWith("platform-") || agencies.has(agencyOf.get(name) ?? "");
  const subset = (s: Synthesized, label: string): SynthOutput => ({
    label,
    stacks: new Map([...s.stacks].filter(([name]) => compared(name))),
  });
  const report = diffOutputs(subset(before, "before"), subset(after, "after"));

  const findings: Finding[] = [];
  const destroyed = new Set<string>();
  for (const stack of report.stacks) {
    const baseBlocks = blocksOf(before.stacks.get(stack.stack), "resource");
    for (const change of stack.resources) {
      const at = { stack: stack.stack, address: change.address };
      if (change.action === "replace") {
        const why = (change.replacedBecause ?? []).join(", ");
        findings.push({ ...at, problem: `replaced (${why} forces replacement)` });
      } else if (change.action === "move" && !change.moveDeclared) {
        findings.push({
          ...at,
          problem: `moved from ${change.movedFrom} without a moved block: destroyed and re-created`,
        });
      } else if (change.action === "destroy") {
        const block = baseBlocks.get(change.address);
        const owner = ownerOf(stack.stack, agencyOf.get(stack.stack), block?.body);
        const reason = removedBy(owner, stack.stack, effect, before, after);
        if (reason === undefined) {
          findings.push({
            ...at,
            problem: `destroyed, yet the edit removes nothing that owns it (${owner.path || "no construct path"})`,
          });
        } else destroyed.add(`${stack.stack} ${change.address}`);
      }
    }
  }
  for (const danger of report.dangers) {
    if (danger.kind !== "data-loss" || destroyed.has(`${danger.stack} ${danger.address}`)) continue;
    if (findings.some((f) => f.stack === danger.stack && f.address === danger.address)) continue;
    findings.push({ stack: danger.stack, address: danger.address, problem: danger.message });
  }
  return findings;
}

function ownerOf(stack: string, agency: string | undefined, body: unknown): Owner {
  const full = body ? constructPath(body as Record<string, unknown>) : undefined;
  const rest = full?.startsWith(`${stack}/`) ? full.slice(stack.length + 1) : (full ?? "");
  const parts = rest.split("/");
  if (parts[0] !== "Systems" || parts[1] === undefined) return { agency, path: rest };
  // Systems and workloads are slugs (lowercase); construct IDs of shared parts are PascalCase.
  if (!/^[a-z]/.test(parts[1])) return { agency, shared: parts[1], path: rest };
  const system = parts[1];
  const workload = parts[2] !== undefined && /^[a-z]/.test(parts[2]) ? parts[2] : undefined;
  const instance = parts
    .slice(3)
    .map((part) => /^(?:Instance|Member)-([0-9]+)$/.exec(part)?.[1])
    .find((key) => key !== undefined);
  return { agency, system, workload, instance, path: rest };
}

/** Why the edit may destroy what `owner` owns, or undefined when it may not. */
function removedBy(
  owner: Owner,
  stack: string,
  effect: EditEffect,
  before: Synthesized,
  after: Synthesized,
): string | undefined {
  const removesInAgency = [...effect.removedSystems, ...effect.removedWorkloads].some((key) =>
    key.startsWith(`${owner.agency}/`),
  );
  // Ingress from outside the tenant opens for the ports the agency's listeners use: a rule
  // goes with the last listener on its port.
  if (
    removesInAgency &&
    /^Network\/SecurityGroups\/[^/]+\/in-(tcp|udp)-[0-9]+-cidr-/.test(owner.path)
  )
    return "its last listener on the port is removed";
  if (owner.shared !== undefined) {
    if (owner.shared === "Dns") {
      const record = /^Systems\/Dns\/Record-(.+)$/.exec(owner.path)?.[1];
      if (record === undefined) return removesInAgency ? "its last service is removed" : undefined;
      const plan = before.plan.stacks.find((s) => s.name === stack);
      const entry =
        plan?.layer === "agency" ? plan.dns?.records.find((r) => r.key === record) : undefined;
      if (!entry) return undefined;
      return removedBy(
        { ...owner, shared: undefined, system: entry.system, workload: entry.workload },
        stack,
        effect,
        before,
        after,
      );
    }
    // Rules that let load balancers reach members of a zone go with the last such workload.
    if (owner.shared === "MemberRules" && removesInAgency) return "its last member is removed";
    return undefined;
  }
  if (owner.system === undefined) return undefined;
  const system = `${owner.agency}/${owner.system}`;
  if (effect.removedSystems.includes(system)) return `system ${system} is removed`;
  if (owner.workload === undefined) return undefined;
  const workload = `${system}/${owner.workload}`;
  if (effect.removedWorkloads.includes(workload)) return `workload ${workload} is removed`;
  if (effect.scaledDown.includes(workload) && owner.instance !== undefined) {
    const kept = instanceKeys(after.plan, stack, owner.system, owner.workload);
    if (kept.every((key) => Number(key) < Number(owner.instance)))
      return `workload ${workload} is scaled down to ${kept.length}`;
  }
  return undefined;
}

function instanceKeys(plan: RegionPlan, stack: string, system: string, workload: string) {
  const agencyStack = plan.stacks.find((s) => s.name === stack);
  if (agencyStack?.layer !== "agency") return [];
  return (
    agencyStack.compute.systems
      .find((s) => s.name === system)
      ?.workloads.find((w) => w.name === workload)
      ?.instances.map((instance) => instance.key) ?? []
  );
}

/** What became of one edit of a sequence. */
export interface EditOutcome {
  readonly description: string;
  readonly kind: EditChoice["kind"];
  /** accepted; rejected by a spec rule (a TamnaError); skipped when nothing fits the edit. */
  readonly status: "accepted" | "rejected" | "skipped";
  /** The first problem of the rejection. */
  readonly rejection?: string;
  readonly findings: readonly Finding[];
}

export interface SequenceResult {
  readonly seed: number;
  readonly edits: readonly EditOutcome[];
}

/**
 * Applies the edits one after the other from `start`, each on the state the previous one left
 * with the placement locks its synth wrote, and checks each edit's diff.
 */
export function runSequence(
  seed: number,
  choices: readonly EditChoice[],
  start: Synthesized,
  outputs: StackOutputs,
): SequenceResult {
  const edits: EditOutcome[] = [];
  let current = start;
  for (const choice of choices) {
    const applied = applyEdit(lockedState(current), choice, current.plan);
    if (!applied) {
      edits.push({ description: choice.kind, kind: choice.kind, status: "skipped", findings: [] });
      continue;
    }
    const outcome = { description: applied.description, kind: choice.kind };
    let next: Synthesized;
    try {
      next = outputs.synthesize({
        region: applied.region,
        agencies: applied.agencies,
        locks: placementLocks(current.plan),
      });
    } catch (error) {
      if (error instanceof TamnaError) {
        const first = error.problems[0];
        const rejection = first ? first.message : error.message;
        edits.push({ ...outcome, status: "rejected", rejection, findings: [] });
        continue;
      }
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const problem = `synthesis crashed: ${message}`;
      edits.push({
        ...outcome,
        status: "accepted",
        findings: [{ stack: "", address: "", problem }],
      });
      break;
    }
    edits.push({
      ...outcome,
      status: "accepted",
      findings: checkEdit(current, next, applied.effect),
    });
    current = next;
  }
  return { seed, edits };
}

/** A failed sequence, with what a developer needs to replay it. */
export function describeFailure(result: SequenceResult, replay: string): string {
  const lines = [`sequence with seed ${result.seed}:`];
  result.edits.forEach((edit, i) => {
    const mark = edit.findings.length > 0 ? ">" : " ";
    const status = edit.status === "accepted" ? "" : ` [${edit.status}]`;
    lines.push(`  ${mark} ${i + 1}. ${edit.description}${status}`);
    for (const finding of edit.findings)
      lines.push(`        ${finding.stack} ${finding.address}: ${finding.problem}`);
  });
  lines.push(`  replay: ${replay}`);
  return lines.join("\n");
}
