import fc from 'fast-check';
import { CascadeMetric, DurationStat, resolveMapping } from '../../model';
import {
  expectedMetricNames,
  HEALTH_PROM_KEYS,
  healthQueries,
  metricsQuery,
  presenceQuery,
  rateWindow,
  selector,
  systemQuery,
  variableQuery,
  windowDelta,
} from './promql';
import { promqlErrors } from '../../testing/grammar';

const m = resolveMapping(undefined);
const ODD = [
  'plain',
  'quo"te',
  'back\\slash',
  'new\nline',
  'dot.star*',
  'pipe|alt',
  '(paren)',
  '[br]{ce}',
  '^caret$',
  'uni🌙 é',
  'with space',
];

describe('healthQueries', () => {
  it('builds one aggregated instant query per signal for all assets', () => {
    const q = healthQueries(m, [], 3600);
    expect(Object.keys(q)).toEqual(HEALTH_PROM_KEYS);
    expect(q.runs).toBe(
      'sum by (asset_name) (((asset_executions_total - asset_executions_total offset 3600s) >= 0 or asset_executions_total))'
    );
    expect(q.p95Duration).toBe(
      'histogram_quantile(0.95, sum by (asset_name, le) (((asset_execution_seconds_bucket - asset_execution_seconds_bucket offset 3600s) >= 0 or asset_execution_seconds_bucket)))'
    );
    expect(q.avgDuration).toContain('asset_execution_seconds_sum');
    expect(q.avgDuration).toContain('/ sum by (asset_name)');
    expect(q.lastUpdate).toBe('max by (asset_name) (asset_last_update_timestamp)');
    expect(q.passRate).toBe('min by (asset_name) (validation_pass_rate)');
    expect(q.info).toBe('max by (asset_name, layer, owner) (asset_info)');
    expect(q.dependencies).toBe('max by (asset_name, upstream) (asset_dependency)');
  });

  it('narrows every selector to the given assets, dependencies in both directions', () => {
    const q = healthQueries(m, ['a', 'b'], 600);
    expect(q.runs).toContain('asset_executions_total{asset_name=~"a|b"} offset 600s');
    expect(q.dependencies).toBe(
      'max by (asset_name, upstream) (asset_dependency{asset_name=~"a|b"}) or max by (asset_name, upstream) (asset_dependency{upstream=~"a|b"})'
    );
    expect(healthQueries(m, ['one'], 600).lastUpdate).toBe(
      'max by (asset_name) (asset_last_update_timestamp{asset_name="one"})'
    );
  });

  it('produces PromQL that parses for odd asset names (each and all together)', () => {
    for (const names of [...ODD.map((n) => [n]), ODD]) {
      for (const [key, query] of Object.entries(healthQueries(m, names, 5400))) {
        expect({ key, errors: promqlErrors(query) }).toEqual({ key, errors: [] });
      }
    }
  });

  it('uses the configured names', () => {
    const custom = resolveMapping({
      assetLabel: 'job_asset',
      metrics: { ...m.metrics, executionsTotal: 'runs_total' },
    });
    expect(healthQueries(custom, [], 60).runs).toBe(
      'sum by (job_asset) (((runs_total - runs_total offset 60s) >= 0 or runs_total))'
    );
  });
});

describe('metricsQuery', () => {
  const metrics: CascadeMetric[] = ['duration', 'runs', 'failures', 'rows', 'rowCount', 'freshness', 'passRate'];
  const stats: DurationStat[] = ['avg', 'p50', 'p95', 'p99'];

  it('aggregates by asset (and check for pass rate)', () => {
    expect(metricsQuery(m, ['x'], 'duration', 'p95', 60)).toBe(
      'histogram_quantile(0.95, sum by (asset_name, le) (rate(asset_execution_seconds_bucket{asset_name="x"}[60s])))'
    );
    expect(metricsQuery(m, [], 'duration', 'avg', 60)).toBe(
      'sum by (asset_name) (rate(asset_execution_seconds_sum[60s])) / sum by (asset_name) (rate(asset_execution_seconds_count[60s]))'
    );
    expect(metricsQuery(m, [], 'passRate', 'avg', 60)).toBe('min by (asset_name, check_name) (validation_pass_rate)');
    expect(metricsQuery(m, [], 'freshness', 'avg', 60)).toBe(
      'time() - max by (asset_name) (asset_last_update_timestamp)'
    );
    expect(metricsQuery(m, [], 'runs', 'avg', 120)).toBe(
      'sum by (asset_name) (increase(asset_executions_total[120s]))'
    );
  });

  it('parses for every metric and stat with odd names', () => {
    for (const metric of metrics) {
      for (const stat of stats) {
        expect(promqlErrors(metricsQuery(m, ODD, metric, stat, 75))).toEqual([]);
      }
    }
  });

  it('property: random asset names always give parseable PromQL', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { maxLength: 4 }), (names) => {
        expect(promqlErrors(healthQueries(m, names, 3600).runs)).toEqual([]);
        expect(promqlErrors(metricsQuery(m, names, 'duration', 'p99', 60))).toEqual([]);
      }),
      { numRuns: 200 }
    );
  });
});

describe('other builders', () => {
  it('rateWindow is at least four scrapes and one step plus a scrape', () => {
    expect(rateWindow(5, 15)).toBe(60);
    expect(rateWindow(120, 15)).toBe(135);
  });

  it('selector and windowDelta', () => {
    expect(selector('m', [])).toBe('m');
    expect(selector('m', ['', 'a="b"'])).toBe('m{a="b"}');
    expect(windowDelta('c{a="b"}', 59.6)).toBe('((c{a="b"} - c{a="b"} offset 60s) >= 0 or c{a="b"})');
  });

  it('system, variable and presence queries parse', () => {
    expect(systemQuery(m)).toContain('label_replace(max(disk_usage_percent), "cascade_stat", "disk", "", "")');
    expect(variableQuery(m, 'layers')).toBe('group by (layer) (asset_info)');
    expect(variableQuery(m, 'assets', 'go"ld')).toBe('group by (asset_name) (asset_info{layer="go\\"ld"})');
    const presence = presenceQuery(expectedMetricNames(m));
    expect(presence).toContain('asset_execution_seconds_count|asset_executions_total');
    for (const q of [
      systemQuery(m),
      variableQuery(m, 'assets'),
      variableQuery(m, 'owners'),
      variableQuery(m, 'assets', '$x'),
      presence,
    ]) {
      expect(promqlErrors(q)).toEqual([]);
    }
  });
});
