import { AssetStatus, LineageEdge } from '../model';
import { STATUS_SEVERITY } from '../rules/healthRules';

/** One asset as the lineage page draws it (from the `lineage` nodes frame, enriched by `health`). */
export interface LineageAsset {
  id: string;
  layer?: string;
  status: AssetStatus;
  /** Seconds since the last update. */
  freshness?: number;
  /** Percent, minimum over the asset's checks. */
  passRate?: number;
  owner?: string;
  reasons?: string[];
  lastTraceId?: string;
}

export type { LineageEdge };

/**
 * An indexed lineage DAG. Nodes are sorted by id so the same asset set always gets the same
 * indices (and therefore the same layout). Adjacency is stored in CSR form: the upstream edges of
 * node i are `upEdge[upStart[i] .. upStart[i + 1])`, edge e runs `edgeSource[e] → edgeTarget[e]`.
 */
export interface LineageGraph {
  nodes: LineageAsset[];
  index: Map<string, number>;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  upStart: Int32Array;
  upEdge: Int32Array;
  downStart: Int32Array;
  downEdge: Int32Array;
}

/**
 * Builds the indexed graph in O(V log V + E). Duplicate assets keep the first row, self-loops and
 * duplicate edges are dropped, and an edge naming an asset without a row adds it as `unknown` so
 * a missing upstream still shows up instead of silently disappearing.
 */
export function buildLineageGraph(assets: LineageAsset[], edges: LineageEdge[]): LineageGraph {
  const byId = new Map<string, LineageAsset>();
  for (const a of assets) {
    if (a.id && !byId.has(a.id)) {
      byId.set(a.id, a);
    }
  }
  for (const e of edges) {
    for (const id of [e.source, e.target]) {
      if (id && !byId.has(id)) {
        byId.set(id, { id, status: 'unknown', reasons: ['Only known from a lineage edge'] });
      }
    }
  }
  const nodes = Array.from(byId.values()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.id, i));

  const seen = new Set<number>();
  const src: number[] = [];
  const dst: number[] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) {
      continue;
    }
    const key = s * nodes.length + t;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    src.push(s);
    dst.push(t);
  }
  // Edge order must not depend on row order either (it drives the topological order).
  const order = src.map((_, e) => e).sort((a, b) => src[a] - src[b] || dst[a] - dst[b]);
  const edgeSource = Int32Array.from(order, (e) => src[e]);
  const edgeTarget = Int32Array.from(order, (e) => dst[e]);
  const [upStart, upEdge] = csr(nodes.length, edgeTarget);
  const [downStart, downEdge] = csr(nodes.length, edgeSource);
  return { nodes, index, edgeSource, edgeTarget, upStart, upEdge, downStart, downEdge };
}

/** Groups edge ids by `owner[e]` (counting sort): O(V + E). */
function csr(n: number, owner: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < owner.length; e++) {
    start[owner[e] + 1]++;
  }
  for (let i = 0; i < n; i++) {
    start[i + 1] += start[i];
  }
  const fill = start.slice(0, n);
  const out = new Int32Array(owner.length);
  for (let e = 0; e < owner.length; e++) {
    out[fill[owner[e]]++] = e;
  }
  return [start, out];
}

/** Upstream node indices of node i (direct parents). */
export function upstreamOf(g: LineageGraph, i: number): number[] {
  const out: number[] = [];
  for (let k = g.upStart[i]; k < g.upStart[i + 1]; k++) {
    out.push(g.edgeSource[g.upEdge[k]]);
  }
  return out;
}

/** Downstream node indices of node i (direct children). */
export function downstreamOf(g: LineageGraph, i: number): number[] {
  const out: number[] = [];
  for (let k = g.downStart[i]; k < g.downStart[i + 1]; k++) {
    out.push(g.edgeTarget[g.downEdge[k]]);
  }
  return out;
}

/** Bits of a node/edge highlight mask. */
export const HIGHLIGHT = { selected: 1, upstream: 2, downstream: 4 } as const;

/** What a click on one asset lights up. */
export interface Neighbourhood {
  selected: number;
  /** Per node: HIGHLIGHT bits (0 = not reached). */
  nodeMask: Uint8Array;
  /** Per edge: HIGHLIGHT bits of the direction it was walked in. */
  edgeMask: Uint8Array;
  /** Reached upstream nodes, nearest first; `distance` is in hops. */
  upstream: Array<{ node: number; distance: number }>;
  downstream: Array<{ node: number; distance: number }>;
}

/**
 * Upstream and downstream of one node up to `depth` hops (Infinity = all), by breadth-first search
 * on the precomputed adjacency: O(reached nodes + their edges), never the whole graph.
 */
export function neighbourhood(g: LineageGraph, selected: number, depth = Infinity): Neighbourhood {
  const nodeMask = new Uint8Array(g.nodes.length);
  const edgeMask = new Uint8Array(g.edgeSource.length);
  nodeMask[selected] = HIGHLIGHT.selected;
  const walk = (bit: number, start: Int32Array, edges: Int32Array, ends: Int32Array) => {
    const reached: Array<{ node: number; distance: number }> = [];
    let frontier = [selected];
    for (let d = 1; d <= depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const u of frontier) {
        for (let k = start[u]; k < start[u + 1]; k++) {
          const e = edges[k];
          const v = ends[e];
          edgeMask[e] |= bit;
          if (!(nodeMask[v] & (bit | HIGHLIGHT.selected))) {
            nodeMask[v] |= bit;
            reached.push({ node: v, distance: d });
            next.push(v);
          }
        }
      }
      frontier = next;
    }
    return reached;
  };
  const upstream = walk(HIGHLIGHT.upstream, g.upStart, g.upEdge, g.edgeSource);
  const downstream = walk(HIGHLIGHT.downstream, g.downStart, g.downEdge, g.edgeTarget);
  return { selected, nodeMask, edgeMask, upstream, downstream };
}

/** Kind order, worst highest (AssetStatus lists them best first; the rules' one order). */
export { STATUS_SEVERITY };

/** Statuses that break the assets downstream of them: failed runs, stale data, frequent errors. */
export function isBroken(status: AssetStatus): boolean {
  return status === 'failing' || status === 'stale' || status === 'errors';
}

/** Status and layer filter; an empty set lets everything through. */
export interface LineageFilter {
  statuses: ReadonlySet<AssetStatus>;
  layers: ReadonlySet<string>;
}

/** Whether an asset passes the filter (filtered-out assets are dimmed, never moved). */
export function passesFilter(a: LineageAsset, f: LineageFilter): boolean {
  return (f.statuses.size === 0 || f.statuses.has(a.status)) && (f.layers.size === 0 || f.layers.has(a.layer ?? ''));
}

/**
 * Assets whose name (or owner) contains `query`, case-insensitive, that pass the filter, ranked:
 * exact name, then name prefix, then worst status first, then name. An empty query lists every
 * asset that passes the filter in that order ("what needs attention first").
 */
export function searchAssets(g: LineageGraph, query: string, filter: LineageFilter): number[] {
  const q = query.trim().toLowerCase();
  const score = new Map<number, number>();
  for (let i = 0; i < g.nodes.length; i++) {
    const a = g.nodes[i];
    if (!passesFilter(a, filter)) {
      continue;
    }
    const id = a.id.toLowerCase();
    if (!q) {
      score.set(i, 2);
    } else if (id === q) {
      score.set(i, 0);
    } else if (id.startsWith(q)) {
      score.set(i, 1);
    } else if (id.includes(q) || (a.owner ?? '').toLowerCase().includes(q)) {
      score.set(i, 2);
    }
  }
  return Array.from(score.keys()).sort(
    (a, b) =>
      score.get(a)! - score.get(b)! || STATUS_SEVERITY[g.nodes[b].status] - STATUS_SEVERITY[g.nodes[a].status] || a - b
  );
}

/**
 * A key that changes exactly when the graph's shape (asset ids and edges) changes, so a refresh
 * that only changes statuses reuses the previous layout and nothing moves.
 */
export function topologyKey(g: LineageGraph): string {
  const parts: string[] = g.nodes.map((n) => n.id);
  parts.push(Array.from(g.edgeSource).join(','), Array.from(g.edgeTarget).join(','));
  return parts.join('\n');
}
