import { AssetHealth } from '../model';
import { buildLineageGraph } from './lineageGraph';
import { layoutLineage } from './lineageLayout';

/**
 * Node centres from Cascade's layered layout, keyed by asset, for the lineage frames' `fixedx`/`fixedy`:
 * Grafana's Node Graph panel then draws the same DAG as the app's lineage page instead of running its own
 * force layout. Assets named only as an upstream get a position too.
 */
export function lineagePositions(rows: AssetHealth[]): Map<string, { x: number; y: number }> {
  const assets = new Map<string, { id: string; layer?: string; status: AssetHealth['status'] }>();
  const edges: Array<{ source: string; target: string }> = [];
  for (const r of rows) {
    assets.set(r.asset, { id: r.asset, layer: r.layer, status: r.status });
  }
  for (const r of rows) {
    for (const up of r.upstream) {
      if (!assets.has(up)) {
        assets.set(up, { id: up, status: 'unknown' });
      }
      edges.push({ source: up, target: r.asset });
    }
  }
  const graph = buildLineageGraph([...assets.values()], edges);
  const layout = layoutLineage(graph);
  const out = new Map<string, { x: number; y: number }>();
  graph.nodes.forEach((n, i) => {
    out.set(n.id, { x: layout.x[i] + layout.nodeWidth / 2, y: layout.y[i] + layout.nodeHeight / 2 });
  });
  return out;
}

/**
 * `cached` when it places exactly the nodes of these rows (assets and their upstreams), else
 * undefined: a streamed lineage query lays the DAG out once and reuses it while only statuses change.
 */
export function reusablePositions<T>(rows: AssetHealth[], cached: ReadonlyMap<string, T> | undefined) {
  if (!cached) {
    return undefined;
  }
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.asset);
    r.upstream.forEach((u) => ids.add(u));
  }
  if (ids.size !== cached.size) {
    return undefined;
  }
  for (const id of ids) {
    if (!cached.has(id)) {
      return undefined;
    }
  }
  return cached;
}
