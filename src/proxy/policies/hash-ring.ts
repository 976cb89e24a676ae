/** A consistent-hashing ring for the `consistent-hashing` balancer. Each model owns points in
 * proportion to its weight alone (never to the other models'), so adding or removing a model moves
 * only the keys that land on its points, and the same key always reaches the same model. */
import { createHash } from 'node:crypto';

/** Kong's `balancer.slots` default (FACTS §1.3); the model has no field for it. */
export const DEFAULT_SLOTS = 10_000;

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export interface HashRing {
  /** Distinct models in ring order starting where `key` lands: the owner first, then the next
   * models clockwise (the fallbacks). */
  walk(key: string): string[];
}

export function createHashRing(models: readonly string[], weights: Readonly<Record<string, number>>, slots = DEFAULT_SLOTS): HashRing {
  const points: { readonly at: number; readonly model: string }[] = [];
  for (const model of models) {
    // Kong spreads `slots` over the targets by weight; dividing it by the total weight would move
    // every model's points whenever one is added. Instead a weight-100 model gets slots/100 points
    // (100 by default, ketama's density), and other weights scale from there.
    const share = Math.max(1, Math.round(((slots / 100) * (weights[model] ?? 100)) / 100));
    // A point's position depends only on the model's name and index, never on the other models.
    for (let i = 0; i < share; i++) points.push({ at: hash32(`${model}\u0000${i}`), model });
  }
  points.sort((a, b) => a.at - b.at || (a.model < b.model ? -1 : 1));
  const distinct = new Set(models).size;

  return {
    walk(key) {
      const h = hash32(key);
      let lo = 0;
      let hi = points.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (points[mid]!.at < h) lo = mid + 1;
        else hi = mid;
      }
      const out: string[] = [];
      for (let i = 0; i < points.length && out.length < distinct; i++) {
        const m = points[(lo + i) % points.length]!.model;
        if (!out.includes(m)) out.push(m);
      }
      return out;
    },
  };
}
