/**
 * The data source on Tempo: the demo pipeline exports its spans over OTLP to the Tempo stand-in
 * (contract-tested against Tempo's payloads), logs go to the Loki stand-in, and every request goes
 * through the sandbox's Grafana-style data source proxy. The trace backend's type comes from the
 * data source settings the sandbox serves (`/api/datasources`, from provisioning), as Grafana's
 * DataSourceSrv would give it. Every trace feature runs through the public query(): traces by
 * asset, trace by id, the last trace per asset in `health`, the drill-down with logs under spans
 * and the critical path, Save & test; each search is ONE request whatever the number of assets.
 */
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { logsFromFrame, tracesFromFrame } from '../../src/frames/signalFrames';
import { traceFromFrame } from '../../src/frames/traceFrame';
import { criticalPath } from '../../src/trace/criticalPath';
import { attachLogs } from '../../src/trace/traceLogs';
import { buildTraceTree } from '../../src/trace/traceTree';
import { type DemoHandle, startDemo } from '../../demo/src';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';

jest.setTimeout(60_000);

const FAILING = 'publish_to_postgres';
const ROUNDS = 3;

let demo: DemoHandle;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
const requested: string[] = [];

beforeAll(async () => {
  demo = await startDemo({ seed: 11, autoRun: false, failureRate: 0, failingAsset: FAILING, traces: 'tempo' });
  for (let i = 0; i < ROUNDS; i++) {
    await demo.pipeline.runAll();
  }
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: '',
      CASCADE_LOKI_URL: demo.lokiUrl,
      CASCADE_JAEGER_URL: '',
      CASCADE_TEMPO_URL: demo.tempoUrl,
      CASCADE_TRACES_UID: 'cascade-tempo',
    },
  });
  // Grafana's BackendSrv and DataSourceSrv do not exist outside Grafana: the sandbox's fetch
  // BackendSrv goes through the sandbox proxy, and data source types come from its settings API.
  const backendSrv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (options) => {
      requested.push(`${options.url}?${new URLSearchParams(options.params as Record<string, string>)}`);
      return backendSrv.fetch(options);
    },
  };
  const settings: Array<{ uid: string; type: string; jsonData: Record<string, unknown> }> = await (
    await fetch(`${server.url}/api/datasources`)
  ).json();
  const cascade = settings.find((d) => d.uid === 'cascade')!;
  const typeOf = (uid: string) => settings.find((d) => d.uid === uid)?.type;
  ds = new CascadeDataSourceBase(
    instanceSettings({ ...cascade.jsonData, prometheusUid: undefined }),
    counting,
    fakeTemplateSrv({}),
    typeOf
  );
});

afterAll(async () => {
  await server?.stop();
  await demo?.stop();
});

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const toMs = Date.now();
  return {
    requestId: 'tempo',
    interval: '1s',
    intervalMs: 1000,
    range: { from: dateTime(toMs - 3600_000), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `R${i}`, queryType: 'traces', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

/** All responses of one request merged (one per target; targets of different types answer separately). */
async function run(targets: Array<Partial<CascadeQuery>>): Promise<DataQueryResponse> {
  const all = await lastValueFrom(ds.query(request(targets)).pipe(toArray()));
  // health streams: a target's last packet (Done, same key) replaces its earlier ones, as in Grafana.
  const responses = [...new Map(all.map((r) => [r.key, r])).values()];
  expect(responses).toHaveLength(targets.length);
  const errors = responses.flatMap((r) => r.errors ?? []);
  return { data: responses.flatMap((r) => r.data), errors: errors.length ? errors : undefined };
}

/** The traces query's rows of an asset, newest first (the demo's ticks may overlap, so "newest" is by start). */
let newestByAsset = new Map<string, string>();

const searches = () => requested.filter((u) => u.includes('/uid/cascade-tempo/api/search'));

describe('traces on Tempo through the proxy', () => {
  it('traces by asset: one TraceQL search for one or many assets, each run once, failures marked', async () => {
    const state = demo.pipeline.state();
    const assets = demo.pipeline.assets.map((a) => a.name);
    for (const selection of [[FAILING], assets.slice(0, 3), assets]) {
      requested.length = 0;
      const res = await run([{ queryType: 'traces', assets: selection }]);
      expect(res.errors).toBeUndefined();
      expect(searches()).toHaveLength(1);
      expect(requested).toHaveLength(1);
      const rows = tracesFromFrame(res.data[0]);
      expect(rows).toHaveLength(selection.reduce((n, a) => n + state[a].runs, 0));
      expect(new Set(rows.map((r) => r.traceID)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.asset))).toEqual(new Set(selection));
      for (const r of rows) {
        expect(r.traceID).toMatch(/^[0-9a-f]{32}$/);
        expect(r.status).toBe(r.asset === FAILING ? 'error' : 'ok');
        // Tempo's search does not count a trace's spans.
        expect(r.spans).toBeUndefined();
      }
      for (const a of selection) {
        expect(rows.map((r) => r.traceID)).toContain(state[a].lastTraceId);
      }
      newestByAsset = new Map(
        [...rows].sort((a, b) => a.start - b.start).map((r) => [r.asset!, r.traceID] as [string, string])
      );
    }
    const q = decodeURIComponent(searches()[0] ?? '');
    expect(q).toContain('select(status)');
  });

  it('health: the last trace per asset from one search', async () => {
    const state = demo.pipeline.state();
    const assets = demo.pipeline.assets.map((a) => a.name);
    requested.length = 0;
    const res = await run([{ queryType: 'health', assets }]);
    // Prometheus is not configured here: its columns are empty and say so; the trace columns are filled.
    expect(res.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/^Prometheus: not configured/)]);
    expect(searches()).toHaveLength(1);
    const rows = healthFromFrame(findFrames(res.data, 'health')[0]);
    for (const a of assets) {
      expect({ a, trace: rows.find((r) => r.asset === a)?.lastTraceId }).toEqual({ a, trace: newestByAsset.get(a) });
    }
    expect(state[FAILING].runs).toBe(ROUNDS);
  });

  it('trace by id: the drill-down frame, spans with parents, logs under spans by span id, a critical path', async () => {
    const id = demo.pipeline.state()[FAILING].lastTraceId!;
    requested.length = 0;
    const res = await run([
      { refId: 'trace', queryType: 'trace', traceId: id },
      { refId: 'logs', queryType: 'logs', traceId: id },
    ]);
    expect(res.errors).toBeUndefined();
    expect(requested.filter((u) => u.includes(`/uid/cascade-tempo/api/v2/traces/${id}`))).toHaveLength(1);
    const frame = res.data.find((f) => f.meta?.preferredVisualisationType === 'trace')!;
    const spans = traceFromFrame(frame);
    const root = spans.find((s) => !s.parentSpanID)!;
    expect(root.operationName).toBe(FAILING);
    expect(spans.every((s) => s.traceID === id)).toBe(true);
    expect(spans.filter((s) => s.parentSpanID).every((s) => spans.some((p) => p.spanID === s.parentSpanID))).toBe(true);
    expect(spans.some((s) => s.statusCode === 2)).toBe(true);
    expect(spans.some((s) => (s.logs ?? []).some((l) => l.fields.some((f) => f.value === 'exception')))).toBe(true);
    const logs = logsFromFrame(findFrames(res.data, 'logs')[0]);
    expect(logs.length).toBeGreaterThan(0);
    // What the drill-down page does with the two frames: the tree, logs under their spans, the critical path.
    const tree = buildTraceTree(spans);
    expect(tree.warnings).toEqual([]);
    expect(tree.roots).toHaveLength(1);
    const attached = attachLogs(tree, logs);
    expect(attached.bySpanId).toBe(logs.length);
    expect(attached.unattached).toEqual([]);
    const path = criticalPath(tree);
    expect(path.sections.length).toBeGreaterThan(0);
    expect(path.sections.some((s) => s.span === tree.roots[0])).toBe(true);
  });

  it('an unknown trace id is "not found"; a malformed one never reaches Tempo', async () => {
    const missing = await run([{ queryType: 'trace', traceId: 'abc' }]);
    expect(missing.errors?.[0].message).toBe('Tempo: trace abc not found');
    requested.length = 0;
    const bad = await run([{ queryType: 'trace', traceId: 'x/../../api' }]);
    expect(bad.errors?.[0].message).toMatch(/^Tempo: "x\/\.\.\/\.\.\/api" is not a trace id/);
    expect(requested).toEqual([]);
  });

  it('Save & test checks Tempo', async () => {
    const res = await ds.testDatasource();
    expect(res.details?.message?.split('\n')).toEqual([
      'Prometheus: not configured',
      'Loki: reachable; stream {job="dagster"} has logs',
      'Tempo: reachable; service "dagster" present',
    ]);
    expect(res.status).toBe('success');
  });
});
