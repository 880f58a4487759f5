import { LINKS } from '../testing/testPipeline';
import { AssetHealth, resolveMapping } from '../model';
import { healthToFrame } from '../frames/healthFrame';
import { lineageToFrames } from '../frames/lineageFrame';
import { lineageFromFrames, statusesPending } from './lineageGraphFrames';

// Frames built by the data source's own builders, i.e. exactly what `query()` returns.
const row = (a: Partial<AssetHealth> & { asset: string }): AssetHealth => ({
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  ...a,
});
const ROWS: AssetHealth[] = [
  row({
    asset: 'dlt_glucose',
    layer: 'bronze',
    owner: 'ingest',
    freshness: 120,
    passRate: 100,
    downstream: ['stg_glucose'],
  }),
  row({
    asset: 'stg_glucose',
    layer: 'silver',
    owner: 'analytics',
    status: 'stale',
    reasons: ['not updated for 3h (SLA 2h)'],
    freshness: 10800,
    passRate: 99,
    upstream: ['dlt_glucose'],
  }),
  row({
    asset: 'fct_glucose',
    layer: 'gold',
    owner: 'analytics',
    status: 'failing',
    reasons: ['last run failed'],
    freshness: 300,
    passRate: 80,
    lastTraceId: 'abc123',
    upstream: ['stg_glucose', 'raw_missing'],
  }),
];
const links = { mapping: resolveMapping(undefined), app: LINKS.app };

describe('lineageFromFrames', () => {
  it('reads the lineage node-graph frames', () => {
    const { assets, edges } = lineageFromFrames(lineageToFrames(ROWS, LINKS.app, 'lineage'));
    expect(assets.find((a) => a.id === 'stg_glucose')).toMatchObject({
      layer: 'silver',
      status: 'stale',
      freshness: 10800,
      passRate: 99,
      owner: 'analytics',
    });
    // The data source adds an unknown node for an upstream outside the selection.
    expect(assets.find((a) => a.id === 'raw_missing')?.status).toBe('unknown');
    expect(edges).toEqual([
      { source: 'dlt_glucose', target: 'stg_glucose' },
      { source: 'stg_glucose', target: 'fct_glucose' },
      { source: 'raw_missing', target: 'fct_glucose' },
    ]);
  });

  it('adds reasons and the latest trace from the health frame without duplicating edges', () => {
    const { assets, edges } = lineageFromFrames([
      ...lineageToFrames(ROWS, LINKS.app, 'lineage'),
      healthToFrame(ROWS, 'health', links),
    ]);
    expect(assets.find((a) => a.id === 'fct_glucose')).toMatchObject({
      status: 'failing',
      reasons: ['last run failed'],
      lastTraceId: 'abc123',
    });
    expect(assets.find((a) => a.id === 'dlt_glucose')?.lastTraceId).toBeUndefined();
    expect(edges).toHaveLength(3);
  });

  it('builds the DAG from health upstream lists when the lineage query failed', () => {
    const { assets, edges } = lineageFromFrames([healthToFrame(ROWS, 'health', links)]);
    expect(assets.map((a) => a.id)).toEqual(['dlt_glucose', 'stg_glucose', 'fct_glucose']);
    expect(edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      'dlt_glucose>stg_glucose',
      'stg_glucose>fct_glucose',
      'raw_missing>fct_glucose',
    ]);
  });

  it('returns nothing for unrelated frames', () => {
    expect(lineageFromFrames([])).toEqual({ assets: [], edges: [] });
  });
});

describe('statusesPending', () => {
  const [nodes, edges] = lineageToFrames(ROWS, LINKS.app, 'lineage');
  const atStage = (stage: string) => ({ ...nodes, meta: { ...nodes.meta, custom: { ...nodes.meta?.custom, stage } } });

  it('is true for the topology packet alone, false once statuses or a health frame are in', () => {
    expect(statusesPending([atStage('topology'), edges])).toBe(true);
    expect(statusesPending([atStage('status'), edges])).toBe(false);
    expect(statusesPending([nodes, edges])).toBe(false);
    expect(statusesPending([atStage('topology'), edges, healthToFrame(ROWS, 'health', LINKS)])).toBe(false);
    expect(statusesPending([])).toBe(false);
  });
});
