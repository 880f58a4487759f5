/**
 * The `annotations` query against the real Prometheus (Debian binary) holding a week of the demo
 * pipeline's backfilled history (real promtool blocks) and the live pipeline's scrapes, through the
 * sandbox's Grafana-style data source proxy (Grafana's BackendSrv and proxy do not exist outside
 * Grafana). Expected events come from the history's own record of its incident, late run and
 * failing/stale assets. Alert state changes come from Prometheus evaluating the seed's alert rules,
 * with `for:` shortened to 5 s so pending turns firing within the test (rule evaluation cannot be
 * backfilled; the rules are otherwise prometheus/rules/cascade.yml as shipped).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import {
  backfillPrometheus,
  DemoHandle,
  defaultAssets,
  History,
  RULES_FILE,
  RunningPrometheus,
  SANDBOX_SCENARIO,
  SCRAPE_JOB,
  simulateHistory,
  startDemo,
  startPrometheus,
} from '../../demo/src';
import { resolveScenario } from '../../demo/src/demo';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { annotationsFromFrame } from '../../src/frames/annotationsFrame';
import { AssetAnnotation } from '../../src/model';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';

jest.setTimeout(240_000);

const FAILING = SANDBOX_SCENARIO.failingAsset!;
const STALE = SANDBOX_SCENARIO.staleAsset!;
const HOUR = 3_600_000;

let demo: DemoHandle;
let prom: RunningPrometheus;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
let history: History;
let rulesDir: string;
const requested: string[] = [];

async function promQuery(q: string): Promise<unknown[]> {
  const body = await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`)).json();
  return body.data.result;
}

beforeAll(async () => {
  rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-annotation-rules-'));
  const rules = path.join(rulesDir, 'cascade.yml');
  const shipped = fs.readFileSync(RULES_FILE, 'utf8');
  fs.writeFileSync(rules, shipped.replace(/^(\s+)for: \S+$/gm, '$1for: 5s'));
  expect(fs.readFileSync(rules, 'utf8').match(/for: 5s/g)).toHaveLength(3);

  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  const options = { ...SANDBOX_SCENARIO, autoRun: false };
  history = simulateHistory({ assets: defaultAssets(), scenario: resolveScenario(options), endMs });
  demo = await startDemo({ ...options, history });
  prom = await startPrometheus({
    targets: [demo.metricsTarget],
    rulesFiles: [rules],
    retention: '30d',
    prepareStorage: (dataDir) =>
      backfillPrometheus(history, { job: SCRAPE_JOB, instance: demo.metricsTarget }, dataDir).then(() => undefined),
  });
  await demo.pipeline.runAll();
  await demo.pipeline.runAll();
  await prom.waitForScrapes(2);
  // Both alerts have fired by now or soon: the stale asset's freshness, the failing asset's error rate.
  const deadline = Date.now() + 60_000;
  while ((await promQuery('ALERTS{alertstate="firing"}')).length < 2 && Date.now() < deadline) {
    await demo.pipeline.runAll();
    await new Promise((r) => setTimeout(r, 1000));
  }
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: prom.url,
      CASCADE_LOKI_URL: demo.lokiUrl,
      CASCADE_JAEGER_URL: demo.jaegerUrl,
    },
  });
  const backendSrv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (o) => {
      requested.push(o.url);
      return backendSrv.fetch(o);
    },
  };
  ds = new CascadeDataSourceBase(
    instanceSettings({
      prometheusUid: 'cascade-prometheus',
      lokiUid: 'cascade-loki',
      jaegerUid: 'cascade-jaeger',
      scrapeIntervalSeconds: 1,
    }),
    counting,
    fakeTemplateSrv({ asset: [STALE, FAILING] })
  );
});

afterAll(async () => {
  await server?.stop();
  await prom?.stop();
  await demo?.stop();
  fs.rmSync(rulesDir, { recursive: true, force: true });
});

async function annotations(target: Partial<CascadeQuery>, rangeMs: number): Promise<AssetAnnotation[]> {
  const toMs = Date.now();
  const request: DataQueryRequest<CascadeQuery> = {
    requestId: 'annotations',
    interval: '1s',
    intervalMs: 1000,
    range: { from: dateTime(toMs - rangeMs), to: dateTime(toMs), raw: { from: 'now-7d', to: 'now' } },
    scopedVars: {},
    targets: [{ refId: 'Anno', queryType: 'annotations', ...target } as CascadeQuery],
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
  requested.length = 0;
  const responses: DataQueryResponse[] = await lastValueFrom(ds.query(request).pipe(toArray()));
  expect(responses).toHaveLength(1);
  expect(responses[0].errors).toBeUndefined();
  return findFrames(responses[0].data, 'annotations').flatMap(annotationsFromFrame);
}

const overlaps = (e: AssetAnnotation, w: { fromMs: number; toMs: number }) =>
  e.time <= w.toMs && (e.timeEnd ?? e.time) >= w.fromMs;

test("a week: the history's incident as failed runs of every asset, its late run as SLA breaches, today's failing and stale assets", async () => {
  const t0 = performance.now();
  const events = await annotations({ annotationKinds: ['failedRuns', 'slaBreaches'] }, 7 * 24 * HOUR);
  const count = (kind: string) => events.filter((e) => e.kind === kind).length;
  process.stdout.write(
    `annotations over 7 d, ${defaultAssets().length} assets: ${count('failedRuns')} failed-run and ` +
      `${count('slaBreaches')} SLA-breach events in ${(performance.now() - t0).toFixed(0)} ms (1 request)\n`
  );
  expect(requested).toEqual(['/api/datasources/proxy/uid/cascade-prometheus/api/v1/query_range']);
  const { incident, lateRun, failingSinceMs } = history.events;
  for (const a of defaultAssets()) {
    const failed = events.filter((e) => e.asset === a.name && e.kind === 'failedRuns' && overlaps(e, incident));
    expect({ asset: a.name, failedInIncident: failed.length }).toEqual({ asset: a.name, failedInIncident: 1 });
    expect(failed[0].text).toMatch(new RegExp(`^${a.name} failed: \\d+ failed runs?$`));
    // The scheduler stopped for 2 h 40 min: past the 2 h SLA, short of the 4 h critical one.
    const late = events.filter((e) => e.asset === a.name && e.kind === 'slaBreaches' && overlaps(e, lateRun));
    expect({ asset: a.name, breaches: late.map((e) => e.severity) }).toEqual({ asset: a.name, breaches: ['warning'] });
    expect(late[0].time).toBeGreaterThan(lateRun.fromMs);
    expect(late[0].timeEnd).toBeGreaterThanOrEqual(lateRun.toMs);
    expect(late[0].timeEnd! - lateRun.toMs).toBeLessThan(HOUR);
  }
  const failing = events.filter((e) => e.asset === FAILING && e.kind === 'failedRuns').at(-1)!;
  expect(failing).toMatchObject({ ongoing: true, severity: 'critical' });
  expect(Math.abs(failing.time - failingSinceMs)).toBeLessThan(HOUR / 2);
  const stale = events.filter((e) => e.asset === STALE && e.kind === 'slaBreaches').at(-1)!;
  expect(stale).toMatchObject({ ongoing: true, severity: 'critical', tags: [STALE, 'SLA breach', 'critical'] });
  expect(stale.text).toMatch(
    new RegExp(`^${STALE} past its 2h SLA: not updated for [45]h.*, still stale \\(critical after 4h\\)$`)
  );
  // Assets that ran all along have no breach today.
  expect(events.filter((e) => e.kind === 'slaBreaches' && e.ongoing).map((e) => e.asset)).toEqual([STALE]);
});

test('the last minutes: the alerts went pending, then firing, for the stale and the failing asset ($asset)', async () => {
  const events = await annotations({ assets: ['$asset'], annotationKinds: ['alerts'] }, 10 * 60_000);
  expect(requested).toHaveLength(1);
  const spells = (asset: string, name: string) =>
    events.filter((e) => e.asset === asset && e.tags.includes(name)).map((e) => e.title);
  expect(spells(STALE, 'DatasetFreshness')).toEqual([
    'alert DatasetFreshness pending',
    'alert DatasetFreshness firing',
  ]);
  expect(spells(FAILING, 'AssetErrorRate')).toEqual(['alert AssetErrorRate pending', 'alert AssetErrorRate firing']);
  const [pending, firing] = events.filter((e) => e.asset === STALE);
  expect(pending.timeEnd ?? pending.time).toBeLessThanOrEqual(firing.time);
  expect(firing).toMatchObject({ ongoing: true, severity: 'critical' });
  expect(firing.text).toBe(`alert DatasetFreshness firing for ${STALE}, still firing at the end of the range`);
  // Only the chosen assets.
  expect(new Set(events.map((e) => e.asset))).toEqual(new Set([STALE, FAILING]));
});
