/**
 * Limits (issue 7): max series, log lines, traces and spans per query (DEFAULT_LIMITS, configurable
 * in jsonData.limits). With backends holding more than the limit — the real Prometheus scraping a
 * prom-client registry, the Loki and Jaeger STAND-INS — results are truncated with a visible notice
 * (frame meta notices). With a misbehaving backend that ignores the requested limit and answers
 * tens of megabytes (a loopback server, not a mock of the data source's transport), frames stay
 * capped and the memory retained after the query is a small fraction of the response (measured
 * with V8's gc after each query).
 */
import { dateTime, DataFrame, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import http from 'http';
import { AddressInfo } from 'net';
import { Gauge, Registry } from 'prom-client';
import { lastValueFrom, toArray } from 'rxjs';
import v8 from 'v8';
import vm from 'vm';
import {
  type JaegerStandin,
  type LokiStandin,
  type RunningPrometheus,
  startJaegerStandin,
  startLokiStandin,
  startPrometheus,
} from '../../demo/src';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeDataSourceOptions, CascadeQuery } from '../../src/datasource/types';
import { QueryLimits } from '../../src/model';
import { findFrames } from '../../src/frames/frameKit';
import { recordReliability } from './faults/report';

jest.setTimeout(120_000);

const LIMITS: QueryLimits = { maxSeries: 25, maxLogLines: 100, maxTraces: 30, maxSpans: 100 };
const HELD = { series: 60, lines: 600, traces: 80, spans: 500 };
const HUGE = { series: 80_000, lines: 80_000, traces: 15_000, spans: 30_000 };
const UIDS = { prometheusUid: 'cascade-prometheus', lokiUid: 'cascade-loki', jaegerUid: 'cascade-jaeger' };
const BIG_TRACE = `f${'1'.repeat(31)}`;

let registryServer: http.Server;
let prometheus: RunningPrometheus;
let loki: LokiStandin;
let jaeger: JaegerStandin;
let huge: http.Server;
let hugeUrl: string;
let sandbox: SandboxServer;
let hugeSandbox: SandboxServer;
const bodyBytes: Record<string, number> = {};
const measured: Record<string, unknown> = {};

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Bodies of a backend that ignores `limit` and answers everything it has (built once, up front). */
function hugeBodies(): Record<string, string> {
  const now = Date.now();
  const span = (i: number, traceID: string) => ({
    traceID,
    spanID: (i + 1).toString(16).padStart(16, '0'),
    operationName: `op${i % 50}`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: '0000000000000001' }],
    startTime: (now - 60_000) * 1000 + i,
    duration: 1000,
    tags: [{ key: 'asset_name', type: 'string', value: `asset_${i % 100}` }],
    logs: [],
    processID: 'p1',
    warnings: null,
  });
  const processes = { p1: { serviceName: 'dagster', tags: [] } };
  const line = (i: number) => JSON.stringify({ level: 'info', asset_name: `asset_${i % 100}`, msg: `line ${i}` });
  return {
    '/api/v1/query_range': JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: Array.from({ length: HUGE.series }, (_, i) => ({
          metric: { asset_name: `asset_${i}` },
          values: [[now / 1000, String(i)]],
        })),
      },
    }),
    '/loki/api/v1/query_range': JSON.stringify({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [
          {
            stream: { job: 'dagster' },
            values: Array.from({ length: HUGE.lines }, (_, i) => [
              `${now - 60_000}${String(i).padStart(6, '0')}`,
              line(i),
            ]),
          },
        ],
      },
    }),
    '/api/traces': JSON.stringify({
      data: Array.from({ length: HUGE.traces }, (_, i) => {
        const id = (i + 1).toString(16).padStart(32, '0');
        return { traceID: id, spans: [span(0, id)], processes, warnings: null };
      }),
      errors: null,
    }),
    trace: JSON.stringify({
      data: [
        {
          traceID: BIG_TRACE,
          spans: Array.from({ length: HUGE.spans }, (_, i) => span(i, BIG_TRACE)),
          processes,
          warnings: null,
        },
      ],
      errors: null,
    }),
  };
}

function hugeBackend(bodies: Record<string, string>): http.Server {
  for (const [k, v] of Object.entries(bodies)) {
    bodyBytes[k] = Buffer.byteLength(v);
  }
  return http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://huge').pathname;
    const text = bodies[path.startsWith('/api/traces/') ? 'trace' : path];
    if (text === undefined) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
}

beforeAll(async () => {
  // Built first: building tens of MB blocks this process, and a scrape missed meanwhile would mark the series stale.
  huge = hugeBackend(hugeBodies());
  const registry = new Registry();
  const g = new Gauge({ name: 'asset_row_count', help: 'rows', labelNames: ['asset_name'], registers: [registry] });
  for (let i = 0; i < HELD.series; i++) {
    g.set({ asset_name: `asset_${i}` }, i);
  }
  registryServer = http.createServer(async (_req, res) => res.end(await registry.metrics()));
  const port = await listen(registryServer);
  [prometheus, loki, jaeger] = await Promise.all([
    startPrometheus({ targets: [`127.0.0.1:${port}`], rulesFiles: [], scrapeInterval: '5s' }),
    startLokiStandin(),
    startJaegerStandin(),
  ]);
  const now = Date.now();
  loki.store.push(
    { job: 'dagster' },
    Array.from({ length: HELD.lines }, (_, i): [string, string] => [
      `${now - 60_000 + i}000000`,
      JSON.stringify({ level: 'info', asset_name: `asset_${i % 7}`, msg: `line ${i}` }),
    ])
  );
  const otlpSpan = (traceId: string, i: number, parent?: string) => ({
    traceId,
    spanId: `c${(i + 1).toString(16).padStart(15, '0')}`,
    parentSpanId: parent,
    name: `op${i}`,
    startTimeUnixNano: String(BigInt(now - 30_000 + i) * BigInt(1_000_000)),
    endTimeUnixNano: String(BigInt(now - 29_000 + i) * BigInt(1_000_000)),
    attributes: [{ key: 'asset_name', value: { stringValue: `asset_${i % 7}` } }],
  });
  const spans = [
    ...Array.from({ length: HELD.traces }, (_, i) => otlpSpan(`e${(i + 1).toString(16).padStart(31, '0')}`, i)),
    ...Array.from({ length: HELD.spans }, (_, i) => otlpSpan(BIG_TRACE, i, i === 0 ? undefined : 'c000000000000001')),
  ];
  const res = await fetch(`${jaeger.url}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dagster' } }] },
          scopeSpans: [{ spans }],
        },
      ],
    }),
  });
  expect(res.ok).toBe(true);
  await prometheus.waitForScrapes(1);
  hugeUrl = `http://127.0.0.1:${await listen(huge)}`;
  [sandbox, hugeSandbox] = await Promise.all([
    startSandboxServer({
      port: 0,
      env: {
        ...process.env,
        CASCADE_PROMETHEUS_URL: prometheus.url,
        CASCADE_LOKI_URL: loki.url,
        CASCADE_JAEGER_URL: jaeger.url,
      },
    }),
    startSandboxServer({
      port: 0,
      env: { ...process.env, CASCADE_PROMETHEUS_URL: hugeUrl, CASCADE_LOKI_URL: hugeUrl, CASCADE_JAEGER_URL: hugeUrl },
    }),
  ]);
}, 120_000);

afterAll(async () => {
  recordReliability('limits', {
    limits: LIMITS,
    heldByBackends: HELD,
    misbehavingBackend: HUGE,
    responseBytes: bodyBytes,
    measured,
  });
  await Promise.all([sandbox?.stop(), hugeSandbox?.stop()]);
  await Promise.all([prometheus?.stop(), loki?.close(), jaeger?.close()]);
  for (const s of [registryServer, huge]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
});

/** A data source over a sandbox server; BackendSrv exists only inside Grafana, the sandbox's fetch one stands in. */
function dataSource(server: SandboxServer, jsonData: Partial<CascadeDataSourceOptions> = {}) {
  return new CascadeDataSourceBase(
    instanceSettings({ ...UIDS, limits: LIMITS, ...jsonData }),
    new FetchBackendSrv({ baseUrl: server.url }),
    fakeTemplateSrv({})
  );
}

async function run(ds: CascadeDataSourceBase, target: Partial<CascadeQuery>): Promise<DataQueryResponse> {
  const to = Date.now() + 1000;
  const request: DataQueryRequest<CascadeQuery> = {
    requestId: 'limits',
    interval: '15s',
    intervalMs: 15_000,
    range: { from: dateTime(to - 3600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: [{ refId: 'L', queryType: 'health', ...target } as CascadeQuery],
    timezone: 'utc',
    app: 'dashboard',
    startTime: to,
  };
  const responses = await lastValueFrom(ds.query(request).pipe(toArray()));
  // One target; health streams (Streaming packets, then Done under the same key): the last has everything.
  expect(new Set(responses.map((r) => r.key)).size).toBe(1);
  const done = responses[responses.length - 1];
  expect(done.errors).toBeUndefined();
  return done;
}

const notices = (frames: DataFrame[]) =>
  frames.flatMap((f) => f.meta?.notices ?? []).map((n) => `${n.severity}: ${n.text}`);
const rows = (frames: DataFrame[]) => frames.reduce((n, f) => n + f.length, 0);

describe('backends holding more than the limits', () => {
  it('metrics: at most maxSeries series from the real Prometheus, with a notice', async () => {
    const res = await run(dataSource(sandbox), { queryType: 'metrics', metric: 'rowCount' });
    expect(findFrames(res.data, 'metrics')).toHaveLength(LIMITS.maxSeries);
    expect(notices(res.data)).toEqual([
      `warning: Showing ${LIMITS.maxSeries} of ${HELD.series} series (limit maxSeries).`,
    ]);
  });

  it('logs: at most maxLogLines lines from the Loki stand-in, whatever limit the query asks for, with a notice', async () => {
    for (const limit of [undefined, 10_000]) {
      const res = await run(dataSource(sandbox), { queryType: 'logs', limit });
      const frame = findFrames(res.data, 'logs')[0];
      expect(frame.length).toBe(LIMITS.maxLogLines);
      expect(notices([frame])).toEqual([
        expect.stringMatching(new RegExp(`^warning: Showing the newest ${LIMITS.maxLogLines} log lines`)),
      ]);
    }
    // Under the limit: no notice.
    const small = await run(dataSource(sandbox), { queryType: 'logs', assets: ['asset_1'], limit: 1000 });
    expect(notices(small.data)).toEqual([]);
  });

  it('traces: at most maxTraces traces from the Jaeger stand-in, with a notice (also on health)', async () => {
    const res = await run(dataSource(sandbox), { queryType: 'traces', limit: 10_000 });
    const frame = findFrames(res.data, 'traces')[0];
    expect(frame.length).toBe(LIMITS.maxTraces);
    expect(notices([frame])).toEqual([`warning: Showing the ${LIMITS.maxTraces} most recent traces (limit).`]);
    const health = await run(dataSource(sandbox), { queryType: 'health' });
    expect(notices(health.data)).toContainEqual(
      expect.stringContaining(`from the ${LIMITS.maxTraces} most recent traces (limit maxTraces)`)
    );
  });

  it('trace: at most maxSpans spans of a bigger trace, with a notice', async () => {
    const res = await run(dataSource(sandbox), { queryType: 'trace', traceId: BIG_TRACE });
    expect(rows(res.data)).toBe(LIMITS.maxSpans);
    expect(notices(res.data)).toEqual([
      `warning: Showing the first ${LIMITS.maxSpans} of ${HELD.spans} spans (limit maxSpans).`,
    ]);
  });

  it('limits are configurable: defaults apply when jsonData.limits is unset', async () => {
    const res = await run(dataSource(sandbox, { limits: undefined }), { queryType: 'metrics', metric: 'rowCount' });
    expect(findFrames(res.data, 'metrics')).toHaveLength(HELD.series);
    expect(notices(res.data)).toEqual([]);
  });
});

describe('a backend that ignores the requested limit (tens of MB)', () => {
  /** Heap retained by `keep(result)` after gc, against the response size. */
  async function retained(name: string, target: Partial<CascadeQuery>, check: (res: DataQueryResponse) => void) {
    const ds = dataSource(hugeSandbox);
    await run(ds, target); // warm-up: module-level caches, JIT, sockets
    gc();
    const before = process.memoryUsage().heapUsed;
    const res = await run(ds, target);
    gc();
    const after = process.memoryUsage().heapUsed;
    check(res);
    const mb = (after - before) / 1e6;
    const path =
      target.queryType === 'metrics'
        ? '/api/v1/query_range'
        : target.queryType === 'logs'
          ? '/loki/api/v1/query_range'
          : target.queryType === 'trace'
            ? 'trace'
            : '/api/traces';
    measured[name] = {
      responseMB: +(bodyBytes[path] / 1e6).toFixed(1),
      retainedMB: +mb.toFixed(2),
      rows: rows(res.data),
    };
    // The frames are all that survives the query: bounded by the limit, not by the response.
    expect(mb).toBeLessThan(Math.max(2, bodyBytes[path] / 1e6 / 10));
    expect(bodyBytes[path]).toBeGreaterThan(5e6);
  }

  it('metrics: 80,000 series answered, maxSeries kept', async () => {
    await retained('metrics', { queryType: 'metrics', metric: 'rowCount' }, (res) => {
      expect(findFrames(res.data, 'metrics')).toHaveLength(LIMITS.maxSeries);
      expect(notices(res.data)[0]).toContain(`of ${HUGE.series} series`);
    });
  });

  it('logs: 80,000 lines answered, maxLogLines kept', async () => {
    await retained('logs', { queryType: 'logs' }, (res) => {
      expect(rows(res.data)).toBe(LIMITS.maxLogLines);
      expect(notices(res.data)).toHaveLength(1);
    });
  });

  it('traces: 15,000 traces answered, maxTraces kept', async () => {
    await retained('traces', { queryType: 'traces' }, (res) => {
      expect(rows(res.data)).toBe(LIMITS.maxTraces);
      expect(notices(res.data)).toEqual([`warning: Showing the ${LIMITS.maxTraces} most recent traces (limit).`]);
    });
  });

  it('trace: 30,000 spans answered, maxSpans kept', async () => {
    await retained('trace', { queryType: 'trace', traceId: BIG_TRACE }, (res) => {
      expect(rows(res.data)).toBe(LIMITS.maxSpans);
      expect(notices(res.data)[0]).toContain(`of ${HUGE.spans} spans`);
    });
  });
});
