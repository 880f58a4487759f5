import { AssetStatus } from '../datasource/types';

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

/** A lineage edge: data flows from `source` (upstream) to `target` (the asset that reads it). */
export interface LineageEdge {
  source: string;
  target: string;
}

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

  const seen = new Set<string>();
  const src: number[] = [];
  const dst: number[] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) {
      continue;
    }
    const key = `${s}>${t}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    src.push(s);
    dst.push(t);
  }
  const edgeSource = Int32Array.from(src);
  const edgeTarget = Int32Array.from(dst);
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
