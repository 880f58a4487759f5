/**
 * The `health` query with and without Cascade's recording rules, on the real Prometheus (Debian
 * binary) scraping the demo pipeline, through the sandbox's Grafana-style proxy: one data source
 * reads the recorded series (detected with one probe), the other (`recordingRules: false`) the raw
 * ones, over the same data and the same range. Every health row must be identical.
 *
 * Windows: a rule's value is the raw expression evaluated at the rule's evaluation time T, so both
 * paths are asked for the range ending exactly at T (read back with `timestamp()`). The counters stop
 * changing before T (the pipeline does not run on its own), so a scrape stamped before T but stored
 * after the evaluation cannot make them differ either.
 */
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { CascadeDataSourceOptions, CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import {
  type DemoHandle,
  RECORDING_RULES_FILE,
  RULES_FILE,
  type RunningPrometheus,
  startDemo,
  startPrometheus,
} from '../../demo/src';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { DIAGNOSIS_SIGNAL_LABEL } from '../../src/backends/prometheus/diagnosisQueries';

jest.setTimeout(120_000);

const UIDS: CascadeDataSourceOptions = {
  prometheusUid: 'cascade-prometheus',
  lokiUid: 'cascade-loki',
  jaegerUid: 'cascade-jaeger',
};

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;

beforeAll(async () => {
  demo = await startDemo({
    seed: 11,
    autoRun: false,
    failureRate: 0.2,
    failingAsset: 'publish_to_postgres',
    slowAsset: 'fct_glucose_readings',
  });
  prometheus = await startPrometheus({
    targets: [demo.metricsTarget],
    rulesFiles: [RULES_FILE, RECORDING_RULES_FILE],
    scrapeInterval: '1s',
  });
  await prometheus.waitForScrapes(1);
  for (let i = 0; i < 4; i++) {
    await demo.pipeline.runAll();
  }
  // The last run's counters scraped twice, then at least one rule evaluation after that.
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
});

afterAll(async () => {
  await server?.stop();
  await prometheus?.stop();
  await demo?.stop();
});

/** A data source over the sandbox proxy that records the PromQL it sends. Grafana's BackendSrv does not exist outside Grafana. */
function dataSource(jsonData: CascadeDataSourceOptions) {
  const queries: string[] = [];
  const srv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (options) => {
      const q = (options.params as Record<string, string> | undefined)?.query;
      if (options.url.includes('cascade-prometheus') && q) {
        queries.push(q);
      }
      return srv.fetch(options);
    },
  };
  return { ds: new CascadeDataSourceBase(instanceSettings(jsonData), counting, fakeTemplateSrv({})), queries };
}

function request(windowMs: number, toMs: number): DataQueryRequest<CascadeQuery> {
  return {
    requestId: 'rr',
    interval: '1s',
    intervalMs: 1000,
    range: { from: dateTime(toMs - windowMs), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: [{ refId: 'A', queryType: 'health' } as CascadeQuery],
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

async function healthRows(ds: CascadeDataSourceBase, windowMs: number, toMs: number) {
  const responses: DataQueryResponse[] = await lastValueFrom(ds.query(request(windowMs, toMs)).pipe(toArray()));
  const last = responses[responses.length - 1];
  expect(last.errors).toBeUndefined();
  return healthFromFrame(findFrames(last.data, 'health')[0]);
}

/** Evaluation time (ms) of the newest sample of a recorded series: when its rule group last ran. */
async function evaluatedAt(name: string): Promise<number> {
  const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(`max(timestamp(${name}))`)}`;
  const body = (await (await fetch(url)).json()) as { data: { result: Array<{ value: [number, string] }> } };
  expect(body.data.result).toHaveLength(1);
  return Math.round(Number(body.data.result[0].value[1]) * 1000);
}

describe.each([
  ['1h', 3600_000],
  ['6h', 6 * 3600_000],
  ['24h', 24 * 3600_000],
])('the %s window', (window, windowMs) => {
  it('gives identical health rows from the recorded series and from the raw series', async () => {
    const toMs = await evaluatedAt(`asset_name:asset_executions_total:increase${window}`);
    const withRules = dataSource(UIDS);
    const raw = dataSource({ ...UIDS, recordingRules: false });
    const [recorded, computed] = [
      await healthRows(withRules.ds, windowMs, toMs),
      await healthRows(raw.ds, windowMs, toMs),
    ];

    // Each path did what it says: one probe, then the recorded series; the raw path neither.
    expect(withRules.queries.filter((q) => q.startsWith('count by (__name__)'))).toHaveLength(1);
    expect(withRules.queries.filter((q) => q.includes(`:increase${window}`)).length).toBeGreaterThanOrEqual(5);
    expect(healthOnly(withRules.queries).some((q) => q.includes(' offset '))).toBe(false);
    expect(raw.queries.some((q) => q.includes(':increase'))).toBe(false);

    // Not vacuous: every asset ran, the failing one failed, durations and quantiles are there.
    const ran = computed.filter((r) => (r.runs ?? 0) > 0);
    expect(ran.length).toBeGreaterThan(computed.length / 2);
    expect(computed.find((r) => r.asset === 'publish_to_postgres')?.failures).toBeGreaterThan(0);
    expect(ran.every((r) => r.avgDuration! > 0 && r.p95Duration! > 0 && r.p99Duration! >= r.p95Duration!)).toBe(true);

    expect(recorded).toEqual(computed);
  });
});

/** The health queries proper: the volume signals (labelled by DIAGNOSIS_SIGNAL_LABEL) are never recorded (a day and a week back). */
function healthOnly(queries: string[]): string[] {
  return queries.filter((q) => !q.includes(DIAGNOSIS_SIGNAL_LABEL));
}

it('reads the raw series for a range that is not a recorded window, or that ended before the rules were seen', async () => {
  const { ds, queries } = dataSource(UIDS);
  const toMs = await evaluatedAt('asset_name:asset_executions_total:increase1h');
  await healthRows(ds, 2 * 3600_000, toMs);
  await healthRows(ds, 3600_000, toMs - 3 * 3600_000);
  const probes = queries.filter((q) => q.startsWith('count by (__name__)'));
  expect(probes).toHaveLength(1);
  expect(queries.filter((q) => !probes.includes(q)).some((q) => q.includes(':increase'))).toBe(false);
  expect(healthOnly(queries).filter((q) => q.includes(' offset ')).length).toBe(2 * 5);
});

it('computes only the duration quantiles a page asks for', async () => {
  const { ds, queries } = dataSource({ ...UIDS, recordingRules: false });
  const toMs = Date.now();
  const res = await lastValueFrom(
    ds
      .query({ ...request(3600_000, toMs), targets: [{ refId: 'A', queryType: 'health', quantiles: ['p95'] }] })
      .pipe(toArray())
  );
  const rows = healthFromFrame(findFrames(res[res.length - 1].data, 'health')[0]);
  expect(queries.filter((q) => q.startsWith('histogram_quantile(0.95'))).toHaveLength(1);
  expect(queries.some((q) => q.startsWith('histogram_quantile(0.99'))).toBe(false);
  expect(rows.some((r) => r.p95Duration! > 0)).toBe(true);
  expect(rows.every((r) => r.p99Duration === undefined)).toBe(true);
});
