import { createDataFrame, FieldType } from '@grafana/data';
import { lineageFromFrames } from './lineageGraphFrames';

// Frames shaped like the data source's `lineage` (node graph) and `health` answers.
const nodes = createDataFrame({
  name: 'nodes',
  meta: { preferredVisualisationType: 'nodeGraph' },
  fields: [
    { name: 'id', type: FieldType.string, values: ['dlt_glucose', 'stg_glucose', 'fct_glucose'] },
    { name: 'title', type: FieldType.string, values: ['dlt_glucose', 'stg_glucose', 'fct_glucose'] },
    { name: 'subtitle', type: FieldType.string, values: ['bronze', 'silver', 'gold'] },
    { name: 'mainstat', type: FieldType.number, values: [120, 7200, 300] },
    { name: 'secondarystat', type: FieldType.number, values: [100, 99, 80] },
    { name: 'arc__ok', type: FieldType.number, values: [1, 0, 0] },
    { name: 'arc__stale', type: FieldType.number, values: [0, 1, 0] },
    { name: 'arc__failing', type: FieldType.number, values: [0, 0, 1] },
    { name: 'detail__owner', type: FieldType.string, values: ['ingest', 'analytics', 'analytics'] },
  ],
});
const edges = createDataFrame({
  name: 'edges',
  fields: [
    { name: 'id', type: FieldType.string, values: ['dlt_glucose->stg_glucose', 'stg_glucose->fct_glucose'] },
    { name: 'source', type: FieldType.string, values: ['dlt_glucose', 'stg_glucose'] },
    { name: 'target', type: FieldType.string, values: ['stg_glucose', 'fct_glucose'] },
  ],
});
const health = createDataFrame({
  name: 'health',
  fields: [
    { name: 'asset', type: FieldType.string, values: ['stg_glucose', 'fct_glucose'] },
    { name: 'layer', type: FieldType.string, values: ['silver', 'gold'] },
    { name: 'status', type: FieldType.string, values: ['critical', 'failing'] },
    { name: 'reasons', type: FieldType.other, values: [['Last update 2h ago (SLA 2h)'], ['Last run failed']] },
    { name: 'freshness', type: FieldType.number, values: [7300, 310] },
    { name: 'lastTraceId', type: FieldType.string, values: ['', 'abc123'] },
    { name: 'upstream', type: FieldType.other, values: [['dlt_glucose'], ['stg_glucose']] },
  ],
});

describe('lineageFromFrames', () => {
  it('reads node-graph nodes (status from the arc fields) and edges', () => {
    const { assets, edges: e } = lineageFromFrames([nodes, edges]);
    expect(assets).toEqual([
      { id: 'dlt_glucose', layer: 'bronze', status: 'ok', freshness: 120, passRate: 100, owner: 'ingest' },
      { id: 'stg_glucose', layer: 'silver', status: 'stale', freshness: 7200, passRate: 99, owner: 'analytics' },
      { id: 'fct_glucose', layer: 'gold', status: 'failing', freshness: 300, passRate: 80, owner: 'analytics' },
    ]);
    expect(e).toEqual([
      { source: 'dlt_glucose', target: 'stg_glucose' },
      { source: 'stg_glucose', target: 'fct_glucose' },
    ]);
  });

  it('lets the health frame refine status, reasons and the latest trace, keeping node-graph stats it lacks', () => {
    const { assets, edges: e } = lineageFromFrames([nodes, edges, health]);
    const stg = assets.find((a) => a.id === 'stg_glucose')!;
    expect(stg).toMatchObject({ status: 'critical', freshness: 7300, passRate: 99, reasons: ['Last update 2h ago (SLA 2h)'], lastTraceId: undefined });
    expect(assets.find((a) => a.id === 'fct_glucose')!.lastTraceId).toBe('abc123');
    // Edges come from the edges frame only; health's upstream lists do not duplicate them.
    expect(e).toHaveLength(2);
  });

  it('builds the DAG from health upstream lists when the lineage query failed', () => {
    const { assets, edges: e } = lineageFromFrames([health]);
    expect(assets.map((a) => a.id)).toEqual(['stg_glucose', 'fct_glucose']);
    expect(e).toEqual([
      { source: 'dlt_glucose', target: 'stg_glucose' },
      { source: 'stg_glucose', target: 'fct_glucose' },
    ]);
  });

  it('accepts joined-string list cells and ignores unrelated frames', () => {
    const table = createDataFrame({
      fields: [
        { name: 'asset', values: ['a'] },
        { name: 'status', values: ['bogus'] },
        { name: 'upstream', values: ['x, y'] },
      ],
    });
    const other = createDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [1] }] });
    const { assets, edges: e } = lineageFromFrames([table, other]);
    expect(assets[0].status).toBe('unknown');
    expect(e.map((x) => x.source)).toEqual(['x', 'y']);
  });
});
