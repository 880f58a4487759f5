import { DataQueryResponse, LoadingState } from '@grafana/data';
import { BackendSrvRequest } from '@grafana/runtime';
import { lastValueFrom, toArray } from 'rxjs';
import { resolveMapping } from '../model';
import { findFrames } from '../frames/frameKit';
import { healthFromFrame } from '../frames/healthFrame';
import { assetLinesCountQuery, errorCountQuery, errorLinesQuery } from '../backends/loki/logql';
import { HEALTH_PROM_KEYS, HealthPromKey, healthQueries } from '../backends/prometheus/promql';
import { LATE_SIGNALS } from '../join/healthStages';
import { recordingRulesProbeQuery } from '../backends/prometheus/recordingRules';
import { diagnosisRangeQuery, volumeWindowQuery } from '../backends/prometheus/diagnosisQueries';
import { alertsFromFrame, logsFromFrame, tracesFromFrame } from '../frames/signalFrames';
import { fixtureText } from '../testing/fixtures';
import {
  Answer,
  emptyBackends,
  fakeBackendSrv,
  fakeTemplateSrv,
  instanceSettings,
  makeDataSource,
  makeRequest,
  promVector,
} from '../testing/fakes';
import { CascadeDataSourceBase } from './base';
import { CascadeDataSource } from './datasource';
import { CascadeQuery } from './types';

const NOW = 1_700_000_000_000;
const m = resolveMapping(undefined);
const run = (ds: CascadeDataSourceBase, targets: Array<Partial<CascadeQuery>>): Promise<DataQueryResponse[]> =>
  lastValueFrom(ds.query(makeRequest(targets, NOW)).pipe(toArray()));

const urlOf = (r: BackendSrvRequest) => `${r.url}?${new URLSearchParams(r.params ?? {}).toString()}`;

/** Prometheus answers per health signal (matched by the query text the builder produces). */
function pipelineBackends(overrides: Partial<Record<'loki' | 'jaeger', Answer>> = {}) {
  const q = healthQueries(m, [], 3600);
  const byQuery: Record<string, unknown> = {
    [q.info]: promVector([
      [{ asset_name: 'raw', layer: 'bronze', owner: 'ingest' }, 1],
      [{ asset_name: 'fct', layer: 'gold', owner: 'bi' }, 1],
    ]),
    [q.runs]: promVector([
      [{ asset_name: 'raw' }, 12],
      [{ asset_name: 'fct' }, 4],
    ]),
    [q.failures]: promVector([[{ asset_name: 'fct' }, 1]]),
    [q.lastUpdate]: promVector([
      [{ asset_name: 'raw' }, NOW / 1000 - 60],
      [{ asset_name: 'fct' }, NOW / 1000 - 5 * 3600],
    ]),
    [q.passRate]: promVector([
      [{ asset_name: 'raw' }, 99.5],
      [{ asset_name: 'fct' }, 'NaN'],
    ]),
    [q.dependencies]: promVector([[{ asset_name: 'fct', upstream: 'raw' }, 1]]),
  };
  return (req: BackendSrvRequest): Answer => {
    if (req.url.includes('/uid/prom/') && req.url.endsWith('/api/v1/query')) {
      return { body: byQuery[req.params?.query] ?? promVector([]) };
    }
    if (req.url.includes('/uid/loki/') && overrides.loki) {
      return overrides.loki;
    }
    if (req.url.includes('/uid/loki/') && req.params?.query?.startsWith('sum by')) {
      return {
        body: {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: { asset_name: 'fct' }, values: [[NOW / 1000, '3']] }] },
        },
      };
    }
    if (req.url.includes('/uid/jaeger/') && overrides.jaeger) {
      return overrides.jaeger;
    }
    return emptyBackends(req);
  };
}

describe('query() router', () => {
  it('health: a constant number of requests (10 Prometheus + 3 for volume anomalies + 2 Loki + 1 Jaeger, + the recording-rules probe) for 5 or 1,000 assets, exact URLs', async () => {
    for (const n of [5, 1000]) {
      const assets = Array.from({ length: n }, (_, i) => `asset_${i}`);
      const { ds, requests } = makeDataSource(emptyBackends);
      const [res] = await run(ds, [{ queryType: 'health', assets }]);
      expect(res.errors).toBeUndefined();
      // The first health query of a data source instance also probes for the recording rules (none here).
      expect(requests).toHaveLength(17);
      const q = healthQueries(m, assets, 3600);
      const time = String(NOW / 1000);
      const start = `${NOW - 3600_000}000000`;
      const end = `${NOW}000000`;
      const prom = (keys: readonly HealthPromKey[]) =>
        keys.map((k) => `/api/datasources/proxy/uid/prom/api/v1/query?${new URLSearchParams({ query: q[k], time })}`);
      const late = HEALTH_PROM_KEYS.filter((k) => (LATE_SIGNALS as readonly string[]).includes(k));
      // Sent in the order the streamed stages need them: topology, status inputs, then the late figures.
      // The topology reads no recorded series: it does not wait for the probe.
      expect(requests.map(urlOf)).toEqual([
        ...prom(['info', 'dependencies']),
        `/api/datasources/proxy/uid/prom/api/v1/query?${new URLSearchParams({ query: recordingRulesProbeQuery(m) })}`,
        ...prom(['runs', 'failures', 'lastUpdate', 'passRate']),
        `/api/datasources/proxy/uid/loki/loki/api/v1/query_range?${new URLSearchParams({ query: errorCountQuery(m, assets, 3600), start, end, step: '3600' })}`,
        `/api/datasources/proxy/uid/loki/loki/api/v1/query_range?${new URLSearchParams({ query: errorLinesQuery(m, assets), start, end, limit: '1000', direction: 'backward' })}`,
        `/api/datasources/proxy/uid/jaeger/api/traces?${new URLSearchParams({ service: 'dagster', start: `${NOW - 3600_000}000`, end: `${NOW}000`, limit: '500', lookback: 'custom' })}`,
        // Volume anomalies are statuses: the range's rows and runs, and the same window a day and a week before.
        `/api/datasources/proxy/uid/prom/api/v1/query_range?${new URLSearchParams({ query: diagnosisRangeQuery(m, assets), start: String((NOW - 3600_000) / 1000), end: time, step: '15' })}`,
        ...[86400, 7 * 86400].map(
          (offset) =>
            `/api/datasources/proxy/uid/prom/api/v1/query?${new URLSearchParams({ query: volumeWindowQuery(m, assets, 3600), time: String(NOW / 1000 - offset) })}`
        ),
        ...prom(late),
      ]);
      expect(requests.every((r) => r.method === 'GET' && r.showErrorAlert === false)).toBe(true);
      expect(healthFromFrame(res.data[0])).toHaveLength(n);
    }
  });

  it('joins the backends into health rows with statuses', async () => {
    const { ds } = makeDataSource(pipelineBackends());
    const [res] = await run(ds, [{ queryType: 'health' }]);
    expect(res).toMatchObject({ key: 'A:health', state: LoadingState.Done });
    const rows = healthFromFrame(findFrames(res.data, 'health')[0]);
    expect(rows.map((r) => [r.asset, r.status, r.runs, r.failures, r.errorLogs, r.passRate, r.upstream])).toEqual([
      ['fct', 'stale', 4, 1, 3, undefined, ['raw']],
      ['raw', 'ok', 12, 0, 0, 99.5, []],
    ]);
    expect(rows[0].reasons).toEqual([
      'not updated for 5h (critical after 4h)',
      'error rate 25% > 10% (1 of 4 runs failed)',
    ]);
    expect(rows[1].freshness).toBe(60);
  });

  it('health gives a volume anomaly its status, severity and reason, so root causes agree with incidents', async () => {
    const t0 = NOW / 1000 - 3600;
    const series = (signal: string, values: number[]) => ({
      metric: { asset_name: 'raw', cascade_signal: signal },
      values: values.map((v, i) => [t0 + i * 1800, String(v)]),
    });
    const volume = (req: BackendSrvRequest): Answer => {
      if (req.url.endsWith('/api/v1/query_range') && req.url.includes('/uid/prom/')) {
        // 12 runs in the range at 1,020 rows each…
        const result = [series('runs', [0, 6, 12]), series('rows', [0, 6120, 12240])];
        return { body: { status: 'success', data: { resultType: 'matrix', result } } };
      }
      if (req.params?.query?.includes('cascade_signal') && req.params.time === String(NOW / 1000 - 86400)) {
        // …against 9,800 per run the same hour a day earlier.
        return {
          body: promVector([
            [{ asset_name: 'raw', cascade_signal: 'rows' }, 117600],
            [{ asset_name: 'raw', cascade_signal: 'runs' }, 12],
          ]),
        };
      }
      return pipelineBackends()(req);
    };
    const { ds } = makeDataSource(volume);
    const [res] = await run(ds, [{ queryType: 'health' }]);
    const rows = healthFromFrame(findFrames(res.data, 'health')[0]);
    expect(rows.find((r) => r.asset === 'raw')).toMatchObject({
      status: 'volume',
      severity: 'warning',
      reasons: ['rows per run 1,020 vs 9,800 usual (\u221290%)'],
      isRootCause: true,
    });
    // The stale asset below it is impacted, as in the incidents query.
    expect(rows.find((r) => r.asset === 'fct')).toMatchObject({ status: 'stale', rootCauses: ['raw'] });
    // The severity is the rules' to choose, per query.
    const [critical] = await run(ds, [{ queryType: 'health', rules: { volume: { severity: 'critical' } } }]);
    expect(healthFromFrame(findFrames(critical.data, 'health')[0]).find((r) => r.asset === 'raw')).toMatchObject({
      status: 'volume',
      severity: 'critical',
    });
  });

  it('keeps the other backends’ data when one fails, with an error naming it', async () => {
    const { ds } = makeDataSource(
      pipelineBackends({ loki: { status: 400, body: fixtureText('loki/error_400_parse.txt') } })
    );
    const [res] = await run(ds, [{ queryType: 'health' }]);
    expect(res.errors).toEqual([
      {
        message: 'Loki: HTTP 400: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER (2 requests)',
        backend: 'loki',
        refId: 'A',
        status: 400,
      },
    ]);
    const rows = healthFromFrame(res.data[0]);
    expect(rows.map((r) => [r.asset, r.runs, r.errorLogs])).toEqual([
      ['fct', 4, undefined],
      ['raw', 12, undefined],
    ]);
  });

  it('Prometheus down: assets known from logs, traces and the SLA overrides keep a row, unknown because Prometheus is unavailable', async () => {
    const lines = assetLinesCountQuery(m, 86_400);
    const { ds, requests } = makeDataSource((req) => {
      if (req.url.includes('/uid/prom/')) {
        return { status: 502, body: { message: 'Data source "Prometheus" is unreachable: ECONNREFUSED' } };
      }
      if (req.url.includes('/uid/loki/') && req.params?.query === lines) {
        const series = (asset: string) => ({ metric: { asset_name: asset }, values: [[NOW / 1000, '40']] });
        return { body: { status: 'success', data: { resultType: 'matrix', result: ['raw', 'stale'].map(series) } } };
      }
      return emptyBackends(req);
    });
    const overrides = { freshnessOverrides: { provisioned: { warningSeconds: 60, criticalSeconds: 120 } } };
    const [res] = await run(ds, [{ queryType: 'health', rules: overrides }]);
    expect(res.errors).toMatchObject([
      {
        backend: 'prometheus',
        message: 'Prometheus: HTTP 502: Data source "Prometheus" is unreachable: ECONNREFUSED (13 requests)',
      },
    ]);
    // One more request, only now: the assets that logged in the last day (a stale asset has not run lately).
    const names = requests.filter((r) => r.params?.query === lines);
    expect(names.map((r) => [r.params?.start, r.params?.end, r.params?.step])).toEqual([
      [`${NOW}000000`, `${NOW}000000`, '86400'],
    ]);
    const rows = healthFromFrame(res.data[0]);
    expect(rows.map((r) => [r.asset, r.status, r.reasons])).toEqual([
      ['provisioned', 'unknown', ['Prometheus is unavailable']],
      ['raw', 'unknown', ['Prometheus is unavailable']],
      ['stale', 'unknown', ['Prometheus is unavailable']],
    ]);
  });

  it('Loki down with Prometheus up: no asset-name request, reasons unchanged', async () => {
    const { ds, requests } = makeDataSource(pipelineBackends({ loki: { status: 502, body: { message: 'down' } } }));
    const [res] = await run(ds, [{ queryType: 'health' }]);
    expect(requests.filter((r) => r.params?.query === assetLinesCountQuery(m, 86_400))).toHaveLength(0);
    expect(healthFromFrame(res.data[0]).map((r) => [r.asset, r.status])).toEqual([
      ['fct', 'stale'],
      ['raw', 'ok'],
    ]);
  });

  it('a backend that is not configured is named in an error; no request goes to it', async () => {
    const { ds, requests } = makeDataSource(pipelineBackends(), { jsonData: { prometheusUid: 'prom' } });
    const [res] = await run(ds, [{ queryType: 'health' }]);
    expect(res.errors?.map((e) => e.message)).toEqual([
      'Loki: not configured. Pick a Loki data source in the Cascade data source settings.',
      'Jaeger: not configured. Pick a Jaeger data source in the Cascade data source settings.',
    ]);
    expect(requests).toHaveLength(14); // 13 Prometheus queries and the recording-rules probe
    expect(healthFromFrame(res.data[0]).map((r) => r.asset)).toEqual(['fct', 'raw']);
  });

  it('drops hidden targets, groups by type and answers each target once with a unique key', async () => {
    const { ds, requests } = makeDataSource(emptyBackends);
    const responses = await run(ds, [
      { queryType: 'alerts' },
      { queryType: 'logs', hide: true },
      { queryType: 'traces' },
      { queryType: 'alerts', refId: 'Z' },
      { queryType: 'bogus' as CascadeQuery['queryType'] },
    ]);
    expect(responses.map((r) => r.key).sort()).toEqual(['A:alerts', 'C:traces', 'E:bogus', 'Z:alerts']);
    expect(responses.every((r) => r.state === LoadingState.Done)).toBe(true);
    expect(responses.find((r) => r.key === 'E:bogus')?.errors?.[0].message).toBe('Cascade: unknown query type "bogus"');
    expect(requests.map((r) => r.url).sort()).toEqual([
      '/api/datasources/proxy/uid/jaeger/api/traces',
      '/api/datasources/proxy/uid/prom/api/v1/alerts',
      '/api/datasources/proxy/uid/prom/api/v1/alerts',
    ]);
  });

  it('expands multi-value and All template variables into assets', async () => {
    const { ds, requests } = makeDataSource(emptyBackends, {
      vars: { asset: ['a"x', 'b.y'], all: ['$__all'], lvl: 'error' },
    });
    await run(ds, [{ queryType: 'logs', assets: ['$asset', 'c'], level: '$lvl', search: 'time"out' }]);
    expect(requests[0].params?.query).toBe(
      '{job="dagster"} |= "time\\"out" | json | asset_name=~"a\\"x|b\\\\.y|c" | level="error"'
    );
    requests.length = 0;
    await run(ds, [{ queryType: 'logs', assets: ['${all}', 'c'] }]);
    expect(requests[0].params?.query).toBe('{job="dagster"} | json');
  });

  it('unsubscribing cancels every in-flight request of a query', () => {
    const { ds, requests, openRequests } = makeDataSource(() => 'never');
    const sub = ds.query(makeRequest([{ queryType: 'health' }, { queryType: 'logs' }], NOW)).subscribe();
    // The topology (2), Loki ×2, Jaeger, the 3 volume queries and logs, and the recording-rules probe the
    // other Prometheus queries wait for.
    expect(requests).toHaveLength(10);
    expect(openRequests()).toBe(10);
    sub.unsubscribe();
    expect(openRequests()).toBe(0);
  });

  it('returns an empty Done response for no visible targets, and refuses an invalid mapping without requests', async () => {
    const { ds, requests } = makeDataSource(emptyBackends, {
      jsonData: { prometheusUid: 'p', mapping: { assetLabel: 'bad"label' } },
    });
    expect(await run(ds, [])).toEqual([{ data: [], state: LoadingState.Done, key: 'cascade:empty' }]);
    const [res] = await run(ds, [{ queryType: 'alerts' }]);
    expect(res.errors?.[0].message).toBe('Cascade configuration: asset label "bad"label" is not a valid label name');
    expect(requests).toHaveLength(0);
  });
});

describe('signal query types', () => {
  it('logs: one Loki request, limit capped, a notice when the limit is reached', async () => {
    const body = fixtureText('loki/query_range_streams_grafana_testdata.json');
    const { ds, requests } = makeDataSource(() => ({ body }), {
      jsonData: { lokiUid: 'loki', limits: { maxLogLines: 3 } },
    });
    const [res] = await run(ds, [{ queryType: 'logs', limit: 50, traceId: 'abc' }]);
    expect(requests).toHaveLength(1);
    expect(requests[0].params).toMatchObject({
      limit: '3',
      direction: 'backward',
      query: '{job="dagster"} |= "abc" | json | trace_id="abc"',
    });
    expect(logsFromFrame(res.data[0])).toHaveLength(3);
    expect(res.data[0].meta?.notices?.[0].text).toBe(
      'Showing the newest 3 log lines (limit); narrow the range or filters to see older ones.'
    );
  });

  it('traces: one search, filtered to the selected assets, newest first', async () => {
    const trace = (id: string, asset: string, start: number, error = false) => ({
      traceID: id,
      spans: [
        {
          traceID: id,
          spanID: `${id}1`,
          operationName: 'materialize',
          references: [],
          startTime: start,
          duration: 1000,
          tags: [
            { key: 'asset_name', type: 'string', value: asset },
            ...(error ? [{ key: 'error', type: 'bool', value: true }] : []),
          ],
          logs: [],
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 'dagster', tags: [] } },
    });
    const body = { data: [trace('a1', 'a', 1), trace('b1', 'b', 2), trace('a2', 'a', 3, true)], errors: null };
    const { ds, requests } = makeDataSource(() => ({ body }));
    const [res] = await run(ds, [{ queryType: 'traces', assets: ['a', 'c'] }]);
    expect(requests[0].params?.tags).toBeUndefined();
    expect(tracesFromFrame(res.data[0]).map((t) => [t.traceID, t.status])).toEqual([
      ['a2', 'error'],
      ['a1', 'ok'],
    ]);
  });

  it('trace: refuses a non-hex id without a request; a 404 becomes a Jaeger error', async () => {
    const { ds, requests } = makeDataSource(() => ({
      status: 404,
      body: fixtureText('jaeger/error_404_trace_not_found.json'),
    }));
    const [bad] = await run(ds, [{ queryType: 'trace', traceId: '../admin' }]);
    expect(bad.errors?.[0]).toMatchObject({
      backend: 'jaeger',
      message: 'Jaeger: "../admin" is not a trace id (up to 32 hex digits)',
    });
    expect(requests).toHaveLength(0);
    const [missing] = await run(ds, [{ queryType: 'trace', traceId: 'abc123' }]);
    expect(requests.map((r) => r.url)).toEqual(['/api/datasources/proxy/uid/jaeger/api/traces/abc123']);
    expect(missing.errors?.[0].message).toBe('Jaeger: 404 trace not found');
  });

  it('trace: returns the Grafana trace frame', async () => {
    const { ds } = makeDataSource(() => ({ body: fixtureText('jaeger/trace_jaeger_sdk_real.json') }));
    const [res] = await run(ds, [{ queryType: 'trace', traceId: '2ee9739529395e31' }]);
    expect(res.data[0].meta?.preferredVisualisationType).toBe('trace');
    expect(res.data[0].length).toBe(2);
  });

  it('alerts: filtered by asset, firing first', async () => {
    const alert = (name: string, asset: string | undefined, state: string) => ({
      labels: { alertname: name, ...(asset ? { asset_name: asset } : {}), severity: 'warning' },
      annotations: { summary: `${name} ${asset}` },
      state,
      activeAt: '2024-01-01T00:00:00Z',
      value: '1e+00',
    });
    const body = {
      status: 'success',
      data: {
        alerts: [
          alert('A', 'x', 'pending'),
          alert('B', 'x', 'firing'),
          alert('C', 'y', 'firing'),
          alert('D', undefined, 'firing'),
        ],
      },
    };
    const { ds } = makeDataSource(() => ({ body }));
    const [res] = await run(ds, [{ queryType: 'alerts', assets: ['x'] }]);
    expect(alertsFromFrame(res.data[0]).map((a) => a.alertname)).toEqual(['B', 'A']);
    const [all] = await run(ds, [{ queryType: 'alerts' }]);
    expect(all.data[0].length).toBe(4);
  });

  it('metrics: one range query with a step from the interval; system: one instant query', async () => {
    const { ds, requests } = makeDataSource(emptyBackends);
    await run(ds, [{ queryType: 'metrics', metric: 'duration', stat: 'p95', assets: ['a'] }, { queryType: 'system' }]);
    expect(requests.map((r) => [r.url, r.params?.step])).toEqual([
      ['/api/datasources/proxy/uid/prom/api/v1/query_range', '15'],
      ['/api/datasources/proxy/uid/prom/api/v1/query', undefined],
    ]);
    expect(requests[0].params?.query).toBe(
      'histogram_quantile(0.95, sum by (asset_name, le) (rate(asset_execution_seconds_bucket{asset_name="a"}[60s])))'
    );
  });

  it('metricFindQuery lists assets, layers and owners from one query', async () => {
    const { ds, requests } = makeDataSource(() => ({
      body: promVector([
        [{ layer: 'gold' }, 1],
        [{ layer: 'bronze' }, 1],
        [{}, 1],
      ]),
    }));
    expect(await ds.metricFindQuery({ refId: 'v', kind: 'layers' })).toEqual([
      { text: 'bronze', value: 'bronze' },
      { text: 'gold', value: 'gold' },
    ]);
    expect(requests[0].params?.query).toBe('group by (layer) (asset_info)');
    await expect(makeDataSource(emptyBackends, { jsonData: {} }).ds.metricFindQuery('assets')).rejects.toThrow(
      'Prometheus: not configured'
    );
  });
});

describe('CascadeDataSource (as Grafana instantiates it)', () => {
  it('has dashboard variable support listing assets through the same query layer', async () => {
    const backend = fakeBackendSrv(() => ({
      body: promVector([
        [{ asset_name: 'b' }, 1],
        [{ asset_name: 'a' }, 1],
      ]),
    }));
    const ds = new CascadeDataSource(instanceSettings(), backend.srv, fakeTemplateSrv({ layer: 'gold' }));
    const variables = ds.variables as unknown as {
      query: (r: unknown) => import('rxjs').Observable<DataQueryResponse>;
    };
    const res = await lastValueFrom(
      variables.query({ ...makeRequest([]), targets: [{ refId: 'V', kind: 'assets', layer: '$layer' }] })
    );
    expect(res.data).toEqual([
      { text: 'a', value: 'a' },
      { text: 'b', value: 'b' },
    ]);
    expect(backend.requests[0].params?.query).toBe('group by (asset_name) (asset_info{layer="gold"})');
  });
});

describe('testDatasource', () => {
  it('reports each backend separately', async () => {
    const { ds, requests } = makeDataSource((req) => {
      if (req.url.includes('/uid/loki/')) {
        return { status: 500, body: 'internal error' };
      }
      if (req.url.endsWith('/api/v1/query')) {
        return { body: promVector([[{ __name__: 'asset_info' }, 3]]) };
      }
      return emptyBackends(req);
    });
    const res = await ds.testDatasource();
    expect(res.status).toBe('error');
    expect(res.details?.message?.split('\n')).toEqual([
      expect.stringMatching(
        /^Prometheus: reachable; 1\/9 expected metrics present, missing: asset_execution_seconds_count, /
      ),
      'Loki: HTTP 500: internal error',
      'Jaeger: reachable; service "dagster" present',
    ]);
    expect(requests.map((r) => r.url)).toEqual([
      '/api/datasources/proxy/uid/prom/api/v1/query',
      '/api/datasources/proxy/uid/loki/loki/api/v1/query_range',
      '/api/datasources/proxy/uid/jaeger/api/services',
    ]);
  });

  it('success when every configured backend has data; error when none is configured', async () => {
    const streams = {
      status: 'success',
      data: { resultType: 'streams', result: [{ stream: {}, values: [['1', 'x']] }] },
    };
    const names = [
      'asset_execution_seconds_count',
      'asset_executions_total',
      'asset_execution_failures_total',
      'asset_rows_processed_total',
      'asset_row_count',
      'asset_last_update_timestamp',
      'validation_pass_rate',
      'asset_info',
      'asset_dependency',
    ];
    const { ds } = makeDataSource((req) =>
      req.url.includes('/loki/')
        ? { body: streams }
        : req.url.endsWith('/api/v1/query')
          ? { body: promVector(names.map((n) => [{ __name__: n }, 1])) }
          : emptyBackends(req)
    );
    expect(await ds.testDatasource()).toMatchObject({
      status: 'success',
      message: expect.stringContaining('All 3 configured backends are working'),
    });
    expect(await makeDataSource(emptyBackends, { jsonData: {} }).ds.testDatasource()).toMatchObject({
      status: 'error',
    });
    const jaegerOnly = makeDataSource(emptyBackends, {
      jsonData: { jaegerUid: 'j', mapping: { jaegerService: 'other' } },
    });
    expect(await jaegerOnly.ds.testDatasource()).toMatchObject({ status: 'warning' });
  });
});
