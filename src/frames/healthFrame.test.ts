import { LINKS } from '../testing/testPipeline';
import { FieldType } from '@grafana/data';
import { AssetHealth, resolveMapping } from '../model';
import { HEALTH_FIELDS } from './frameFields';
import { findFrames } from './frameKit';
import { healthFromFrame, healthToFrame, LinkTargets } from './healthFrame';
import { lineageEdgesFromFrame, lineageNodesFromFrame, lineageToFrames } from './lineageFrame';
import { severityOf } from '../rules/healthRules';

const links: LinkTargets = {
  prometheusUid: 'prom',
  lokiUid: 'loki',
  jaegerUid: 'jaeger',
  mapping: resolveMapping(undefined),
  app: LINKS.app,
};

const rows: AssetHealth[] = [
  {
    asset: 'fct glucose/"readings"',
    layer: 'gold',
    owner: 'analytics',
    status: 'failing',
    reasons: ['last run failed: KeyError; retry', 'error rate 50% > 10% (1 of 2 runs failed)'],
    lastUpdate: 1_700_000_000_000,
    freshness: 120.5,
    freshnessSla: 7200,
    passRate: 99.5,
    runs: 2,
    failures: 1,
    errorRate: 0.5,
    avgDuration: 0.32,
    p95Duration: 0.58,
    p99Duration: 0.95,
    rowCount: 487239,
    errorLogs: 3,
    lastError: 'KeyError: x',
    lastTraceId: 'abc123',
    lastTraceDuration: 152,
    upstream: ['stg_glucose'],
    downstream: ['mrt_a', 'mrt_b'],
  },
  {
    asset: 'bare',
    status: 'unknown',
    reasons: ['no metrics for this asset in the range'],
    upstream: [],
    downstream: [],
  },
];

describe('health frame', () => {
  const frame = healthToFrame(rows, 'A', links, [{ severity: 'warning', text: 'partial' }]);

  it('has every contract field, in order, with types and units', () => {
    expect(frame.fields.map((f) => f.name)).toEqual(Object.values(HEALTH_FIELDS));
    const byName = Object.fromEntries(frame.fields.map((f) => [f.name, f]));
    expect(byName.lastUpdate.type).toBe(FieldType.time);
    expect(byName.freshness.config.unit).toBe('s');
    expect(byName.passRate.config.unit).toBe('percent');
    expect(byName.lastTraceDuration.config.unit).toBe('ms');
    expect(byName.p95Duration.config.unit).toBe('s');
    expect(byName.reasons.type).toBe('other');
    expect(byName.reasons.values[0]).toEqual([
      'last run failed: KeyError; retry',
      'error rate 50% > 10% (1 of 2 runs failed)',
    ]);
    expect(byName.upstream.values).toEqual([['stg_glucose'], []]);
    expect(byName.runs.values).toEqual([2, null]);
    expect(frame.meta?.custom?.cascade).toBe('health');
    expect(frame.meta?.notices).toEqual([{ severity: 'warning', text: 'partial' }]);
    expect(frame.refId).toBe('A');
    expect(findFrames([frame], 'health')).toEqual([frame]);
  });

  it('links assets to the asset page and traces to the drill-down, plus Explore', () => {
    const byName = Object.fromEntries(frame.fields.map((f) => [f.name, f]));
    expect(byName.asset.config.links?.[0]).toEqual({
      title: 'Asset health',
      url: '/a/cascade-pipeline-app/assets/${__value.raw:percentencode}',
    });
    expect(byName.lastTraceId.config.links?.[0].url).toBe(
      '/a/cascade-pipeline-app/traces/${__value.raw:percentencode}'
    );
    expect(byName.lastTraceId.config.links?.[1].internal).toMatchObject({
      datasourceUid: 'jaeger',
      query: { query: '${__value.raw}' },
    });
    expect(byName.errorLogs.config.links?.[0].internal?.query).toEqual({
      refId: 'A',
      expr: '{job="dagster"} | json | asset_name=${__data.fields.assetLiteral} | level="error"',
    });
    expect(byName.runs.config.links?.[0].internal?.query).toEqual({
      refId: 'A',
      expr: 'asset_executions_total{asset_name=${__data.fields.assetLiteral}}',
    });
    expect(byName.runs.config.links?.[0].internal?.datasourceUid).toBe('prom');
  });

  it('carries each asset as an escaped query literal, hidden in tables', () => {
    const f = healthToFrame([{ ...rows[1], asset: 'a"b\\c\n' }], 'A', links);
    const literal = f.fields.find((x) => x.name === 'assetLiteral')!;
    expect(literal.values).toEqual(['"a\\"b\\\\c\\n"']);
    expect(literal.config.custom).toEqual({ hidden: true });
  });

  it('omits Explore links to backends that are not configured', () => {
    const f = healthToFrame(rows, 'A', { mapping: links.mapping, app: links.app });
    const byName = Object.fromEntries(f.fields.map((x) => [x.name, x]));
    expect(byName.asset.config.links).toHaveLength(1);
    expect(byName.runs.config.links).toBeUndefined();
  });

  it('reads back exactly the rows it was built from, lists as lists', () => {
    const back = healthFromFrame(frame);
    // Rows without a severity read back with their kind's default (frames written before severities).
    expect(back[1]).toEqual({ ...rows[1], layer: undefined, owner: undefined, severity: severityOf(rows[1]) });
    expect(back[0]).toEqual({ ...rows[0], severity: severityOf(rows[0]) });
  });

  it('writes what is wrong (status) and how bad (severity) as two fields, both with value mappings', () => {
    const f = healthToFrame(
      [{ ...rows[0], status: 'stale', severity: 'critical', reasons: ['not updated for 5h'] }],
      'A',
      links
    );
    const byName = Object.fromEntries(f.fields.map((x) => [x.name, x]));
    expect(byName.status.values).toEqual(['stale']);
    expect(byName.severity.values).toEqual(['critical']);
    const options = (m: typeof byName.status) => Object.keys((m.config.mappings?.[0] as { options: object }).options);
    expect(options(byName.status)).toEqual(['ok', 'unknown', 'quality', 'volume', 'errors', 'stale', 'failing']);
    expect(options(byName.severity)).toEqual(['none', 'warning', 'critical']);
    expect(healthFromFrame(f)[0]).toMatchObject({ status: 'stale', severity: 'critical' });
  });
});

describe('lineage frames', () => {
  const [nodes, edges] = lineageToFrames(rows, links.app, 'L');

  it('nodes: title, layer, freshness, pass rate, one-hot status arcs with fixed colours', () => {
    expect(nodes.meta?.preferredVisualisationType).toBe('nodeGraph');
    const names = nodes.fields.map((f) => f.name);
    expect(names).toEqual([
      'id',
      'title',
      'subtitle',
      'mainstat',
      'secondarystat',
      'arc__ok',
      'arc__unknown',
      'arc__quality',
      'arc__volume',
      'arc__errors',
      'arc__stale',
      'arc__failing',
      'detail__owner',
      'detail__status',
      'detail__reasons',
      'fixedx',
      'fixedy',
    ]);
    const arc = nodes.fields.find((f) => f.name === 'arc__failing')!;
    expect(arc.values).toEqual([1, 0, 0]);
    expect(arc.config.color).toEqual({ mode: 'fixed', fixedColor: 'dark-red' });
    expect(nodes.fields.find((f) => f.name === 'mainstat')!.config.unit).toBe('s');
  });

  it('edges upstream → asset; upstream outside the selection gets an unknown node', () => {
    expect(lineageEdgesFromFrame(edges)).toEqual([
      { id: JSON.stringify(['stg_glucose', rows[0].asset]), source: 'stg_glucose', target: rows[0].asset },
    ]);
    const back = lineageNodesFromFrame(nodes);
    expect(back.map((n) => [n.id, n.status])).toEqual([
      [rows[0].asset, 'failing'],
      ['bare', 'unknown'],
      ['stg_glucose', 'unknown'],
    ]);
    expect(back[0]).toMatchObject({ layer: 'gold', owner: 'analytics', freshness: 120.5, passRate: 99.5 });
  });
});
