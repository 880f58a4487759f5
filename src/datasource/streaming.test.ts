import { DataQueryResponse, LoadingState } from '@grafana/data';
import { BackendSrvRequest } from '@grafana/runtime';
import { Observable, Subject, switchMap, take } from 'rxjs';
import { FetchLike } from '../backends/client';
import { healthQueries } from '../backends/prometheus/promql';
import { findFrames } from '../frames/frameKit';
import { healthFromFrame } from '../frames/healthFrame';
import { lineageNodesFromFrame } from '../frames/lineageFrame';
import { resolveMapping } from '../model';
import {
  Answer,
  emptyBackends,
  fakeBackendSrv,
  fakeTemplateSrv,
  instanceSettings,
  makeRequest,
  promVector,
} from '../testing/fakes';
import { CascadeDataSourceBase } from './base';
import { CascadeQuery } from './types';

// Grafana's BackendSrv exists only inside Grafana: a fake answers, and holds chosen requests until
// the test releases them (a slow backend). The real Prometheus is in tests/integration/.
const NOW = 1_700_000_000_000;
const m = resolveMapping(undefined);
const q = healthQueries(m, [], 3600);

const PIPELINE: Record<string, unknown> = {
  [q.info]: promVector([
    [{ asset_name: 'raw', layer: 'bronze', owner: 'ingest' }, 1],
    [{ asset_name: 'fct', layer: 'gold', owner: 'bi' }, 1],
  ]),
  [q.dependencies]: promVector([[{ asset_name: 'fct', upstream: 'raw' }, 1]]),
  [q.runs]: promVector([
    [{ asset_name: 'raw' }, 12],
    [{ asset_name: 'fct' }, 4],
  ]),
  [q.failures]: promVector([[{ asset_name: 'fct' }, 1]]),
  [q.lastUpdate]: promVector([
    [{ asset_name: 'raw' }, NOW / 1000 - 60],
    [{ asset_name: 'fct' }, NOW / 1000 - 5 * 3600],
  ]),
  [q.p95Duration]: promVector([
    [{ asset_name: 'raw' }, 2.5],
    [{ asset_name: 'fct' }, 40],
  ]),
  [q.p99Duration]: promVector([
    [{ asset_name: 'raw' }, 3],
    [{ asset_name: 'fct' }, 55],
  ]),
};

const isProm = (req: BackendSrvRequest) => req.url.includes('/uid/prom/') && req.url.endsWith('/api/v1/query');
const pipeline =
  (loki?: Answer) =>
  (req: BackendSrvRequest): Answer => {
    if (isProm(req)) {
      return { body: PIPELINE[req.params?.query] ?? promVector([]) };
    }
    if (loki && req.url.includes('/uid/loki/')) {
      return loki;
    }
    return emptyBackends(req);
  };

/** A data source whose requests matching `hold` wait for release(); the others answer at once. */
function slowDataSource(route: (req: BackendSrvRequest) => Answer, hold: (req: BackendSrvRequest) => boolean) {
  const gate = new Subject<void>();
  const backend = fakeBackendSrv(route);
  const held: BackendSrvRequest[] = [];
  const srv: FetchLike = {
    fetch: <T>(req: BackendSrvRequest) => {
      if (!hold(req)) {
        return backend.srv.fetch<T>(req);
      }
      held.push(req);
      return gate.pipe(
        take(1),
        switchMap(() => backend.srv.fetch<T>(req))
      );
    },
  };
  const ds = new CascadeDataSourceBase(instanceSettings(), srv, fakeTemplateSrv({}));
  return { ds, held, release: () => gate.next() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function subscribe(out: Observable<DataQueryResponse>) {
  const packets: DataQueryResponse[] = [];
  let complete = false;
  out.subscribe({ next: (p) => packets.push(p), complete: () => (complete = true) });
  return { packets, complete: () => complete };
}

const run = (ds: CascadeDataSourceBase, targets: Array<Partial<CascadeQuery>>) =>
  subscribe(ds.query(makeRequest(targets, NOW)));

describe('streamed health and lineage (progressive results)', () => {
  it('a slow quantile request: a Streaming packet with statuses and no p95/p99, then Done with them, under one key', async () => {
    const quantile = (req: BackendSrvRequest) => isProm(req) && /histogram_quantile/.test(req.params?.query ?? '');
    const { ds, held, release } = slowDataSource(pipeline(), quantile);
    const out = run(ds, [{ queryType: 'health' }]);
    await tick();
    expect(held).toHaveLength(2);
    expect(out.packets).toHaveLength(1);
    const [first] = out.packets;
    expect(first).toMatchObject({ key: 'A:health', state: LoadingState.Streaming });
    const frame = findFrames(first.data, 'health')[0];
    expect(frame.meta?.custom).toMatchObject({ partial: true, stage: 'status' });
    expect(frame.meta?.custom?.pending).toEqual(expect.arrayContaining(['p95Duration', 'p99Duration']));
    const partial = healthFromFrame(frame);
    expect(partial.map((r) => [r.asset, r.status, r.runs, r.p95Duration, r.p99Duration])).toEqual([
      ['fct', 'stale', 4, undefined, undefined],
      ['raw', 'ok', 12, undefined, undefined],
    ]);
    expect(out.complete()).toBe(false);

    release();
    await tick();
    expect(out.complete()).toBe(true);
    expect(out.packets.map((p) => [p.key, p.state])).toEqual([
      ['A:health', LoadingState.Streaming],
      ['A:health', LoadingState.Done],
    ]);
    const done = findFrames(out.packets[1].data, 'health')[0];
    expect(done.meta?.custom?.partial).toBeUndefined();
    const rows = healthFromFrame(done);
    expect(rows.map((r) => [r.asset, r.p95Duration, r.p99Duration])).toEqual([
      ['fct', 40, 55],
      ['raw', 2.5, 3],
    ]);
    // Statuses do not change between packets: only the late figures arrive.
    expect(rows.map((r) => [r.status, r.reasons])).toEqual(partial.map((r) => [r.status, r.reasons]));
  });

  it('a failing Loki: its error is in the Streaming packet and in Done, next to the other backends’ data', async () => {
    const late = (req: BackendSrvRequest) => isProm(req) && /histogram_quantile/.test(req.params?.query ?? '');
    const { ds, release } = slowDataSource(pipeline({ status: 502, body: { message: 'bad gateway' } }), late);
    const out = run(ds, [{ queryType: 'health' }]);
    await tick();
    release();
    await tick();
    expect(out.packets.map((p) => p.state)).toEqual([LoadingState.Streaming, LoadingState.Done]);
    for (const p of out.packets) {
      expect(p.errors?.map((e) => (e as { backend?: string }).backend)).toEqual(['loki']);
      const rows = healthFromFrame(findFrames(p.data, 'health')[0]);
      expect(rows.map((r) => [r.asset, r.runs, r.errorLogs])).toEqual([
        ['fct', 4, undefined],
        ['raw', 12, undefined],
      ]);
    }
    expect(out.complete()).toBe(true);
  });

  it('lineage: the DAG first (no statuses, laid out), then Done with statuses on the same layout', async () => {
    // Everything but the topology waits: the first packet can only be the DAG.
    const status = (req: BackendSrvRequest) =>
      !(isProm(req) && [q.info, q.dependencies].includes(req.params?.query)) &&
      !/count by \(__name__\)/.test(req.params?.query ?? '');
    const { ds, release } = slowDataSource(pipeline(), status);
    const out = run(ds, [{ queryType: 'lineage', quantiles: [] }]);
    await tick();
    expect(out.packets).toHaveLength(1);
    const topology = out.packets[0];
    expect(topology).toMatchObject({ key: 'A:lineage', state: LoadingState.Streaming });
    const nodesFrame = findFrames(topology.data, 'lineage-nodes')[0];
    expect(nodesFrame.meta?.custom).toMatchObject({ partial: true, stage: 'topology' });
    expect(nodesFrame.meta?.custom?.pending).toContain('status');
    const first = lineageNodesFromFrame(nodesFrame);
    expect(first.map((n) => [n.id, n.status, n.reasons])).toEqual([
      ['fct', 'unknown', []],
      ['raw', 'unknown', []],
    ]);
    expect(findFrames(topology.data, 'lineage-edges')[0].length).toBe(1);

    release();
    await tick();
    expect(out.complete()).toBe(true);
    const last = out.packets[out.packets.length - 1];
    expect(last).toMatchObject({ key: 'A:lineage', state: LoadingState.Done });
    const done = lineageNodesFromFrame(findFrames(last.data, 'lineage-nodes')[0]);
    expect(done.map((n) => [n.id, n.status])).toEqual([
      ['fct', 'stale'],
      ['raw', 'ok'],
    ]);
    // Same layout in every packet: nothing moves when the colours arrive.
    expect(done.map((n) => [n.x, n.y])).toEqual(first.map((n) => [n.x, n.y]));
  });

  it('answers that all come at once make one Done packet per target (as before streaming)', async () => {
    const { ds } = slowDataSource(pipeline(), () => false);
    const out = run(ds, [{ queryType: 'health' }, { queryType: 'lineage' }]);
    await tick();
    expect(out.packets.map((p) => [p.key, p.state])).toEqual([
      ['A:health', LoadingState.Done],
      ['B:lineage', LoadingState.Done],
    ]);
  });
});
