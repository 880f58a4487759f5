import { AssetStatus } from '../model';
import { LineageAsset, LineageEdge } from '../lineage/lineageGraph';
import { mulberry32, randInt } from './prng';

export interface GeneratedLineage {
  assets: LineageAsset[];
  edges: LineageEdge[];
}

const TOPICS = ['glucose', 'insulin', 'device', 'patient', 'meal', 'sleep', 'activity', 'billing', 'sensor', 'events'];
const OWNERS = ['data-eng', 'analytics', 'platform', 'ml'];
/** Rough status mix of a real pipeline: mostly healthy, a tail of problems. */
const STATUS_WEIGHTS: Array<[AssetStatus, number]> = [
  ['ok', 0.86],
  ['quality', 0.05],
  ['stale', 0.03],
  ['errors', 0.02],
  ['failing', 0.02],
  ['unknown', 0.02],
];

function pickStatus(r: number): AssetStatus {
  let acc = 0;
  for (const [status, w] of STATUS_WEIGHTS) {
    acc += w;
    if (r < acc) {
      return status;
    }
  }
  return 'ok';
}

/**
 * A medallion-shaped lineage DAG of `count` assets (25% bronze, 40% silver, 35% gold). Each
 * silver/gold asset reads 1–3 assets of earlier layers (mostly nearby ones, like real domains)
 * and sometimes an earlier asset of its own layer, so ranks inside a layer exist too.
 * Deterministic for a given seed; used by unit tests and the benchmark.
 */
export function generateLineage(count: number, seed = 42): GeneratedLineage {
  const rng = mulberry32(seed);
  const nBronze = Math.max(1, Math.round(count * 0.25));
  const nSilver = Math.max(0, Math.round(count * 0.4));
  const nGold = Math.max(0, count - nBronze - nSilver);
  const layers: Array<{ layer: 'bronze' | 'silver' | 'gold'; prefix: string; n: number }> = [
    { layer: 'bronze', prefix: 'dlt', n: nBronze },
    { layer: 'silver', prefix: 'stg', n: nSilver },
    { layer: 'gold', prefix: 'fct', n: nGold },
  ];
  const assets: LineageAsset[] = [];
  const edges: LineageEdge[] = [];
  const byLayer: string[][] = [];
  const width = String(count).length;
  layers.forEach(({ layer, prefix, n }, li) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const topic = TOPICS[Math.floor((i / Math.max(1, n)) * TOPICS.length)];
      const id = `${prefix}_${topic}_${String(i).padStart(width, '0')}`;
      const status = pickStatus(rng());
      assets.push({
        id,
        layer,
        status,
        owner: OWNERS[randInt(rng, 0, OWNERS.length - 1)],
        freshness: status === 'stale' ? randInt(rng, 4 * 3600, 30 * 3600) : randInt(rng, 60, 3600),
        passRate: status === 'quality' ? 80 + rng() * 14 : 95 + rng() * 5,
      });
      if (li > 0) {
        const parents = new Set<string>();
        const k = randInt(rng, 1, 3);
        for (let p = 0; p < k; p++) {
          // Intra-layer dependency sometimes (only on earlier assets: the DAG stays acyclic).
          if (i > 0 && rng() < 0.15) {
            parents.add(ids[randInt(rng, Math.max(0, i - 20), i - 1)]);
            continue;
          }
          const from = byLayer[rng() < 0.8 ? li - 1 : randInt(rng, 0, li - 1)];
          const centre = Math.floor((i / n) * from.length);
          const j = rng() < 0.85 ? centre + randInt(rng, -15, 15) : randInt(rng, 0, from.length - 1);
          parents.add(from[Math.min(from.length - 1, Math.max(0, j))]);
        }
        parents.forEach((source) => edges.push({ source, target: id }));
      }
      ids.push(id);
    }
    byLayer.push(ids);
  });
  return { assets, edges };
}
