import { byLabel, HealthSignals, joinAssets, lastRunFailure } from './assetJoin';
import { resolveRules } from '../model';
import { parsePromVector } from '../backends/prometheus/parsePrometheus';

const rules = resolveRules(undefined);
const NOW = 1_700_000_000_000;

function signals(): HealthSignals {
  return {
    info: new Map([
      ['raw', { layer: 'bronze', owner: 'ingest' }],
      ['stg', { layer: 'silver', owner: 'platform' }],
      ['fct', { layer: 'gold', owner: 'analytics' }],
    ]),
    runs: new Map([
      ['raw', 12],
      ['stg', 12],
      ['fct', 4],
    ]),
    failures: new Map([['fct', 4]]),
    avgDuration: new Map([['raw', 0.15]]),
    p95Duration: new Map([['raw', 0.5]]),
    lastUpdate: new Map([
      ['raw', NOW - 60_000],
      ['stg', NOW - 3 * 3600_000],
      ['fct', NOW - 30 * 60_000],
    ]),
    passRate: new Map([
      ['raw', 99.9],
      ['stg', 90],
    ]),
    rowCount: new Map([['raw', 487]]),
    dependencies: [
      ['stg', 'raw'],
      ['fct', 'stg'],
      ['fct', 'stg'],
    ],
    errorLogs: new Map([['fct', 4]]),
    lastErrors: new Map([['fct', { message: 'TimeoutError: API timeout', at: NOW - 1000 }]]),
    lastTraces: new Map([['raw', { traceId: 'abc', start: NOW - 61_000, duration: 152, error: false }]]),
  };
}

describe('joinAssets', () => {
  it('joins every signal by asset name into sorted rows with statuses and reasons', () => {
    const rows = joinAssets(signals(), rules, NOW);
    expect(rows.map((r) => [r.asset, r.status])).toEqual([
      ['fct', 'failing'],
      ['raw', 'ok'],
      ['stg', 'stale'],
    ]);
    const raw = rows[1];
    expect(raw).toEqual({
      asset: 'raw',
      layer: 'bronze',
      owner: 'ingest',
      status: 'ok',
      severity: 'none',
      reasons: [],
      lastUpdate: NOW - 60_000,
      freshness: 60,
      freshnessSla: 7200,
      passRate: 99.9,
      runs: 12,
      failures: 0,
      errorRate: 0,
      avgDuration: 0.15,
      p95Duration: 0.5,
      p99Duration: undefined,
      rowCount: 487,
      errorLogs: 0,
      lastError: undefined,
      lastTraceId: 'abc',
      lastTraceDuration: 152,
      upstream: [],
      downstream: ['stg'],
    });
    expect(rows[2].upstream).toEqual(['raw']);
    expect(rows[2].downstream).toEqual(['fct']);
    expect(rows[2].reasons).toEqual(['not updated for 3h (SLA 2h)', 'validation pass rate 90% < 95%']);
    expect(rows[0].reasons[0]).toBe('last run failed (all 4 runs in the range failed)');
    expect(rows[0].upstream).toEqual(['stg']);
    expect(rows[0].errorRate).toBe(1);
  });

  it('with an asset filter returns exactly those assets (unknown when nothing knows them)', () => {
    const rows = joinAssets(signals(), rules, NOW, ['stg', 'ghost']);
    expect(rows.map((r) => [r.asset, r.status])).toEqual([
      ['ghost', 'unknown'],
      ['stg', 'stale'],
    ]);
  });

  it('leaves the columns of a missing backend empty instead of zero', () => {
    const s = signals();
    delete s.errorLogs;
    delete s.failures;
    const raw = joinAssets(s, rules, NOW).find((r) => r.asset === 'raw')!;
    expect(raw.errorLogs).toBeUndefined();
    expect(raw.failures).toBeUndefined();
    expect(raw.errorRate).toBeUndefined();
  });

  it('includes assets known only from dependencies', () => {
    const rows = joinAssets({ dependencies: [['b', 'a']] }, rules, NOW);
    expect(rows.map((r) => [r.asset, r.upstream, r.downstream])).toEqual([
      ['a', [], ['b']],
      ['b', ['a'], []],
    ]);
  });
});

describe('lastRunFailure', () => {
  const trace = (error: boolean, start: number) => ({ traceId: 't1', start, duration: 1, error });
  it('uses counters, then a failed trace or an error log newer than the last successful update', () => {
    expect(lastRunFailure(3, 3, undefined, undefined, undefined)).toBe(
      'last run failed (all 3 runs in the range failed)'
    );
    expect(lastRunFailure(3, 2, 100, undefined, undefined)).toBeUndefined();
    expect(lastRunFailure(3, 2, 100, trace(true, 200), undefined)).toBe('last run failed (trace t1)');
    expect(lastRunFailure(3, 2, 300, trace(true, 200), undefined)).toBeUndefined();
    expect(lastRunFailure(3, 2, 100, trace(false, 200), { message: 'boom', at: 150 })).toBe('last run failed: boom');
    expect(lastRunFailure(3, 2, 200, undefined, { message: 'boom', at: 150 })).toBeUndefined();
  });
});

describe('byLabel', () => {
  it('keys finite values by label, dropping NaN/Inf and unlabelled samples', () => {
    const r = parsePromVector({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { asset_name: 'a' }, value: [1, '2'] },
          { metric: { asset_name: 'b' }, value: [1, 'NaN'] },
          { metric: { asset_name: 'c' }, value: [1, '+Inf'] },
          { metric: {}, value: [1, '5'] },
        ],
      },
    });
    expect(r.ok && Array.from(byLabel(r.value, 'asset_name', 1000))).toEqual([['a', 2000]]);
  });
});
