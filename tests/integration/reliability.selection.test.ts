/**
 * Exact selection with hostile asset names (issue 7): properties (fast-check) whose inputs are
 * random subsets of a pool of hostile asset names (tests/integration/faults/oddPipeline.ts), passed
 * as multi-value template variables. Against the REAL Prometheus (Debian binary scraping a
 * prom-client registry whose asset_name values are those names), every query the builders make
 * selects exactly the intended series — never more (no matcher injection, anchored alternations).
 * LogQL and Jaeger searches are checked the same way against the Loki and Jaeger STAND-INS
 * (demo/src/standins: Loki's LogQL subset parsed with lezer-logql and Go-compatible regexes, Jaeger's
 * query API over OTLP-ingested spans) — they are not Loki or Jaeger. Everything goes through the
 * sandbox's Grafana-style data source proxy with the sandbox's fetch BackendSrv.
 */
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
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
import { MapTemplateSrv } from '../../sandbox/shared/templateSrv';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { errorCountQuery } from '../../src/backends/loki/logql';
import { parseLokiMatrix } from '../../src/backends/loki/parseLoki';
import { parsePromVector } from '../../src/backends/prometheus/parsePrometheus';
import { healthQueries, variableQuery } from '../../src/backends/prometheus/promql';
import { logsFromFrame, metricsFromFrames, tracesFromFrame } from '../../src/frames/signalFrames';
import { INJECTIONS } from './faults/hostileStrings';
import {
  OddAsset,
  oddAssetNames,
  oddAssets,
  OddLine,
  ODD_LAYERS,
  pushOddLogs,
  sendOddTraces,
  serveOddMetrics,
} from './faults/oddPipeline';
import { recordReliability } from './faults/report';

jest.setTimeout(120_000);

const RUNS = { promRaw: 120, metrics: 60, health: 20, logs: 80, traces: 60 };
const PROM = 'cascade-prometheus';
const LOKI = 'cascade-loki';
// Grafana's "All" markers mean "every asset" by design (templating.ts); not used as real values here.
const ALL_MARKERS = new Set(['$__all', '.*', '*']);

let metrics: Awaited<ReturnType<typeof serveOddMetrics>>;
let prometheus: RunningPrometheus;
let loki: LokiStandin;
let jaeger: JaegerStandin;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
const templateSrv = new MapTemplateSrv({});
let assets: OddAsset[];
let byName: Map<string, OddAsset>;
let lines: OddLine[];
const tried: Record<string, number> = {};
const queriesChecked: Record<string, number> = {};
const bump = (o: Record<string, number>, k: string, n = 1) => (o[k] = (o[k] ?? 0) + n);

beforeAll(async () => {
  assets = oddAssets(oddAssetNames(150, 4242));
  byName = new Map(assets.map((a) => [a.name, a]));
  metrics = await serveOddMetrics(assets);
  [prometheus, loki, jaeger] = await Promise.all([
    startPrometheus({ targets: [metrics.target], rulesFiles: [], scrapeInterval: '5s' }),
    startLokiStandin(),
    startJaegerStandin(),
  ]);
  const now = Date.now();
  lines = await pushOddLogs(loki.url, assets, now);
  await sendOddTraces(jaeger.url, assets, now);
  await prometheus.waitForScrapes(1);
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: prometheus.url,
      CASCADE_LOKI_URL: loki.url,
      CASCADE_JAEGER_URL: jaeger.url,
    },
  });
  // BackendSrv and TemplateSrv exist only inside Grafana: the sandbox's implementations (fetch to the
  // sandbox proxy; Grafana's interpolation rules) stand in for them.
  ds = new CascadeDataSourceBase(
    instanceSettings({ prometheusUid: PROM, lokiUid: LOKI, jaegerUid: 'cascade-jaeger' }),
    new FetchBackendSrv({ baseUrl: server.url }),
    templateSrv
  );
}, 120_000);

afterAll(async () => {
  recordReliability('selection', {
    assetNames: assets?.length ?? 0,
    inputs: Object.entries(tried).reduce((n, [k, v]) => (k.startsWith('skipped') ? n : n + v), 0),
    byProperty: tried,
    queriesChecked: Object.values(queriesChecked).reduce((a, b) => a + b, 0),
    queriesByBackend: queriesChecked,
  });
  await server?.stop();
  await Promise.all([prometheus?.stop(), loki?.close(), jaeger?.close(), metrics?.close()]);
});

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const to = Date.now() + 1000;
  return {
    requestId: 'selection',
    interval: '15s',
    intervalMs: 15_000,
    range: { from: dateTime(to - 3600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `S${i}`, queryType: 'health', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: to,
  };
}

/** Runs one target with `$assets` bound to `values`; fails on any error. */
async function runWithAssets(
  values: string[],
  target: Partial<CascadeQuery>,
  vars: Record<string, string[]> = {}
): Promise<DataQueryResponse> {
  templateSrv.setVariables({ ...vars, assets: values });
  const responses = await lastValueFrom(ds.query(request([{ ...target, assets: ['$assets'] }])).pipe(toArray()));
  // One target; health streams (Streaming packets, then Done under the same key): the last has everything.
  expect(new Set(responses.map((r) => r.key)).size).toBe(1);
  const done = responses[responses.length - 1];
  expect(done.errors).toBeUndefined();
  return done;
}

/** One raw instant query through the proxy; the set of values of `labels` joined per series. */
async function promSelect(query: string, labels: string[] = ['asset_name']): Promise<string[]> {
  bump(queriesChecked, 'prometheus');
  const res = await lastValueFrom(
    ds.handlerContext.client.get({
      backend: 'prometheus',
      uid: PROM,
      path: '/api/v1/query',
      params: { query, time: String(Date.now() / 1000) },
    })
  );
  if (!res.ok) {
    throw new Error(`${res.error.message} for ${query.slice(0, 200)}`);
  }
  const parsed = parsePromVector(res.body);
  if (!parsed.ok) {
    throw new Error(parsed.error.message);
  }
  return parsed.value.map((s) => labels.map((l) => s.labels[l]).join('\u0001')).sort();
}

const sorted = (xs: string[]) => [...xs].sort();
/** Random non-empty subsets of the pool. */
const subset = (max = 4) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: assets.length - 1 }), { minLength: 1, maxLength: max })
    .map((idx) => idx.map((i) => assets[i].name));

/**
 * Queries go out as GET URLs; the sandbox server is Node, whose HTTP parser caps request headers at
 * 16 KB (Grafana's Go server: 1 MB). Subsets whose longest health query would not fit are skipped
 * (and counted), so a 431 from the sandbox is never mistaken for a builder bug.
 */
function fitsInUrl(chosen: string[]): boolean {
  const longest = Math.max(
    ...Object.values(healthQueries(ds.settings.mapping, chosen, 3600)).map((q) => encodeURIComponent(q).length)
  );
  if (longest > 12_000) {
    bump(tried, 'skippedTooLongForSandboxUrl');
    return false;
  }
  return true;
}

describe('real Prometheus: exact selection', () => {
  it('scraped every hostile asset name unchanged (prom-client and the exposition format carry them)', async () => {
    expect(await promSelect('group by (asset_name) (asset_row_count)')).toEqual(sorted(assets.map((a) => a.name)));
  });

  it('every health query selects exactly the chosen assets (dependencies: either end)', async () => {
    await fc.assert(
      fc.asyncProperty(subset(), async (chosen) => {
        fc.pre(fitsInUrl(chosen));
        bump(tried, 'promRaw');
        const q = healthQueries(ds.settings.mapping, chosen, 3600);
        const want = sorted(chosen);
        for (const key of ['info', 'runs', 'lastUpdate', 'passRate', 'rowCount'] as const) {
          expect({ key, got: await promSelect(q[key]) }).toEqual({ key, got: want });
        }
        const pick = new Set(chosen);
        const deps = assets
          .filter((a) => pick.has(a.name) || pick.has(a.upstream))
          .map((a) => `${a.name}\u0001${a.upstream}`);
        expect(await promSelect(q.dependencies, ['asset_name', 'upstream'])).toEqual(sorted(deps));
      }),
      { numRuns: RUNS.promRaw, seed: 11 }
    );
  });

  it('the variable query by (hostile) layer selects exactly that layer’s assets', async () => {
    for (const layer of ODD_LAYERS) {
      bump(tried, 'layers');
      const want = sorted(assets.filter((a) => a.layer === layer).map((a) => a.name));
      expect(await promSelect(variableQuery(ds.settings.mapping, 'assets', layer))).toEqual(want);
    }
  });

  it('metrics query (multi-value variable → query() → frames): one series per chosen asset, its own value', async () => {
    await fc.assert(
      fc.asyncProperty(subset(), async (chosen) => {
        fc.pre(!chosen.some((c) => ALL_MARKERS.has(c)) && fitsInUrl(chosen));
        bump(tried, 'metrics');
        bump(queriesChecked, 'prometheus');
        const res = await runWithAssets(chosen, { queryType: 'metrics', metric: 'rowCount' });
        const series = metricsFromFrames(findFrames(res.data, 'metrics'));
        expect(sorted(series.map((s) => s.asset))).toEqual(sorted(chosen));
        for (const s of series) {
          expect(s.values[s.values.length - 1]).toBe(byName.get(s.asset)!.rowCount);
        }
      }),
      { numRuns: RUNS.metrics, seed: 12 }
    );
  });
});

describe('health across real Prometheus and the stand-ins', () => {
  it('joins the chosen hostile names across all three backends', async () => {
    await fc.assert(
      fc.asyncProperty(subset(3), async (chosen) => {
        fc.pre(!chosen.some((c) => ALL_MARKERS.has(c)) && fitsInUrl(chosen));
        bump(tried, 'health');
        bump(queriesChecked, 'health', 13);
        const rows = healthFromFrame(
          findFrames((await runWithAssets(chosen, { queryType: 'health' })).data, 'health')[0]
        );
        expect(sorted(rows.map((r) => r.asset))).toEqual(sorted(chosen));
        for (const r of rows) {
          const a = byName.get(r.asset)!;
          expect({
            asset: r.asset,
            rowCount: r.rowCount,
            layer: r.layer,
            errorLogs: r.errorLogs,
            trace: r.lastTraceId,
            error: r.lastError,
          }).toEqual({
            asset: r.asset,
            rowCount: a.rowCount,
            layer: a.layer,
            errorLogs: 1,
            trace: a.traceId,
            error: `error in ${a.name}`,
          });
        }
      }),
      { numRuns: RUNS.health, seed: 13 }
    );
  });
});

describe('Loki stand-in: exact selection', () => {
  it('logs query selects exactly the chosen assets’ lines of the chosen levels containing the search text', async () => {
    const searchArb = fc.option(
      fc.oneof(
        fc.constantFrom('error in', '\\"', '"', 'in ', '.*', '|'),
        fc.integer({ min: 0, max: 400 }).map((i) => lines[i % lines.length].line.slice(i % 7, (i % 7) + 6))
      ),
      { nil: undefined }
    );
    await fc.assert(
      fc.asyncProperty(subset(), fc.subarray(['error', 'info'] as const), searchArb, async (chosen, levels, search) => {
        fc.pre(!chosen.some((c) => ALL_MARKERS.has(c)) && fitsInUrl(chosen));
        bump(tried, 'logs');
        bump(queriesChecked, 'loki');
        const level = levels.length ? '$levels' : undefined;
        const res = await runWithAssets(
          chosen,
          { queryType: 'logs', level, search, limit: 5000 },
          { levels: [...levels] }
        );
        const got = logsFromFrame(findFrames(res.data, 'logs')[0]);
        const pick = new Set(chosen);
        const want = lines.filter(
          (l) =>
            pick.has(l.asset) &&
            (!levels.length || (levels as string[]).includes(l.level)) &&
            (!search || l.line.includes(search))
        );
        expect(sorted(got.map((l) => l.body))).toEqual(sorted(want.map((l) => l.line)));
        expect(got.every((l) => l.asset !== undefined && pick.has(l.asset))).toBe(true);
      }),
      { numRuns: RUNS.logs, seed: 14 }
    );
  });

  it('the error-count metric query groups exactly the chosen assets', async () => {
    await fc.assert(
      fc.asyncProperty(subset(), async (chosen) => {
        fc.pre(fitsInUrl(chosen));
        bump(tried, 'lokiCounts');
        bump(queriesChecked, 'loki');
        const now = Date.now();
        const res = await lastValueFrom(
          ds.handlerContext.client.get({
            backend: 'loki',
            uid: LOKI,
            path: '/loki/api/v1/query_range',
            params: {
              query: errorCountQuery(ds.settings.mapping, chosen, 3600),
              start: `${now - 3600_000}000000`,
              end: `${now}000000`,
              step: '3600',
            },
          })
        );
        const parsed = res.ok ? parseLokiMatrix(res.body) : undefined;
        expect(parsed?.ok).toBe(true);
        const series = parsed!.ok ? parsed!.value : [];
        expect(sorted(series.map((s) => s.labels.asset_name))).toEqual(sorted(chosen));
      }),
      { numRuns: 40, seed: 15 }
    );
  });
});

describe('Jaeger stand-in: exact selection', () => {
  it('traces query returns exactly the chosen assets’ traces (one asset: server-side tag; several: in the browser)', async () => {
    await fc.assert(
      fc.asyncProperty(subset(), async (chosen) => {
        fc.pre(!chosen.some((c) => ALL_MARKERS.has(c)) && fitsInUrl(chosen));
        bump(tried, 'traces');
        bump(queriesChecked, 'jaeger');
        const res = await runWithAssets(chosen, { queryType: 'traces', limit: 500 });
        const rows = tracesFromFrame(findFrames(res.data, 'traces')[0]);
        expect(sorted(rows.map((r) => `${r.asset}\u0001${r.traceID}`))).toEqual(
          sorted(chosen.map((c) => `${c}\u0001${byName.get(c)!.traceId}`))
        );
      }),
      { numRuns: RUNS.traces, seed: 16 }
    );
  });
});

describe('every injection fragment at once', () => {
  it('selects exactly those assets in Prometheus, the Loki stand-in and the Jaeger stand-in', async () => {
    const chosen = INJECTIONS.filter((c) => !ALL_MARKERS.has(c));
    bump(tried, 'injectionsAtOnce');
    const want = sorted(chosen);
    const series = metricsFromFrames(
      findFrames((await runWithAssets(chosen, { queryType: 'metrics', metric: 'rowCount' })).data, 'metrics')
    );
    expect(sorted(series.map((x) => x.asset))).toEqual(want);
    const logs = logsFromFrame(
      findFrames((await runWithAssets(chosen, { queryType: 'logs', limit: 5000 })).data, 'logs')[0]
    );
    expect(sorted(Array.from(new Set(logs.map((l) => l.asset!))))).toEqual(want);
    expect(logs).toHaveLength(chosen.length * 2);
    const traces = tracesFromFrame(
      findFrames((await runWithAssets(chosen, { queryType: 'traces', limit: 500 })).data, 'traces')[0]
    );
    expect(sorted(traces.map((t) => t.asset!))).toEqual(want);
    const rows = healthFromFrame(findFrames((await runWithAssets(chosen, { queryType: 'health' })).data, 'health')[0]);
    expect(sorted(rows.map((r) => r.asset))).toEqual(want);
    expect(
      rows.every((r) => r.rowCount === byName.get(r.asset)!.rowCount && r.lastTraceId === byName.get(r.asset)!.traceId)
    ).toBe(true);
  });
});
