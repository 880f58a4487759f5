import { DataFrame, Field } from '@grafana/data';
import { AssetStatus } from '../datasource/types';
import { LineageAsset, LineageEdge, STATUS_SEVERITY } from './lineageGraph';

const fieldOf = (frame: DataFrame, name: string): Field | undefined => frame.fields.find((f) => f.name === name);
const has = (frame: DataFrame, ...names: string[]) => names.every((n) => fieldOf(frame, n));

const isStatus = (v: unknown): v is AssetStatus => typeof v === 'string' && v in STATUS_SEVERITY;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** List cells arrive as arrays, or as comma/newline-joined strings from table-shaped frames. */
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) : [];

/** The node-graph nodes frame of a `lineage` query (fields id, title, … but no source/target). */
export const isNodesFrame = (f: DataFrame) => has(f, 'id') && !has(f, 'source') && (has(f, 'title') || has(f, 'mainstat'));
/** The node-graph edges frame of a `lineage` query. */
export const isEdgesFrame = (f: DataFrame) => has(f, 'source', 'target');
/** The `health` frame: one row per asset. */
export const isHealthFrame = (f: DataFrame) => has(f, 'asset', 'status');

/** Status of a node-graph node: `detail__status`, else the `arc__<status>` field holding the largest share. */
function nodeStatus(frame: DataFrame, row: number): AssetStatus {
  const detail = fieldOf(frame, 'detail__status')?.values[row];
  if (isStatus(detail)) {
    return detail;
  }
  let best: AssetStatus = 'unknown';
  let bestValue = 0;
  for (const f of frame.fields) {
    const s = f.name.startsWith('arc__') ? f.name.slice(5) : '';
    const v = num(f.values[row]) ?? 0;
    if (isStatus(s) && v > bestValue) {
      best = s;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Assets and edges of the lineage page from the data source's frames: the `lineage` nodes/edges
 * frames give the DAG; the `health` frame (same asset names) adds reasons, owner and the latest
 * trace. Either alone is enough: without lineage frames the DAG comes from health's
 * upstream lists, so one failing query still leaves a graph.
 */
export function lineageFromFrames(series: DataFrame[]): { assets: LineageAsset[]; edges: LineageEdge[] } {
  const byId = new Map<string, LineageAsset>();
  const edges: LineageEdge[] = [];
  let haveEdgesFrame = false;

  for (const frame of series.filter(isNodesFrame)) {
    const ids = fieldOf(frame, 'id')!.values;
    for (let r = 0; r < frame.length; r++) {
      const id = String(ids[r]);
      byId.set(id, {
        id,
        layer: str(fieldOf(frame, 'subtitle')?.values[r]),
        status: nodeStatus(frame, r),
        freshness: num(fieldOf(frame, 'mainstat')?.values[r]),
        passRate: num(fieldOf(frame, 'secondarystat')?.values[r]),
        owner: str(fieldOf(frame, 'detail__owner')?.values[r]),
      });
    }
  }
  for (const frame of series.filter(isEdgesFrame)) {
    haveEdgesFrame = true;
    const source = fieldOf(frame, 'source')!.values;
    const target = fieldOf(frame, 'target')!.values;
    for (let r = 0; r < frame.length; r++) {
      edges.push({ source: String(source[r]), target: String(target[r]) });
    }
  }
  for (const frame of series.filter(isHealthFrame)) {
    const get = (name: string, r: number) => fieldOf(frame, name)?.values[r];
    for (let r = 0; r < frame.length; r++) {
      const id = String(get('asset', r));
      const prev = byId.get(id);
      const status = get('status', r);
      byId.set(id, {
        id,
        layer: str(get('layer', r)) ?? prev?.layer,
        status: isStatus(status) ? status : (prev?.status ?? 'unknown'),
        freshness: num(get('freshness', r)) ?? prev?.freshness,
        passRate: num(get('passRate', r)) ?? prev?.passRate,
        owner: str(get('owner', r)) ?? prev?.owner,
        reasons: list(get('reasons', r)),
        lastTraceId: str(get('lastTraceId', r)),
      });
      if (!haveEdgesFrame) {
        list(get('upstream', r)).forEach((source) => edges.push({ source, target: id }));
      }
    }
  }
  return { assets: Array.from(byId.values()), edges };
}
