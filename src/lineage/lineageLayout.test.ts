import { buildLineageGraph, LineageAsset, LineageEdge, LineageGraph } from './lineageGraph';
import { layoutLineage, LineageLayout } from './lineageLayout';
import { generateLineage } from '../testing/lineageData';
import { fastestMs } from '../testing/timing';

const asset = (id: string, layer?: string): LineageAsset => ({ id, layer, status: 'ok' });
const edge = (source: string, target: string): LineageEdge => ({ source, target });

function overlaps(l: LineageLayout): number {
  // Sort by x then sweep: boxes are equal-sized, so only neighbours in a column can overlap.
  const idx = Array.from(l.x.keys()).sort((a, b) => l.x[a] - l.x[b] || l.y[a] - l.y[b]);
  let count = 0;
  for (let k = 1; k < idx.length; k++) {
    const a = idx[k - 1];
    const b = idx[k];
    if (Math.abs(l.x[a] - l.x[b]) < l.nodeWidth && Math.abs(l.y[a] - l.y[b]) < l.nodeHeight) {
      count++;
    }
  }
  return count;
}

function crossings(g: LineageGraph, l: LineageLayout): number {
  let c = 0;
  const n = g.edgeSource.length;
  for (let e = 0; e < n; e++) {
    for (let f = e + 1; f < n; f++) {
      const [a, b, p, q] = [g.edgeSource[e], g.edgeTarget[e], g.edgeSource[f], g.edgeTarget[f]];
      if (l.rank[a] === l.rank[p] && l.rank[b] === l.rank[q] && (l.y[a] - l.y[p]) * (l.y[b] - l.y[q]) < 0) {
        c++;
      }
    }
  }
  return c;
}

describe('layoutLineage', () => {
  it('puts layers left to right in medallion order and every edge flows rightwards', () => {
    const { assets, edges } = generateLineage(300, 7);
    const g = buildLineageGraph(assets, edges);
    const l = layoutLineage(g);
    expect(l.bands.map((b) => b.layer)).toEqual(['bronze', 'silver', 'gold']);
    const maxX = (layer: string) => Math.max(...g.nodes.map((n, i) => (n.layer === layer ? l.x[i] : -Infinity)));
    const minX = (layer: string) => Math.min(...g.nodes.map((n, i) => (n.layer === layer ? l.x[i] : Infinity)));
    expect(maxX('bronze')).toBeLessThan(minX('silver'));
    expect(maxX('silver')).toBeLessThan(minX('gold'));
    for (let e = 0; e < g.edgeSource.length; e++) {
      expect(l.rank[g.edgeSource[e]]).toBeLessThan(l.rank[g.edgeTarget[e]]);
    }
    expect(overlaps(l)).toBe(0);
    // Every node inside the drawing and inside its band.
    g.nodes.forEach((n, i) => {
      const band = l.bands.find((b) => b.layer === n.layer)!;
      expect(l.x[i]).toBeGreaterThanOrEqual(band.x);
      expect(l.x[i] + l.nodeWidth).toBeLessThanOrEqual(band.x + band.width);
      expect(l.y[i] + l.nodeHeight).toBeLessThanOrEqual(l.height);
    });
  });

  it('keeps bronze left of silver even when the silver asset has no upstream', () => {
    const g = buildLineageGraph(
      [asset('a', 'bronze'), asset('b', 'bronze'), asset('s', 'silver'), asset('g', 'gold')],
      [edge('a', 'b')]
    );
    const l = layoutLineage(g);
    const r = (id: string) => l.rank[g.index.get(id)!];
    expect(r('a')).toBe(0);
    expect(r('b')).toBe(1);
    expect(r('s')).toBe(2);
    expect(r('g')).toBe(3);
  });

  it('is deterministic whatever order the frame rows come in', () => {
    const { assets, edges } = generateLineage(200, 3);
    const a = layoutLineage(buildLineageGraph(assets, edges));
    const b = layoutLineage(buildLineageGraph([...assets].reverse(), [...edges].reverse()));
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
  });

  it('untangles crossings with barycentric ordering', () => {
    const { assets, edges } = generateLineage(400, 9);
    const g = buildLineageGraph(assets, edges);
    const before = crossings(g, layoutLineage(g, { sweeps: 0 }));
    const after = crossings(g, layoutLineage(g));
    expect(after).toBeLessThan(before * 0.75);
  });

  it('survives cycles, back edges and assets without a layer', () => {
    const g = buildLineageGraph(
      [asset('a', 'bronze'), asset('b', 'silver'), asset('c', 'silver'), asset('x'), asset('gold_1', 'gold')],
      [edge('a', 'b'), edge('b', 'c'), edge('c', 'b'), edge('gold_1', 'b'), edge('c', 'x')]
    );
    const l = layoutLineage(g);
    expect(l.x.every(Number.isFinite)).toBe(true);
    expect(overlaps(l)).toBe(0);
    // The unlayered asset inherits silver from its upstream and sits right of it.
    expect(l.rank[g.index.get('x')!]).toBeGreaterThan(l.rank[g.index.get('c')!]);
  });

  it('wraps tall ranks into sub-columns so big graphs keep a readable aspect ratio', () => {
    const { assets, edges } = generateLineage(5000, 1);
    const l = layoutLineage(buildLineageGraph(assets, edges));
    expect(l.width / l.height).toBeGreaterThan(0.8);
    expect(l.width / l.height).toBeLessThan(4);
  });

  it('handles an empty graph', () => {
    const l = layoutLineage(buildLineageGraph([], []));
    expect(l.x.length).toBe(0);
    expect(l.bands).toEqual([]);
  });

  // A quadratic step (e.g. a per-node scan of all nodes) would take minutes at this size.
  it('lays out 50,000 assets in near-linear time', () => {
    const { assets, edges } = generateLineage(50000, 5);
    const l = layoutLineage(buildLineageGraph(assets, edges));
    expect(l.x.length).toBe(50000);
    expect(fastestMs(() => layoutLineage(buildLineageGraph(assets, edges)), 2)).toBeLessThan(4000);
  });
});
