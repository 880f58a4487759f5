import { LineageGraph } from './lineageGraph';

/** Medallion layers, left to right; other layer names follow alphabetically, then unlayered assets. */
export const LAYER_ORDER = ['bronze', 'silver', 'gold'];

export interface LineageLayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal gap between two ranks. */
  rankGap: number;
  /** Extra horizontal gap where one layer band ends and the next begins. */
  layerGap: number;
  /** Horizontal gap between the sub-columns of a wrapped rank. */
  columnGap: number;
  /** Vertical gap between two rows. */
  rowGap: number;
  /** Barycentric ordering sweeps (each is one down and one up pass). */
  sweeps: number;
  /** Target width / height of the whole drawing; tall ranks wrap into sub-columns to approach it. */
  aspect: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LineageLayoutOptions = {
  nodeWidth: 200,
  nodeHeight: 48,
  rankGap: 70,
  layerGap: 50,
  columnGap: 24,
  rowGap: 14,
  sweeps: 4,
  aspect: 1.6,
};

/** A vertical band behind all nodes of one layer (drawn as a labelled background). */
export interface LayerBand {
  layer: string;
  x: number;
  width: number;
}

/** Node boxes in world coordinates (top-left corner), plus the drawing's extent. */
export interface LineageLayout {
  x: Float64Array;
  y: Float64Array;
  rank: Int32Array;
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
  bands: LayerBand[];
}

/**
 * Layered left-to-right layout that uses what we know about a data pipeline: every asset belongs
 * to a medallion layer, so layers become bands and ranks are computed inside them.
 *
 * 1. Ranking: longest path from the sources in a topological order grouped by layer; a layer's
 *    first rank is one past the previous layer's last, so bronze < silver < gold always holds.
 *    Back edges (cycles, or a gold asset feeding silver) are ignored for ranking only.
 * 2. Ordering: barycentric sweeps (down then up) on normalised positions, so ranks of very
 *    different sizes still pull each other straight.
 * 3. Coordinates: a rank taller than the target row count wraps into interleaved sub-columns
 *    (node i goes to sub-column i mod k), which keeps vertical order and keeps 10,000 assets
 *    within a readable aspect ratio instead of a 100,000 px column.
 *
 * Cost: O((V + E) · sweeps + V log V). Deterministic: the same graph gives the same layout, and
 * nothing here depends on selection or filters, so the graph never moves when you click.
 */
export function layoutLineage(g: LineageGraph, options: Partial<LineageLayoutOptions> = {}): LineageLayout {
  const o = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  const n = g.nodes.length;
  const { order, layerOf, layerNames } = layeredTopologicalOrder(g);
  const rank = assignRanks(g, order, layerOf);
  const buckets = orderRanks(g, rank, order, o.sweeps);
  return assignCoordinates(n, rank, buckets, layerOf, layerNames, o);
}

interface LayeredOrder {
  order: Int32Array;
  layerOf: Int32Array;
  layerNames: string[];
}

/** Kahn's topological order (nodes stuck in cycles appended by index), stably sorted by layer. */
function layeredTopologicalOrder(g: LineageGraph): LayeredOrder {
  const n = g.nodes.length;
  const names = new Set<string>();
  g.nodes.forEach((a) => a.layer && names.add(a.layer));
  const known = LAYER_ORDER.filter((l) => names.has(l));
  const others = Array.from(names)
    .filter((l) => !LAYER_ORDER.includes(l))
    .sort();
  const layerNames = [...known, ...others];
  const layerIndex = new Map(layerNames.map((l, i) => [l, i]));

  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    indeg[i] = g.upStart[i + 1] - g.upStart[i];
  }
  const topo = new Int32Array(n);
  const placed = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (indeg[i] === 0) {
      topo[tail++] = i;
      placed[i] = 1;
    }
  }
  let next = 0;
  while (tail < n) {
    while (head < tail) {
      const u = topo[head++];
      for (let k = g.downStart[u]; k < g.downStart[u + 1]; k++) {
        const v = g.edgeTarget[g.downEdge[k]];
        if (--indeg[v] === 0 && !placed[v]) {
          topo[tail++] = v;
          placed[v] = 1;
        }
      }
    }
    // A cycle: release its lowest-index node and carry on.
    while (tail < n && placed[next]) {
      next++;
    }
    if (tail < n) {
      topo[tail++] = next;
      placed[next] = 1;
    }
  }

  // Unlayered assets inherit the latest layer among their upstream (in topological order).
  const layerOf = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const v = topo[t];
    const own = g.nodes[v].layer;
    if (own !== undefined && layerIndex.has(own)) {
      layerOf[v] = layerIndex.get(own)!;
      continue;
    }
    let l = 0;
    for (let k = g.upStart[v]; k < g.upStart[v + 1]; k++) {
      l = Math.max(l, layerOf[g.edgeSource[g.upEdge[k]]]);
    }
    layerOf[v] = l;
  }
  if (layerNames.length === 0) {
    layerNames.push('');
  }
  // Stable counting sort of the topological order by layer.
  const counts = new Int32Array(layerNames.length + 1);
  for (let i = 0; i < n; i++) {
    counts[layerOf[i] + 1]++;
  }
  for (let l = 0; l < layerNames.length; l++) {
    counts[l + 1] += counts[l];
  }
  const order = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    order[counts[layerOf[topo[t]]]++] = topo[t];
  }
  return { order, layerOf, layerNames };
}

/** Longest-path ranks inside layer bands, then sources pulled right next to their first reader. */
function assignRanks(g: LineageGraph, order: Int32Array, layerOf: Int32Array): Int32Array {
  const n = order.length;
  const rank = new Int32Array(n);
  const done = new Uint8Array(n);
  const bandStart: number[] = [];
  const bandEnd: number[] = [];
  let maxRank = -1;
  let current = -1;
  for (let t = 0; t < n; t++) {
    const v = order[t];
    if (layerOf[v] !== current) {
      current = layerOf[v];
      bandStart[current] = maxRank + 1;
    }
    let r = bandStart[current];
    for (let k = g.upStart[v]; k < g.upStart[v + 1]; k++) {
      const u = g.edgeSource[g.upEdge[k]];
      if (done[u]) {
        r = Math.max(r, rank[u] + 1);
      }
    }
    rank[v] = r;
    done[v] = 1;
    maxRank = Math.max(maxRank, r);
    bandEnd[current] = Math.max(bandEnd[current] ?? r, r);
  }
  // A source with readers only far right would otherwise stretch one long edge across the band.
  for (let v = 0; v < n; v++) {
    if (g.upStart[v + 1] !== g.upStart[v] || g.downStart[v + 1] === g.downStart[v]) {
      continue;
    }
    let minChild = Infinity;
    for (let k = g.downStart[v]; k < g.downStart[v + 1]; k++) {
      minChild = Math.min(minChild, rank[g.edgeTarget[g.downEdge[k]]]);
    }
    const band = layerOf[v];
    const target = Math.min(bandEnd[band], minChild - 1);
    if (target > rank[v]) {
      rank[v] = target;
    }
  }
  return rank;
}

/** Nodes of each rank, ordered by barycentric sweeps. */
function orderRanks(g: LineageGraph, rank: Int32Array, order: Int32Array, sweeps: number): Int32Array[] {
  const n = rank.length;
  let maxRank = -1;
  for (let i = 0; i < n; i++) {
    maxRank = Math.max(maxRank, rank[i]);
  }
  const sizes = new Int32Array(maxRank + 1);
  for (let i = 0; i < n; i++) {
    sizes[rank[i]]++;
  }
  const buckets: Int32Array[] = Array.from(sizes, (s) => new Int32Array(s));
  const fill = new Int32Array(maxRank + 1);
  // Initial order: layered topological order, which keeps generated siblings together.
  for (let t = 0; t < n; t++) {
    const v = order[t];
    buckets[rank[v]][fill[rank[v]]++] = v;
  }
  const pos = new Float64Array(n);
  const setPositions = (b: Int32Array) => {
    const d = b.length > 1 ? b.length - 1 : 1;
    for (let i = 0; i < b.length; i++) {
      pos[b[i]] = b.length > 1 ? i / d : 0.5;
    }
  };
  buckets.forEach(setPositions);

  const bary = new Float64Array(n);
  const sortBucket = (r: number, upstream: boolean) => {
    const b = buckets[r];
    for (let i = 0; i < b.length; i++) {
      const v = b[i];
      const start = upstream ? g.upStart : g.downStart;
      const edges = upstream ? g.upEdge : g.downEdge;
      const ends = upstream ? g.edgeSource : g.edgeTarget;
      let sum = 0;
      let count = 0;
      for (let k = start[v]; k < start[v + 1]; k++) {
        const u = ends[edges[k]];
        // Only neighbours on the side we sweep from carry information this pass.
        if (upstream ? rank[u] < r : rank[u] > r) {
          sum += pos[u];
          count++;
        }
      }
      bary[v] = count ? sum / count : pos[v];
    }
    // Ties keep the current order, so repeated sweeps converge instead of oscillating.
    const sorted = Array.from(b).sort((a, c) => bary[a] - bary[c] || pos[a] - pos[c]);
    buckets[r] = Int32Array.from(sorted);
    setPositions(buckets[r]);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let r = 1; r <= maxRank; r++) {
      sortBucket(r, true);
    }
    for (let r = maxRank - 1; r >= 0; r--) {
      sortBucket(r, false);
    }
  }
  return buckets;
}

function assignCoordinates(
  n: number,
  rank: Int32Array,
  buckets: Int32Array[],
  layerOf: Int32Array,
  layerNames: string[],
  o: LineageLayoutOptions
): LineageLayout {
  const rowH = o.nodeHeight + o.rowGap;
  const colW = o.nodeWidth + o.rankGap;
  const targetRows = Math.max(12, Math.ceil(Math.sqrt((n * colW) / (o.aspect * rowH))));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cols = buckets.map((b) => Math.max(1, Math.ceil(b.length / targetRows)));
  const rows = buckets.map((b, r) => Math.ceil(b.length / cols[r]));
  const height = Math.max(1, ...rows) * rowH - o.rowGap;

  const bands: LayerBand[] = [];
  let cursor = 0;
  let prevLayer = -1;
  buckets.forEach((b, r) => {
    if (b.length === 0) {
      return;
    }
    const layer = layerOf[b[0]];
    if (layer !== prevLayer) {
      if (prevLayer >= 0) {
        cursor += o.layerGap;
      }
      bands.push({ layer: layerNames[layer], x: cursor - o.rankGap / 2, width: 0 });
      prevLayer = layer;
    }
    const k = cols[r];
    const top = (height - (rows[r] * rowH - o.rowGap)) / 2;
    for (let i = 0; i < b.length; i++) {
      x[b[i]] = cursor + (i % k) * (o.nodeWidth + o.columnGap);
      y[b[i]] = top + Math.floor(i / k) * rowH;
    }
    cursor += k * o.nodeWidth + (k - 1) * o.columnGap;
    const band = bands[bands.length - 1];
    band.width = cursor + o.rankGap / 2 - band.x;
    cursor += o.rankGap;
  });
  const width = Math.max(o.nodeWidth, cursor - o.rankGap);
  return { x, y, rank, width, height, nodeWidth: o.nodeWidth, nodeHeight: o.nodeHeight, bands };
}
