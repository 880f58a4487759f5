import { AssetSpec } from './types';
import { mulberry32, pick, randInt } from './prng';

/** The five assets of the seed's glucose lakehouse (dlt → dbt staging → facts → mart → Postgres). */
export function defaultAssets(): AssetSpec[] {
  return [
    {
      name: 'dlt_glucose_entries',
      layer: 'bronze',
      owner: 'data-engineering',
      upstream: [],
      checks: ['schema'],
      schema: 'raw',
    },
    {
      name: 'stg_glucose_entries',
      layer: 'silver',
      owner: 'analytics-engineering',
      upstream: ['dlt_glucose_entries'],
      checks: ['no_duplicates', 'schema'],
      schema: 'staging',
    },
    {
      name: 'fct_glucose_readings',
      layer: 'gold',
      owner: 'data-platform-team',
      upstream: ['stg_glucose_entries'],
      checks: ['glucose_range_check', 'glucose_freshness_check', 'no_duplicates', 'statistical_bounds_check'],
      schema: 'marts',
    },
    {
      name: 'mrt_glucose_readings',
      layer: 'gold',
      owner: 'data-platform-team',
      upstream: ['fct_glucose_readings'],
      checks: ['glucose_range_check', 'statistical_bounds_check'],
      schema: 'marts',
    },
    {
      name: 'publish_to_postgres',
      layer: 'gold',
      owner: 'data-platform-team',
      upstream: ['mrt_glucose_readings'],
      checks: ['schema'],
      schema: 'public',
    },
  ];
}

const DOMAINS = ['glucose', 'insulin', 'meals', 'activity', 'sleep', 'devices', 'patients', 'alerts'];
const OWNERS = ['data-engineering', 'analytics-engineering', 'data-platform-team', 'clinical-analytics'];
const CHECKS = [
  'schema',
  'no_duplicates',
  'glucose_range_check',
  'glucose_freshness_check',
  'statistical_bounds_check',
];
const SCHEMA: Record<AssetSpec['layer'], string> = { bronze: 'raw', silver: 'staging', gold: 'marts' };
const PREFIX: Record<AssetSpec['layer'], string> = { bronze: 'dlt', silver: 'stg', gold: 'fct' };

/**
 * A layered lineage DAG of n assets: ~40% bronze sources, ~35% silver models reading 1–2 bronze
 * assets, the rest gold models reading silver or earlier gold assets (so chains get deep).
 * Deterministic for (n, seed); O(n).
 */
export function generateAssets(n: number, seed = 1): AssetSpec[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`generateAssets: n must be a positive integer, got ${n}`);
  }
  const rng = mulberry32(seed);
  const nBronze = Math.max(1, Math.round(n * 0.4));
  const nSilver = n - nBronze === 0 ? 0 : Math.max(1, Math.round(n * 0.35));
  const width = String(n).length;
  const assets: AssetSpec[] = [];
  const bronze: string[] = [];
  const silverOrGold: string[] = [];

  for (let i = 0; i < n; i++) {
    const layer: AssetSpec['layer'] = i < nBronze ? 'bronze' : i < nBronze + nSilver ? 'silver' : 'gold';
    const domain = pick(rng, DOMAINS);
    const name = `${PREFIX[layer]}_${domain}_${String(i).padStart(width, '0')}`;
    const upstream = new Set<string>();
    if (layer === 'silver') {
      const k = randInt(rng, 1, 2);
      for (let j = 0; j < k; j++) {
        upstream.add(pick(rng, bronze));
      }
    } else if (layer === 'gold') {
      const k = randInt(rng, 1, 3);
      // Prefer recent assets so gold chains get deep instead of all hanging off silver.
      const window = Math.min(silverOrGold.length, 50);
      for (let j = 0; j < k; j++) {
        upstream.add(silverOrGold[silverOrGold.length - 1 - Math.floor(rng() * window)]);
      }
    }
    const checks = CHECKS.filter(() => rng() < 0.4);
    assets.push({
      name,
      layer,
      owner: pick(rng, OWNERS),
      upstream: [...upstream],
      checks: checks.length > 0 ? checks : ['schema'],
      schema: SCHEMA[layer],
    });
    (layer === 'bronze' ? bronze : silverOrGold).push(name);
  }
  return assets;
}

/** Topological order (Kahn); throws on unknown upstreams or cycles so bad configs fail loudly. */
export function topologicalOrder(assets: AssetSpec[]): AssetSpec[] {
  const byName = new Map(assets.map((a) => [a.name, a]));
  if (byName.size !== assets.length) {
    throw new Error('asset names must be unique');
  }
  const indegree = new Map<string, number>();
  const downstream = new Map<string, string[]>();
  for (const a of assets) {
    indegree.set(a.name, a.upstream.length);
    for (const up of a.upstream) {
      if (!byName.has(up)) {
        throw new Error(`asset ${a.name} has unknown upstream ${up}`);
      }
      const list = downstream.get(up) ?? [];
      list.push(a.name);
      downstream.set(up, list);
    }
  }
  const queue = assets.filter((a) => a.upstream.length === 0).map((a) => a.name);
  const order: AssetSpec[] = [];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i];
    order.push(byName.get(name)!);
    for (const d of downstream.get(name) ?? []) {
      const left = indegree.get(d)! - 1;
      indegree.set(d, left);
      if (left === 0) {
        queue.push(d);
      }
    }
  }
  if (order.length !== assets.length) {
    throw new Error('asset graph has a cycle');
  }
  return order;
}
