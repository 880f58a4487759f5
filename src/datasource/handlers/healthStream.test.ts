import { firstValueFrom, NEVER, Observable, of, Subject, toArray } from 'rxjs';
import fc from 'fast-check';
import { HealthSignals, joinAssets } from '../../join/assetJoin';
import { pendingRows } from '../../join/healthStages';
import { resolveRules } from '../../model';
import { HealthSnapshot, Part, stagedHealth, StagedPart } from './healthStream';

const NOW = 1_700_000_000_000;
const rules = resolveRules(undefined);
const join = (s: HealthSignals) => joinAssets(s, rules, NOW);
const part = (signals: HealthSignals, errors: Part['errors'] = []): Part => ({ signals, errors, notices: [] });

const TOPOLOGY: HealthSignals = {
  info: new Map([
    ['raw', { layer: 'bronze', owner: 'ingest' }],
    ['fct', { layer: 'gold', owner: 'bi' }],
  ]),
  dependencies: [['fct', 'raw']],
};
const STATUS: HealthSignals = {
  runs: new Map([
    ['raw', 10],
    ['fct', 4],
  ]),
  failures: new Map([['fct', 4]]),
  lastUpdate: new Map([
    ['raw', NOW - 60_000],
    ['fct', NOW - 5 * 3600_000],
  ]),
};
const TRACES: HealthSignals = {
  lastTraces: new Map([['raw', { traceId: 't1', start: NOW - 1000, duration: 5, error: false }]]),
};
const LATE: HealthSignals = {
  avgDuration: new Map([
    ['raw', 1.5],
    ['fct', 3],
  ]),
  p95Duration: new Map([
    ['raw', 2],
    ['fct', 9],
  ]),
};
const ALL = { ...TOPOLOGY, ...STATUS, ...TRACES, ...LATE };

/** Parts answered by hand, so a test decides what has arrived when. */
function controlled() {
  const s = {
    topology: new Subject<Part>(),
    status: new Subject<Part>(),
    traces: new Subject<Part>(),
    late: new Subject<Part>(),
  };
  const parts: StagedPart[] = [
    { stage: 'topology', part: s.topology },
    { stage: 'status', part: s.status },
    { stage: 'status', part: s.traces },
    { stage: 'complete', part: s.late },
  ];
  const answer = (key: keyof typeof s, p: Part) => {
    s[key].next(p);
    s[key].complete();
  };
  return { parts, answer };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function collect(obs: Observable<HealthSnapshot>) {
  const seen: HealthSnapshot[] = [];
  let done = false;
  obs.subscribe({ next: (x) => seen.push(x), complete: () => (done = true) });
  return { seen, done: () => done };
}

describe('stagedHealth', () => {
  it('a slow quantile request: first the status rows without quantiles, then the complete rows (no second join)', async () => {
    const { parts, answer } = controlled();
    const joins = jest.fn(join);
    const out = collect(stagedHealth(parts, { first: 'status', join: joins, topology: (s) => pendingRows(join(s)) }));
    answer('topology', part(TOPOLOGY));
    await tick();
    expect(out.seen).toHaveLength(0); // health starts at `status`
    answer('status', part(STATUS));
    answer('traces', part(TRACES));
    await tick();
    expect(out.seen.map((s) => s.stage)).toEqual(['status']);
    const first = out.seen[0].rows;
    expect(first.map((r) => [r.asset, r.status, r.p95Duration, r.avgDuration])).toEqual([
      ['fct', 'failing', undefined, undefined],
      ['raw', 'ok', undefined, undefined],
    ]);
    expect(out.done()).toBe(false);

    answer('late', part(LATE));
    await tick();
    expect(out.seen.map((s) => s.stage)).toEqual(['status', 'complete']);
    expect(out.done()).toBe(true);
    expect(out.seen[1].lateOnly).toBe(true);
    expect(out.seen[1].rows).toEqual(join(ALL));
    expect(joins).toHaveBeenCalledTimes(1);
  });

  it('lineage starts at the topology: assets and edges with no verdict, then statuses, then complete', async () => {
    const { parts, answer } = controlled();
    const out = collect(stagedHealth(parts, { first: 'topology', join, topology: (s) => pendingRows(join(s)) }));
    answer('topology', part(TOPOLOGY));
    await tick();
    expect(out.seen).toHaveLength(1);
    expect(out.seen[0].stage).toBe('topology');
    expect(out.seen[0].rows.map((r) => [r.asset, r.layer, r.status, r.reasons, r.upstream])).toEqual([
      ['fct', 'gold', 'unknown', [], ['raw']],
      ['raw', 'bronze', 'unknown', [], []],
    ]);
    answer('traces', part(TRACES));
    answer('late', part(LATE));
    await tick();
    expect(out.seen).toHaveLength(1); // the status inputs are not all in: no status shown early
    answer('status', part(STATUS));
    await tick();
    // The late figures were already there: the status stage is skipped, complete comes at once.
    expect(out.seen.map((s) => s.stage)).toEqual(['topology', 'complete']);
    expect(out.seen[1].rows).toEqual(join(ALL));
  });

  it('answers of the same tick make one packet: synchronous backends give one complete snapshot', async () => {
    const parts: StagedPart[] = [
      { stage: 'topology', part: of(part(TOPOLOGY)) },
      { stage: 'status', part: of(part({ ...STATUS, ...TRACES })) },
      { stage: 'complete', part: of(part(LATE)) },
    ];
    const all = await firstValueFrom(
      stagedHealth(parts, { first: 'topology', join, topology: (s) => pendingRows(join(s)) }).pipe(toArray())
    );
    expect(all.map((s) => s.stage)).toEqual(['complete']);
    expect(all[0].rows).toEqual(join(ALL));
  });

  it('a failing backend: its error is in every packet from then on, the other backends still fill their columns', async () => {
    const { parts, answer } = controlled();
    const out = collect(stagedHealth(parts, { first: 'status', join, topology: (s) => pendingRows(join(s)) }));
    const error = { message: 'Jaeger: 502 Bad Gateway', backend: 'jaeger' as const };
    answer('topology', part(TOPOLOGY));
    answer('status', part(STATUS));
    answer('traces', { ...part({}, [error]), down: 'jaeger' });
    await tick();
    answer('late', part(LATE));
    await tick();
    expect(out.seen.map((s) => [s.stage, s.errors])).toEqual([
      ['status', [error]],
      ['complete', [error]],
    ]);
    expect(out.done()).toBe(true);
    expect(out.seen[1].rows.find((r) => r.asset === 'raw')).toMatchObject({ runs: 10, p95Duration: 2 });
    expect(out.seen[1].rows.find((r) => r.asset === 'raw')?.lastTraceId).toBeUndefined();
  });

  it('a late signal naming an asset the status rows lack: joined again, equal to the one-shot join', async () => {
    const { parts, answer } = controlled();
    const out = collect(stagedHealth(parts, { first: 'status', join, topology: (s) => pendingRows(join(s)) }));
    answer('topology', part(TOPOLOGY));
    answer('status', part(STATUS));
    answer('traces', part(TRACES));
    await tick();
    const late = { ...LATE, rowCount: new Map([['orphan', 7]]) };
    answer('late', part(late));
    await tick();
    expect(out.seen[1].lateOnly).toBe(false);
    expect(out.seen[1].rows).toEqual(join({ ...TOPOLOGY, ...STATUS, ...TRACES, ...late }));
    expect(out.seen[1].rows.map((r) => r.asset)).toContain('orphan');
  });

  it('unsubscribing cancels the parts still running', () => {
    let cancelled = 0;
    const pendingPart = new Observable<Part>(() => () => cancelled++);
    const sub = stagedHealth(
      [
        { stage: 'topology', part: pendingPart },
        { stage: 'complete', part: NEVER },
      ],
      { first: 'status', join, topology: (s) => pendingRows(join(s)) }
    ).subscribe();
    sub.unsubscribe();
    expect(cancelled).toBe(1);
  });

  it('whatever order and grouping the answers arrive in, stages only move forward and the last equals the one-shot join', async () => {
    const pieces: Array<[StagedPart['stage'], HealthSignals]> = [
      ['topology', TOPOLOGY],
      ['status', STATUS],
      ['status', TRACES],
      ['complete', LATE],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
        fc.constantFrom<'topology' | 'status' | 'complete'>('topology', 'status', 'complete'),
        async (ticks, first) => {
          // ticks[i]: in which tick piece i answers.
          const subjects = pieces.map(() => new Subject<Part>());
          const parts = pieces.map(([stage], i) => ({ stage, part: subjects[i] }));
          const out = collect(stagedHealth(parts, { first, join, topology: (s) => pendingRows(join(s)) }));
          for (let t = 0; t <= 3; t++) {
            pieces.forEach(([, signals], i) => {
              if (ticks[i] === t) {
                subjects[i].next(part(signals));
                subjects[i].complete();
              }
            });
            await tick();
          }
          const order = out.seen.map((s) => ['topology', 'status', 'complete'].indexOf(s.stage));
          expect(order).toEqual([...order].sort());
          expect(new Set(order).size).toBe(order.length);
          expect(out.seen[out.seen.length - 1].stage).toBe('complete');
          expect(out.seen[out.seen.length - 1].rows).toEqual(join(ALL));
          expect(out.seen.every((s) => s.stage !== 'topology' || first === 'topology')).toBe(true);
        }
      ),
      { numRuns: 60 }
    );
  });
});
