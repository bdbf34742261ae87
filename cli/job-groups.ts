/**
 * Groups of stacks for CI jobs, when there are more stacks than a CI system runs jobs (a GitHub
 * Actions matrix holds 256). Two wishes pull apart here: jobs of about equal work, and jobs that
 * keep their stacks when an agency is added (so that a job's history, logs and caches stay
 * comparable from one run to the next). Hashing each stack into a job is stable but lumpy;
 * greedy packing over a sorted list is balanced but reshuffles everything on one insertion.
 *
 * This is consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018),
 * weighted: every stack ranks the jobs by a hash of (stack, job) (rendezvous hashing) and goes
 * to the first job in its ranking that still has room under a cap of (1 + SLACK) times the
 * average load. Stacks are placed heaviest first (so big stacks find room), ties by a hash of
 * the name. The result depends only on the set of stacks, their weights and the job count;
 * adding one stack moves few others (only those its arrival pushes past a full job), and no
 * job is loaded beyond the cap unless a single stack is heavier than it.
 */

/** Load above the average a job may take before a stack looks further down its ranking. */
export const SLACK = 0.15;

export interface Weighted {
  readonly name: string;
  /** The work a stack makes: its estimated resource count. */
  readonly weight: number;
}

export interface JobGroup<T extends Weighted> {
  /** The job's number, 0-based, stable for the same set of stacks and job count. */
  readonly index: number;
  /** Its stacks, sorted by name. */
  readonly items: readonly T[];
}

/**
 * Splits `items` into at most `maxJobs` non-empty groups. With no more items than jobs, each
 * item is a job of its own, numbered in name order (no grouping is needed, so none is made).
 */
export function groupIntoJobs<T extends Weighted>(
  items: readonly T[],
  maxJobs: number,
): JobGroup<T>[] {
  if (!Number.isInteger(maxJobs) || maxJobs < 1) {
    throw new RangeError(`maxJobs must be a whole number of 1 or more, got ${maxJobs}`);
  }
  const sorted = [...items].sort((a, b) => compareNames(a.name, b.name));
  if (sorted.length <= maxJobs) return sorted.map((item, index) => ({ index, items: [item] }));

  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  const heaviest = Math.max(...sorted.map((item) => item.weight));
  const cap = Math.max(heaviest, onGrid(((1 + SLACK) * total) / maxJobs));
  const loads = new Array<number>(maxJobs).fill(0);
  const members: T[][] = Array.from({ length: maxJobs }, () => []);

  const order = sorted
    .map((item) => ({ item, hash: hash32(item.name) }))
    .sort(
      (a, b) =>
        b.item.weight - a.item.weight || a.hash - b.hash || compareNames(a.item.name, b.item.name),
    );
  for (const { item, hash } of order) {
    const job = firstWithRoom(hash, item.weight, loads, cap) ?? leastLoaded(loads);
    loads[job]! += item.weight;
    members[job]!.push(item);
  }
  return members
    .map((group, index) => ({
      index,
      items: group.sort((a, b) => compareNames(a.name, b.name)),
    }))
    .filter((group) => group.items.length > 0);
}

/** The item's highest-ranked job that takes `weight` without passing the cap. */
function firstWithRoom(
  itemHash: number,
  weight: number,
  loads: readonly number[],
  cap: number,
): number | undefined {
  const ranking = loads
    .map((_, job) => ({ job, score: mix32(itemHash ^ Math.imul(job + 1, 0x9e3779b1)) }))
    .sort((a, b) => b.score - a.score || a.job - b.job);
  return ranking.find(({ job }) => loads[job]! + weight <= cap)?.job;
}

/** Rounded up to a step of 2^(1/16) (4.4%): a routine change in total load keeps the cap. */
function onGrid(value: number): number {
  return 2 ** (Math.ceil(Math.log2(value) * 16) / 16);
}

function leastLoaded(loads: readonly number[]): number {
  let best = 0;
  for (let job = 1; job < loads.length; job++) if (loads[job]! < loads[best]!) best = job;
  return best;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a over UTF-16 code units, then mixed: the same on every machine and Node version. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** MurmurHash3's finalizer: spreads every input bit over the output. Unsigned. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
