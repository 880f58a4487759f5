/**
 * The `incidents` query (issue 12) against real backends: the Debian Prometheus scraping the demo
 * pipeline with the chain-failure knob (fct_glucose_readings fails, its downstream wait and start
 * past their 2 h SLA), the demo's Loki/Jaeger stand-ins, all through the sandbox's Grafana-style
 * data source proxy (Grafana's BackendSrv and proxy do not exist outside Grafana). Expected values
 * come from the demo's scenario and the simulator's own state.
 */
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { forecastFromFrame, incidentsFromFrame } from '../../src/frames/incidentsFrame';
import { defaultAssets } from '../../demo/src/assets';
import { DEFAULT_CHAIN_SINCE_SECONDS } from '../../demo/src/incidentScenarios';
import { type DemoHandle, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';

jest.setTimeout(120_000);

const ROOT = 'fct_glucose_readings';
const DOWNSTREAM = ['mrt_glucose_readings', 'publish_to_postgres'];
const ROUNDS = 3;

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
let startMs: number;
const requested: string[] = [];

beforeAll(async () => {
  startMs = Date.now();
  demo = await startDemo({ seed: 7, autoRun: false, failureRate: 0, chainFailure: { asset: ROOT } });
  prometheus = await startPrometheus({ targets: [demo.metricsTarget] });
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
  const backendSrv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (options) => {
      requested.push(options.url);
      return backendSrv.fetch(options);
    },
  };
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

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const toMs = Date.now();
  return {
    requestId: 'incidents',
    interval: '1s',
    intervalMs: 1000,
    range: { from: dateTime(toMs - 3600_000), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `R${i}`, queryType: 'incidents', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

async function run(targets: Array<Partial<CascadeQuery>>): Promise<DataQueryResponse> {
  requested.length = 0;
  const responses = await lastValueFrom(ds.query(request(targets)).pipe(toArray()));
  // health and lineage stream (a Streaming packet, then Done); the last response has everything.
  const done = responses[responses.length - 1];
  expect(done.errors).toBeUndefined();
  return done;
}

test('one incident: the failing upstream, its stale downstream impacted, owners, first SLA breach, since', async () => {
  const owners = new Map(defaultAssets().map((a) => [a.name, a.owner]));
  const res = await run([{}]);
  const incidents = findFrames(res.data, 'incidents').flatMap(incidentsFromFrame);
  expect(incidents).toHaveLength(1);
  const [inc] = incidents;
  expect(inc).toMatchObject({ root: ROOT, status: 'failing', impacted: DOWNSTREAM, blastRadius: DOWNSTREAM });
  expect(inc.owners).toEqual([...new Set([ROOT, ...DOWNSTREAM].map((a) => owners.get(a)!))].sort());
  // Downstream stopped updating DEFAULT_CHAIN_SINCE_SECONDS before start: they passed the 2 h SLA 1 h before start.
  const breach = startMs - (DEFAULT_CHAIN_SINCE_SECONDS - 7200) * 1000;
  expect(Math.abs(inc.firstSlaBreachAt! - breach)).toBeLessThan(5000);
  // Since = the first step of the range whose failure counter rose: after start, before now.
  expect(inc.since).toBeGreaterThanOrEqual(startMs - 1000);
  expect(inc.since).toBeLessThanOrEqual(Date.now());
  expect(inc.reasons.join(' ')).toMatch(/fail/);

  const forecast = findFrames(res.data, 'forecast').flatMap(forecastFromFrame);
  for (const d of DOWNSTREAM) {
    expect(forecast.find((f) => f.asset === d)).toMatchObject({ state: 'blocked', summary: `blocked by ${ROOT}` });
  }
  const upstream = forecast.find((f) => f.asset === 'stg_glucose_entries')!;
  expect(upstream.state).toBe('on-time');
  expect(upstream.cadenceSeconds).toBeGreaterThan(0);
});

test('health frame: rootCauses and isRootCause; incidents cost what health costs, whatever the assets', async () => {
  const health = await run([{ queryType: 'health' }]);
  const healthRequests = requested.length;
  const rows = findFrames(health.data, 'health').flatMap(healthFromFrame);
  expect(rows.find((r) => r.asset === ROOT)).toMatchObject({ isRootCause: true, rootCauses: [] });
  for (const d of DOWNSTREAM) {
    expect(rows.find((r) => r.asset === d)).toMatchObject({ isRootCause: false, rootCauses: [ROOT] });
  }
  // health already sends the diagnosis' 3 volume requests; incidents reuse them for everything else.
  await run([{}]);
  expect(requested.length).toBe(healthRequests);
  await run([{ assets: [ROOT, ...DOWNSTREAM] }]);
  expect(requested.length).toBe(healthRequests);
});
