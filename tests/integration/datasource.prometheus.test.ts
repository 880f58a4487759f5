/**
 * The data source against real backends: the Debian Prometheus (with the seed's alert rules)
 * scraping the demo pipeline, and the demo's Loki/Jaeger stand-ins, all reached through the
 * sandbox's Grafana-style data source proxy with the sandbox's fetch-based BackendSrv. Every query
 * type goes through the public `query()`; expected values come from the simulator's own state.
 */
import { dateTime, DataFrame, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { lineageEdgesFromFrame, lineageNodesFromFrame } from '../../src/frames/lineageFrame';
import {
  alertsFromFrame,
  logsFromFrame,
  metricsFromFrames,
  systemFromFrame,
  tracesFromFrame,
} from '../../src/frames/signalFrames';
import { traceFromFrame } from '../../src/frames/traceFrame';
import { type DemoHandle, RULES_FILE, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { BYTES_PER_ROW, CONTAINERS, durationBuckets } from '../../demo/src/metrics';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';

jest.setTimeout(120_000);

const FAILING = 'publish_to_postgres';
const STALE = 'mrt_glucose_readings';
const DIP = { asset: 'fct_glucose_readings', check: 'glucose_range_check', passRate: 91.5 };
const BUCKETS = durationBuckets();
const ROUNDS = 3;

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
/** URLs the data source requested (through the proxy), for request-count assertions. */
const requested: string[] = [];

beforeAll(async () => {
  demo = await startDemo({
    seed: 7,
    autoRun: false,
    failureRate: 0,
    failingAsset: FAILING,
    staleAsset: STALE,
    validationDip: DIP,
    histogramBuckets: BUCKETS,
  });
  prometheus = await startPrometheus({ targets: [demo.metricsTarget], rulesFiles: [RULES_FILE] });
  // Zero-initialised counters are scraped before the first run, as in production.
  await prometheus.waitForScrapes(1);
  for (let i = 0; i < ROUNDS; i++) {
    await demo.pipeline.runAll();
    await prometheus.waitForScrapes(1);
  }
  await prometheus.waitForScrapes(2);
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: prometheus.url,
      CASCADE_LOKI_URL: demo.lokiUrl,
      CASCADE_JAEGER_URL: demo.jaegerUrl,
    },
  });
  // Grafana's BackendSrv and proxy do not exist outside Grafana: the sandbox's fetch BackendSrv
  // sends the data source's proxy URLs to the sandbox server, which forwards them like Grafana does.
  const backendSrv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (options) => {
      requested.push(options.url);
      return backendSrv.fetch(options);
    },
  };
  // CascadeDataSourceBase is the data source minus Grafana's service defaults (which need a browser).
  ds = new CascadeDataSourceBase(
    instanceSettings({ prometheusUid: 'cascade-prometheus', lokiUid: 'cascade-loki', jaegerUid: 'cascade-jaeger' }),
    counting,
    fakeTemplateSrv({})
  );
});

afterAll(async () => {
  await server?.stop();
  await prometheus?.stop();
  await demo?.stop();
});

function request(targets: Array<Partial<CascadeQuery>>, toMs = Date.now()): DataQueryRequest<CascadeQuery> {
  const from = dateTime(toMs - 3600_000);
  const to = dateTime(toMs);
  return {
    requestId: 'it',
    interval: '1s',
    intervalMs: 1000,
    range: { from, to, raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `R${i}`, queryType: 'health', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

async function run(targets: Array<Partial<CascadeQuery>>, toMs?: number): Promise<DataQueryResponse> {
  const responses = await lastValueFrom(ds.query(request(targets, toMs)).pipe(toArray()));
  // health and lineage stream (a Streaming packet, then Done); the last response has everything.
  const done = responses[responses.length - 1];
  expect(done.errors).toBeUndefined();
  return done;
}

/** Bounds of the histogram bucket holding the observation histogram_quantile interpolates in. */
function quantileBucket(durations: number[], q: number): [number, number] {
  const sorted = [...durations].sort((a, b) => a - b);
  const x = sorted[Math.ceil(q * sorted.length) - 1];
  const upper = BUCKETS.findIndex((b) => x <= b);
  return [upper > 0 ? BUCKETS[upper - 1] : 0, BUCKETS[upper]];
}

describe('health against the real Prometheus (and the stand-ins)', () => {
  it('returns per asset exactly what the pipeline state implies', async () => {
    const toMs = Date.now();
    const res = await run([{ queryType: 'health' }], toMs);
    const rows = healthFromFrame(findFrames(res.data, 'health')[0]);
    const state = demo.pipeline.state();
    expect(rows.map((r) => r.asset).sort()).toEqual(Object.keys(state).sort());
    for (const spec of demo.pipeline.assets) {
      const s = state[spec.name];
      const row = rows.find((r) => r.asset === spec.name)!;
      const label = `asset ${spec.name}`;
      expect({ label, layer: row.layer, owner: row.owner }).toEqual({ label, layer: spec.layer, owner: spec.owner });
      expect({ label, runs: row.runs, failures: row.failures }).toEqual({ label, runs: s.runs, failures: s.failures });
      expect(row.errorRate).toBe(s.runs ? s.failures / s.runs : undefined);
      expect(row.lastUpdate).toBeCloseTo(s.lastUpdate! * 1000, 0);
      expect(Math.abs(row.freshness! - (toMs / 1000 - s.lastUpdate!))).toBeLessThan(2);
      expect(row.rowCount).toBe(s.rowCount);
      expect(row.passRate).toBeCloseTo(Math.min(...Object.values(s.passRates)), 6);
      expect(row.upstream).toEqual([...spec.upstream].sort());
      expect(row.errorLogs).toBe(s.failures);
      if (s.runs > 0) {
        expect(row.avgDuration).toBeCloseTo(s.durations.reduce((a, b) => a + b, 0) / s.durations.length, 6);
        const [lo95, hi95] = quantileBucket(s.durations, 0.95);
        expect(row.p95Duration).toBeGreaterThanOrEqual(lo95);
        expect(row.p95Duration).toBeLessThanOrEqual(hi95);
        const [lo99, hi99] = quantileBucket(s.durations, 0.99);
        expect(row.p99Duration).toBeGreaterThanOrEqual(lo99);
        expect(row.p99Duration).toBeLessThanOrEqual(hi99);
        expect(row.lastTraceId).toBe(s.lastTraceId);
      } else {
        expect([row.avgDuration, row.p95Duration, row.lastTraceId]).toEqual([undefined, undefined, undefined]);
      }
    }
    const status = Object.fromEntries(rows.map((r) => [r.asset, r.status]));
    expect(status).toEqual({
      dlt_glucose_entries: 'ok',
      stg_glucose_entries: 'ok',
      [DIP.asset]: 'quality',
      [STALE]: 'stale',
      [FAILING]: 'failing',
    });
    const failing = rows.find((r) => r.asset === FAILING)!;
    expect(failing.reasons).toContain(`last run failed (all ${ROUNDS} runs in the range failed)`);
    expect(failing.lastError).toBe(state[FAILING].lastError);
    expect(rows.find((r) => r.asset === STALE)!.reasons[0]).toMatch(
      /^not updated for 5h( \d+m)? \(critical after 4h\)$/
    );
    expect(rows.find((r) => r.asset === DIP.asset)!.reasons).toEqual(['validation pass rate 91.5% < 95%']);
  });

  it('narrows to the selected assets with the same request count (13 Prometheus with the volume signals, 2 Loki, 1 Jaeger)', async () => {
    const count = async (assets: string[]) => {
      requested.length = 0;
      const res = await run([{ queryType: 'health', assets }]);
      const byBackend = (uid: string) => requested.filter((u) => u.includes(`/uid/${uid}/`)).length;
      expect([byBackend('cascade-prometheus'), byBackend('cascade-loki'), byBackend('cascade-jaeger')]).toEqual([
        13, 2, 1,
      ]);
      return res;
    };
    await count([]);
    const res = await count([FAILING, STALE]);
    expect(healthFromFrame(res.data[0]).map((r) => [r.asset, r.status])).toEqual([
      [STALE, 'stale'],
      [FAILING, 'failing'],
    ]);
  });
});

describe('metrics, lineage, alerts, system against the real Prometheus', () => {
  it('metrics: one series per asset (per check for pass rate) with the state’s values', async () => {
    const state = demo.pipeline.state();
    const rowCount = metricsFromFrames(
      findFrames((await run([{ queryType: 'metrics', metric: 'rowCount' }])).data, 'metrics')
    );
    expect(rowCount.map((s) => s.asset).sort()).toEqual(Object.keys(state).sort());
    for (const s of rowCount) {
      expect(s.values[s.values.length - 1]).toBe(state[s.asset].rowCount);
    }
    const pass = metricsFromFrames(
      (await run([{ queryType: 'metrics', metric: 'passRate', assets: [DIP.asset] }])).data
    );
    expect(pass.map((s) => [s.check, s.values[s.values.length - 1]]).sort()).toEqual(
      Object.entries(state[DIP.asset].passRates).sort()
    );
    const p95 = metricsFromFrames((await run([{ queryType: 'metrics', metric: 'duration', stat: 'p95' }])).data);
    expect(p95.length).toBeGreaterThan(0);
    expect(p95.every((s) => s.asset in state)).toBe(true);
  });

  it('lineage: a node per asset coloured by status, an edge per dependency', async () => {
    const res = await run([{ queryType: 'lineage' }]);
    const nodes = lineageNodesFromFrame(findFrames(res.data, 'lineage-nodes')[0]);
    const edges = lineageEdgesFromFrame(findFrames(res.data, 'lineage-edges')[0]);
    expect(nodes.map((n) => n.id).sort()).toEqual(demo.pipeline.assets.map((a) => a.name).sort());
    expect(nodes.find((n) => n.id === STALE)?.status).toBe('stale');
    expect(nodes.find((n) => n.id === FAILING)?.status).toBe('failing');
    const expected = demo.pipeline.assets.flatMap((a) => a.upstream.map((u) => `${u}->${a.name}`)).sort();
    expect(edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(expected);
    const arc = findFrames(res.data, 'lineage-nodes')[0].fields.find((f) => f.name === 'arc__failing')!;
    expect(arc.config.color?.fixedColor).toBe('dark-red');
  });

  it('alerts: the seed’s rules are pending or firing for the stale asset and the validation dip', async () => {
    const deadline = Date.now() + 30_000;
    let alerts = alertsFromFrame((await run([{ queryType: 'alerts' }])).data[0]);
    while (!alerts.some((a) => a.alertname === 'DatasetFreshness') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      alerts = alertsFromFrame((await run([{ queryType: 'alerts' }])).data[0]);
    }
    const freshness = alerts.filter((a) => a.alertname === 'DatasetFreshness');
    expect(freshness.map((a) => a.asset)).toEqual([STALE]);
    expect(['pending', 'firing']).toContain(freshness[0].state);
    expect(freshness[0].summary).toBe(`Dataset ${STALE} is stale`);
    expect(freshness[0].value).toBeGreaterThan(5);
    expect(
      alerts.filter((a) => a.alertname === 'ValidationFailure').map((a) => [a.asset, a.labels.check_name])
    ).toEqual([[DIP.asset, DIP.check]]);
    const onlyStale = alertsFromFrame((await run([{ queryType: 'alerts', assets: [STALE] }])).data[0]);
    expect(onlyStale.map((a) => a.asset)).toEqual([STALE]);
  });

  it('system: disk, memory, lake size and container health', async () => {
    const state = demo.pipeline.state();
    const s = systemFromFrame((await run([{ queryType: 'system' }])).data[0]);
    expect(s.containersTotal).toBe(CONTAINERS.length);
    expect(s.containersHealthy).toBe(CONTAINERS.length);
    expect(s.lakeSizeBytes).toBe(Object.values(state).reduce((sum, a) => sum + a.rowCount, 0) * BYTES_PER_ROW);
    expect(s.diskUsagePercent).toBeGreaterThan(0);
    expect(s.memoryUsagePercent).toBeGreaterThan(0);
  });
});

describe('logs, traces and trace against the stand-ins', () => {
  it('logs: the failing asset’s error lines, each with its trace id', async () => {
    const state = demo.pipeline.state();
    const res = await run([{ queryType: 'logs', assets: [FAILING], level: 'error' }]);
    const lines = logsFromFrame(findFrames(res.data, 'logs')[0]);
    expect(lines).toHaveLength(state[FAILING].failures);
    expect(
      lines.every((l) => l.asset === FAILING && l.severity === 'error' && /^[0-9a-f]{32}$/.test(l.traceId ?? ''))
    ).toBe(true);
    expect(lines[0].traceId).toBe(state[FAILING].lastTraceId);
    const byTrace = logsFromFrame((await run([{ queryType: 'logs', traceId: state[FAILING].lastTraceId }])).data[0]);
    expect(byTrace.length).toBeGreaterThan(1);
    expect(byTrace.every((l) => l.traceId === state[FAILING].lastTraceId)).toBe(true);
  });

  it('traces: the asset’s runs, failed ones marked; trace: the drill-down frame', async () => {
    const state = demo.pipeline.state();
    const traces = tracesFromFrame((await run([{ queryType: 'traces', assets: [FAILING] }])).data[0]);
    expect(traces).toHaveLength(state[FAILING].runs);
    expect(traces.every((t) => t.asset === FAILING && t.status === 'error')).toBe(true);
    expect(traces[0].traceID).toBe(state[FAILING].lastTraceId);
    const frame: DataFrame = (await run([{ queryType: 'trace', traceId: state[FAILING].lastTraceId }])).data[0];
    expect(frame.meta?.preferredVisualisationType).toBe('trace');
    const spans = traceFromFrame(frame);
    const root = spans.find((s) => !s.parentSpanID)!;
    expect(root.operationName).toBe(FAILING);
    expect(spans.every((s) => s.traceID === state[FAILING].lastTraceId)).toBe(true);
    expect(spans.some((s) => s.statusCode === 2)).toBe(true);
  });

  it('Save & test reports each backend working', async () => {
    const res = await ds.testDatasource();
    expect(res.status).toBe('success');
    expect(res.details?.message?.split('\n')).toEqual([
      'Prometheus: reachable; all 9 expected metrics present',
      'Loki: reachable; stream {job="dagster"} has logs',
      'Jaeger: reachable; service "dagster" present',
    ]);
  });
});
