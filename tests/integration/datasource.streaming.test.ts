/**
 * Progressive results on the real Prometheus (Debian binary) scraping the demo pipeline, with the
 * Loki/Jaeger stand-ins, through the sandbox's Grafana-style proxy: the `health` and `lineage`
 * queries send a Streaming packet before the p95/p99 queries have answered, then Done with them.
 *
 * The quantile answers are real; to make "before" independent of this machine's timing, the test
 * holds each quantile response (already received from Prometheus) until the first packet has come
 * or 20 s have passed, and checks that the first packet came while they were held. Grafana's
 * BackendSrv does not exist outside Grafana: the sandbox's fetch-based one stands in for it.
 */
import { dateTime, DataQueryRequest, DataQueryResponse, LoadingState } from '@grafana/data';
import { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { delayWhen, lastValueFrom, Observable, race, ReplaySubject, timer, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { CascadeDataSourceOptions, CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { lineageNodesFromFrame } from '../../src/frames/lineageFrame';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { type DemoHandle, RULES_FILE, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';

jest.setTimeout(120_000);

const UIDS: CascadeDataSourceOptions = {
  prometheusUid: 'cascade-prometheus',
  lokiUid: 'cascade-loki',
  jaegerUid: 'cascade-jaeger',
  recordingRules: false,
};

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;

beforeAll(async () => {
  demo = await startDemo({ seed: 7, autoRun: false, failureRate: 0.2, failingAsset: 'publish_to_postgres' });
  prometheus = await startPrometheus({ targets: [demo.metricsTarget], rulesFiles: [RULES_FILE], scrapeInterval: '1s' });
  await prometheus.waitForScrapes(1);
  for (let i = 0; i < 3; i++) {
    await demo.pipeline.runAll();
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
});

afterAll(async () => {
  await server?.stop();
  await prometheus?.stop();
  await demo?.stop();
});

const isQuantile = (o: BackendSrvRequest) =>
  o.url.includes('cascade-prometheus') && String(o.params?.query ?? '').startsWith('histogram_quantile');

/** The data source over the sandbox proxy; quantile answers wait for `firstPacket` (or 20 s) when `hold`. */
function dataSource(hold: boolean) {
  const srv = new FetchBackendSrv({ baseUrl: server.url });
  // Replayed: a quantile answer that comes after the first packet is not held at all.
  const firstPacket = new ReplaySubject<void>(1);
  const log: Array<{ quantile: boolean; at: number }> = [];
  const t0 = performance.now();
  const fetchLike: FetchLike = {
    fetch: <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> => {
      const answer = srv.fetch<T>(options);
      const held =
        hold && isQuantile(options) ? answer.pipe(delayWhen(() => race(firstPacket, timer(20_000)))) : answer;
      return new Observable((subscriber) =>
        held.subscribe({
          next: (r) => {
            log.push({ quantile: isQuantile(options), at: performance.now() - t0 });
            subscriber.next(r);
          },
          error: (e) => subscriber.error(e),
          complete: () => subscriber.complete(),
        })
      );
    },
  };
  const ds = new CascadeDataSourceBase(instanceSettings(UIDS), fetchLike, fakeTemplateSrv({}));
  return { ds, firstPacket, log, t0 };
}

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const toMs = Date.now();
  return {
    requestId: 'stream',
    interval: '1s',
    intervalMs: 1000,
    range: { from: dateTime(toMs - 3600_000), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: toMs,
  };
}

/** Every packet, with when it came (ms since the data source was made). */
async function packets(d: ReturnType<typeof dataSource>, targets: Array<Partial<CascadeQuery>>) {
  const out = d.ds.query(request(targets));
  const timed: Array<DataQueryResponse & { at: number }> = [];
  await lastValueFrom(
    new Observable<void>((subscriber) =>
      out.subscribe({
        next: (p) => {
          timed.push({ ...p, at: performance.now() - d.t0 });
          d.firstPacket.next();
        },
        error: (e) => subscriber.error(e),
        complete: () => subscriber.complete(),
      })
    ).pipe(toArray())
  );
  return timed;
}

it('health: the first packet (statuses, no p95/p99) comes before the quantile answers; Done has the real quantiles', async () => {
  const d = dataSource(true);
  const all = await packets(d, [{ queryType: 'health' }]);
  const quantiles = d.log.filter((l) => l.quantile);
  expect(quantiles).toHaveLength(2);
  expect(all.map((p) => [p.key, p.state])).toEqual([
    ['A:health', LoadingState.Streaming],
    ['A:health', LoadingState.Done],
  ]);
  const firstQuantile = Math.min(...quantiles.map((q) => q.at));
  console.log(
    `health streamed: first packet ${all[0].at.toFixed(0)} ms, quantile answers ${quantiles.map((q) => q.at.toFixed(0)).join(' / ')} ms, Done ${all[1].at.toFixed(0)} ms`
  );
  expect(all[0].at).toBeLessThanOrEqual(firstQuantile);
  // Held 20 s would mean the first packet waited for them: it must have come well before.
  expect(firstQuantile).toBeLessThan(15_000);

  const first = healthFromFrame(findFrames(all[0].data, 'health')[0]);
  const done = healthFromFrame(findFrames(all[1].data, 'health')[0]);
  expect(first.every((r) => r.p95Duration === undefined && r.p99Duration === undefined)).toBe(true);
  const ran = done.filter((r) => (r.runs ?? 0) > 0);
  expect(ran.length).toBeGreaterThan(done.length / 2);
  expect(ran.every((r) => r.p95Duration! > 0 && r.p99Duration! >= r.p95Duration!)).toBe(true);
  // The first packet's statuses are the final ones: only the late figures were missing.
  expect(first.map((r) => [r.asset, r.status, r.reasons, r.runs, r.failures, r.lastTraceId])).toEqual(
    done.map((r) => [r.asset, r.status, r.reasons, r.runs, r.failures, r.lastTraceId])
  );
  expect(done.find((r) => r.asset === 'publish_to_postgres')?.failures).toBeGreaterThan(0);
  expect(all.every((p) => !p.errors?.length)).toBe(true);
});

it('lineage and health together (the Lineage page): the DAG streams before the quantiles, and the last packets equal an unheld run', async () => {
  const targets: Array<Partial<CascadeQuery>> = [{ queryType: 'lineage' }, { queryType: 'health' }];
  const held = dataSource(true);
  const all = await packets(held, targets);
  const quantileAt = Math.min(...held.log.filter((l) => l.quantile).map((q) => q.at));
  const lineage = all.filter((p) => p.key === 'A:lineage');
  expect(lineage[0].state).toBe(LoadingState.Streaming);
  expect(lineage[0].at).toBeLessThanOrEqual(quantileAt);
  expect(lineage[lineage.length - 1].state).toBe(LoadingState.Done);
  const nodes = (p: DataQueryResponse) => lineageNodesFromFrame(findFrames(p.data, 'lineage-nodes')[0]);
  expect(nodes(lineage[0]).length).toBeGreaterThan(2);

  const plain = await packets(dataSource(false), targets);
  const last = (ps: DataQueryResponse[], key: string) => ps.filter((p) => p.key === key).pop()!;
  expect(nodes(last(all, 'A:lineage')).map((n) => [n.id, n.status, n.x, n.y])).toEqual(
    nodes(last(plain, 'A:lineage')).map((n) => [n.id, n.status, n.x, n.y])
  );
  const rows = (p: DataQueryResponse) =>
    healthFromFrame(findFrames(p.data, 'health')[0]).map((r) => [r.asset, r.status, r.runs, r.p95Duration]);
  expect(rows(last(all, 'B:health'))).toEqual(rows(last(plain, 'B:health')));
});
