/**
 * Finds blocks that only changed address: same type, same body once cdktf's metadata is dropped
 * and references to other moved blocks are followed. Renaming a construct renames every block
 * under it, and their bodies refer to each other, so matching repeats until nothing new matches.
 */
import { rewriteReferences } from "./references";
import type { Block } from "./terraform-json";
import { canonical, stripMetadata } from "./values";

/**
 * Moves as base address -> head address, one-to-one. `declared` moves (from `moved` blocks in the
 * head) are taken as given. When several blocks have identical bodies they are paired in sorted
 * address order, so the result never depends on the order of keys in the files.
 */
export function findMoves(
  base: ReadonlyMap<string, Block>,
  head: ReadonlyMap<string, Block>,
  declared: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const moves = new Map<string, string>();
  for (const [from, to] of declared) {
    const source = base.get(from);
    const target = head.get(to);
    if (
      source &&
      target &&
      !head.has(from) &&
      !base.has(to) &&
      groupOf(source) === groupOf(target)
    ) {
      moves.set(from, to);
    }
  }
  for (;;) {
    const targets = new Set(moves.values());
    const removed = bucket(
      [...base.values()].filter((block) => !head.has(block.address) && !moves.has(block.address)),
      (body) => rewriteReferences(body, moves),
    );
    const added = bucket(
      [...head.values()].filter((block) => !base.has(block.address) && !targets.has(block.address)),
      (body) => body,
    );
    let found = false;
    for (const key of [...removed.keys()].sort()) {
      const from = removed.get(key)!.sort();
      const to = (added.get(key) ?? []).sort();
      for (let index = 0; index < Math.min(from.length, to.length); index++) {
        moves.set(from[index]!, to[index]!);
        found = true;
      }
    }
    if (!found) return moves;
  }
}

/** Addresses grouped by type and canonical body. */
function bucket(
  blocks: readonly Block[],
  normalise: (body: unknown) => unknown,
): Map<string, string[]> {
  const buckets = new Map<string, string[]>();
  for (const block of blocks) {
    const key = `${groupOf(block)} ${canonical(normalise(stripMetadata(block.body)))}`;
    const list = buckets.get(key) ?? [];
    list.push(block.address);
    buckets.set(key, list);
  }
  return buckets;
}

/** Blocks only move within their kind and type: `openstack_x` or `data.openstack_x`. */
function groupOf(block: Block): string {
  return block.address.slice(0, block.address.length - block.name.length - 1);
}
