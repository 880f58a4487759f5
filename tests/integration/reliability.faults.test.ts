/**
 * Fault injection (issue 7): the data source against the REAL Prometheus (Debian binary scraping the
 * demo pipeline) and the Loki/Jaeger STAND-INS, through the sandbox's Grafana-style data source
 * proxy, with a fault-injecting proxy (tests/integration/faults/faultProxy.ts) in front of each
 * backend. Per backend and fault — connection refused, a 10 s stall (data source timeout 1 s), HTTP
 * 500 with an HTML page, 400 with the backend's own error body, truncated JSON, JSON of the wrong
 * shape, an empty result, a connection cut mid-body — one query() with every query type checks:
 * the other backends' data still arrives, the failing backend yields an error naming it (backend
 * field + message), nothing else fails, no unhandled promise rejection. Unsubscribing (page closed)
 * and a new range (switchMap, as Grafana's query runner) cancel in-flight requests: the fault
 * proxy sees the connections closed.
 */
import { dateTime, DataFrame, DataQueryRequest, DataQueryResponse, LoadingState } from '@grafana/data';
import { lastValueFrom, Subject, switchMap, toArray } from 'rxjs';
import vm from 'vm';
import { type DemoHandle, RULES_FILE, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery, CascadeQueryType } from '../../src/datasource/types';
import { CascadeQueryError } from '../../src/model';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { Backend, Fault, FAULTS, FaultProxy, startFaultProxy } from './faults/faultProxy';
import { recordReliability } from './faults/report';

jest.setTimeout(180_000);

const TYPES: CascadeQueryType[] = ['health', 'lineage', 'metrics', 'logs', 'traces', 'trace', 'alerts', 'system'];
const USES: Record<CascadeQueryType, Backend[]> = {
  health: ['prometheus', 'loki', 'jaeger'],
  lineage: ['prometheus', 'loki', 'jaeger'],
  incidents: ['prometheus', 'loki', 'jaeger'],
  metrics: ['prometheus'],
  alerts: ['prometheus'],
  system: ['prometheus'],
  logs: ['loki'],
  traces: ['jaeger'],
  trace: ['jaeger'],
  annotations: ['prometheus'],
};
const BACKENDS: Backend[] = ['prometheus', 'loki', 'jaeger'];
const LABEL: Record<Backend, string> = { prometheus: 'Prometheus', loki: 'Loki', jaeger: 'Jaeger' };
/**
 * Requests one query() with every type sends, per backend: health 10 + 3 (volume signals) + 2 + 1, which
 * lineage shares (identical GETs in flight are sent once, BackendClient), plus metrics/alerts/system, logs,
 * traces/trace.
 */
const REQUESTS: Record<Backend, number> = { prometheus: 16, loki: 3, jaeger: 3 };

/** What the failing backend's error must say, per fault (the backends' own words where they have them). */
const MESSAGE: Record<Fault, Record<Backend, RegExp>> = {
  refused: {
    prometheus: /^Prometheus: HTTP 502: Data source "Prometheus" is unreachable: ECONNREFUSED/,
    loki: /^Loki: HTTP 502: Data source "Loki" is unreachable: ECONNREFUSED/,
    jaeger: /^Jaeger: HTTP 502: Data source "Jaeger" is unreachable: ECONNREFUSED/,
  },
  stall: { prometheus: /timed out after 1 s/, loki: /timed out after 1 s/, jaeger: /timed out after 1 s/ },
  html500: {
    prometheus: /^Prometheus: HTTP 500: 500 Internal Server Error( \(\d+ requests\))?$/,
    loki: /^Loki: HTTP 500: 500 Internal Server Error( \(\d+ requests\))?$/,
    jaeger: /^Jaeger: HTTP 500: 500 Internal Server Error$/,
  },
  backend400: {
    prometheus: /bad_data: .*parse error/,
    loki: /HTTP 400: parse error/,
    jaeger: /parameter 'service' is required|ParseUint/,
  },
  truncated: {
    prometheus: /unreadable response: invalid JSON/,
    loki: /unreadable response: invalid JSON/,
    jaeger: /unreadable response: invalid JSON/,
  },
  wrongShape: { prometheus: /unexpected response/, loki: /unexpected response/, jaeger: /unexpected response/ },
  empty: { prometheus: /$^/, loki: /$^/, jaeger: /trace .* not found/ },
  reset: {
    prometheus: /cannot reach the backend/,
    loki: /cannot reach the backend/,
    jaeger: /cannot reach the backend/,
  },
};

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;
const proxies = {} as Record<Backend, FaultProxy>;
let ds: CascadeDataSourceBase;
let patientDs: CascadeDataSourceBase;
let traceId: string;
let baseline: Map<CascadeQueryType, Signature>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
// Jest gives each test file its own `process` object; the real one is what emits unhandledRejection.
const realProcess = vm.runInThisContext('process') as NodeJS.Process;
const cases: Array<{ fault: Fault; backend: Backend; type: CascadeQueryType }> = [];
/** One error message per fault and backend (the `traces`/`logs`/`metrics` target's), for the docs. */
const examples: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  realProcess.on('unhandledRejection', onUnhandled);
  demo = await startDemo({ seed: 5, autoRun: false, failureRate: 0, failingAsset: 'publish_to_postgres' });
  prometheus = await startPrometheus({ targets: [demo.metricsTarget], rulesFiles: [RULES_FILE], scrapeInterval: '2s' });
  await prometheus.waitForScrapes(1);
  for (let i = 0; i < 2; i++) {
    await demo.pipeline.runAll();
  }
  await prometheus.waitForScrapes(2);
  traceId = demo.pipeline.state()['stg_glucose_entries'].lastTraceId!;
  const targets: Record<Backend, string> = { prometheus: prometheus.url, loki: demo.lokiUrl!, jaeger: demo.jaegerUrl! };
  for (const b of BACKENDS) {
    proxies[b] = await startFaultProxy(b, targets[b]);
  }
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: proxies.prometheus.url,
      CASCADE_LOKI_URL: proxies.loki.url,
      CASCADE_JAEGER_URL: proxies.jaeger.url,
    },
  });
  // BackendSrv exists only inside Grafana: the sandbox's fetch BackendSrv (aborts on unsubscribe) stands in.
  const uids = { prometheusUid: 'cascade-prometheus', lokiUid: 'cascade-loki', jaegerUid: 'cascade-jaeger' };
  ds = new CascadeDataSourceBase(
    instanceSettings({ ...uids, timeoutMs: 1000 }),
    new FetchBackendSrv({ baseUrl: server.url }),
    fakeTemplateSrv({})
  );
  patientDs = new CascadeDataSourceBase(
    instanceSettings({ ...uids, timeoutMs: 60_000 }),
    new FetchBackendSrv({ baseUrl: server.url }),
    fakeTemplateSrv({})
  );
  baseline = await signatures(ds);
  // Both instances have asked once whether Prometheus has Cascade's recording rules (one probe per
  // instance, remembered), so the counts below are those of every later query.
  await signatures(patientDs);
}, 120_000);

afterAll(async () => {
  realProcess.off('unhandledRejection', onUnhandled);
  recordReliability('faults', {
    faults: FAULTS.length,
    backends: BACKENDS.length,
    queryTypes: TYPES.length,
    cases: cases.length,
    requestsThroughFaultProxies: BACKENDS.reduce((n, b) => n + (proxies[b]?.requests.length ?? 0), 0),
    faultsInjected: BACKENDS.reduce(
      (n, b) => n + (proxies[b]?.requests.filter((r) => r.mode !== 'pass').length ?? 0),
      0
    ),
    examples,
  });
  await server?.stop();
  await Promise.all(BACKENDS.map((b) => proxies[b]?.close()));
  await prometheus?.stop();
  await demo?.stop();
});

function request(): DataQueryRequest<CascadeQuery> {
  const to = Date.now();
  return {
    requestId: 'faults',
    interval: '15s',
    intervalMs: 15_000,
    range: { from: dateTime(to - 3600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: TYPES.map(
      (queryType) =>
        ({
          refId: queryType,
          queryType,
          traceId: queryType === 'trace' ? traceId : undefined,
          metric: 'runs',
        }) as CascadeQuery
    ),
    timezone: 'utc',
    app: 'dashboard',
    startTime: to,
  };
}

/** Row counts per frame kind, plus which health columns (by backend) carry data (an empty backend answers zeros). */
interface Signature {
  rows: number;
  columns?: Record<Backend, boolean>;
}

const rowsOf = (frames: DataFrame[]) => frames.reduce((n, f) => n + f.length, 0);

function signature(type: CascadeQueryType, res: DataQueryResponse): Signature {
  if (type === 'health' || type === 'lineage') {
    const frame = type === 'health' ? findFrames(res.data, 'health')[0] : findFrames(res.data, 'lineage-nodes')[0];
    if (type === 'lineage') {
      return { rows: frame?.length ?? 0 };
    }
    const rows = frame ? healthFromFrame(frame) : [];
    return {
      rows: rows.length,
      columns: {
        prometheus: rows.some((r) => (r.runs ?? 0) > 0),
        loki: rows.some((r) => (r.errorLogs ?? 0) > 0),
        jaeger: rows.some((r) => r.lastTraceId !== undefined),
      },
    };
  }
  return { rows: type === 'metrics' ? res.data.length : rowsOf(res.data as DataFrame[]) };
}

async function runAll(source: CascadeDataSourceBase): Promise<Map<CascadeQueryType, DataQueryResponse>> {
  const responses = await lastValueFrom(source.query(request()).pipe(toArray()));
  // health and lineage stream: a target's last packet (Done) replaces its earlier ones, as in Grafana.
  const last = new Map(responses.map((r) => [r.key!.split(':')[1] as CascadeQueryType, r]));
  expect(last.size).toBe(TYPES.length);
  return last;
}

async function signatures(source: CascadeDataSourceBase): Promise<Map<CascadeQueryType, Signature>> {
  const res = await runAll(source);
  const out = new Map<CascadeQueryType, Signature>();
  for (const t of TYPES) {
    expect({ t, errors: res.get(t)!.errors }).toEqual({ t, errors: undefined });
    out.set(t, signature(t, res.get(t)!));
  }
  return out;
}

async function waitFor(cond: () => boolean, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('baseline', () => {
  it('every query type has data from every backend when nothing fails', () => {
    for (const t of TYPES) {
      // Alerts depend on rule timing; every other type must return rows.
      if (t !== 'alerts') {
        expect({ t, rows: baseline.get(t)!.rows > 0 }).toEqual({ t, rows: true });
      }
    }
    expect(baseline.get('health')!.columns).toEqual({ prometheus: true, loki: true, jaeger: true });
  });
});

describe.each(FAULTS.map((f) => [f]))('fault: %s', (fault) => {
  it.each(BACKENDS.map((b) => [b]))(
    'on %s: others unaffected, the failing backend named, no stray errors',
    async (backend) => {
      const proxy = proxies[backend];
      const before = proxy.requests.length;
      await proxy.setMode(fault);
      let res: Map<CascadeQueryType, DataQueryResponse>;
      try {
        res = await runAll(ds);
      } finally {
        await proxy.setMode('pass');
      }
      for (const type of TYPES) {
        const r = res.get(type)!;
        const errors = (r.errors ?? []) as CascadeQueryError[];
        const sig = signature(type, r);
        const base = baseline.get(type)!;
        const affected = USES[type].includes(backend);
        const expectError = affected && (fault !== 'empty' || type === 'trace');
        const ctx = { fault, backend, type };
        // Only the failing backend is ever named, and only where it is used.
        expect({ ...ctx, named: errors.map((e) => e.backend) }).toEqual({
          ...ctx,
          named: expectError ? errors.map(() => backend) : [],
        });
        if (expectError) {
          expect(errors.length).toBeGreaterThan(0);
          if (USES[type].length === 1) {
            (examples[fault] ??= {})[backend] = errors[0].message ?? '';
          }
          for (const e of errors) {
            expect({ ...ctx, message: e.message }).toEqual({
              ...ctx,
              message: expect.stringMatching(new RegExp(`^${LABEL[backend]}: `)),
            });
            expect({ ...ctx, message: e.message }).toEqual({
              ...ctx,
              message: expect.stringMatching(MESSAGE[fault][backend]),
            });
            // Error text reaches the page as text: no markup from HTML error pages.
            expect(e.message).not.toMatch(/<[a-z/!]/i);
          }
        }
        if (!affected) {
          expect({ ...ctx, sig }).toEqual({ ...ctx, sig: base });
        } else if (type === 'health') {
          // The other backends' columns still arrive; the failing one's are empty.
          const cols = { ...base.columns!, [backend]: false };
          expect({ ...ctx, columns: sig.columns }).toEqual({ ...ctx, columns: cols });
          expect(sig.rows).toBeGreaterThan(0);
        }
        cases.push(ctx);
      }
      expect(proxy.requests.length - before).toBe(fault === 'refused' ? 0 : REQUESTS[backend]);
      if (fault === 'stall') {
        // The 1 s timeout unsubscribed: every stalled request was closed by the client, none answered.
        await waitFor(() => proxy.inFlight() === 0, 5000, 'stalled requests to close');
        expect(proxy.requests.slice(before).map((r) => [r.clientClosed, r.answered])).toEqual(
          Array(REQUESTS[backend]).fill([true, false])
        );
      }
    }
  );
});

describe('cancellation', () => {
  const stallAll = () => Promise.all(BACKENDS.map((b) => proxies[b].setMode('stall')));
  const passAll = () => Promise.all(BACKENDS.map((b) => proxies[b].setMode('pass')));
  const inFlight = () => BACKENDS.map((b) => proxies[b].inFlight());
  const expected = BACKENDS.map((b) => REQUESTS[b]);

  it('unsubscribing (page closed) aborts every in-flight request down to the backend', async () => {
    await stallAll();
    const starts = BACKENDS.map((b) => proxies[b].requests.length);
    const emitted: DataQueryResponse[] = [];
    const sub = patientDs.query(request()).subscribe((r) => emitted.push(r));
    try {
      await waitFor(() => inFlight().join() === expected.join(), 10_000, `in-flight ${expected} (have ${inFlight()})`);
      sub.unsubscribe();
      await waitFor(() => inFlight().every((n) => n === 0), 5000, 'connections to close');
    } finally {
      sub.unsubscribe();
      await passAll();
    }
    expect(emitted).toEqual([]);
    BACKENDS.forEach((b, i) => {
      const recs = proxies[b].requests.slice(starts[i]);
      expect({
        b,
        closed: recs.filter((r) => r.clientClosed).length,
        answered: recs.filter((r) => r.answered).length,
      }).toEqual({ b, closed: REQUESTS[b], answered: 0 });
    });
  });

  it('a new time range (switchMap, as Grafana’s query runner) cancels the old requests and answers the new one', async () => {
    await stallAll();
    const starts = BACKENDS.map((b) => proxies[b].requests.length);
    const ranges = new Subject<number>();
    const results: DataQueryResponse[] = [];
    const sub = ranges.pipe(switchMap(() => patientDs.query(request()))).subscribe((r) => results.push(r));
    try {
      ranges.next(1);
      await waitFor(() => inFlight().join() === expected.join(), 10_000, 'first range in flight');
      await passAll();
      ranges.next(2);
      // health and lineage stream: each target's Done packet ends it.
      const done = () => results.filter((r) => r.state === LoadingState.Done).length;
      await waitFor(() => done() === TYPES.length, 20_000, 'second range answered');
    } finally {
      sub.unsubscribe();
      await passAll();
    }
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    BACKENDS.forEach((b, i) => {
      const recs = proxies[b].requests.slice(starts[i]);
      const first = recs.filter((r) => r.mode === 'stall');
      const second = recs.filter((r) => r.mode === 'pass');
      expect({
        b,
        first: first.length,
        closed: first.every((r) => r.clientClosed && !r.answered),
        second: second.length,
        answered: second.every((r) => r.answered),
      }).toEqual({
        b,
        first: REQUESTS[b],
        closed: true,
        second: REQUESTS[b],
        answered: true,
      });
    });
  });
});

describe('process health', () => {
  it('saw no unhandled promise rejection and counted every case', () => {
    expect(unhandled).toEqual([]);
    expect(cases).toHaveLength(FAULTS.length * BACKENDS.length * TYPES.length);
  });
});
