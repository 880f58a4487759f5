import { AssetHealth } from '../model';
import { pipelineStatus, qualityScore, sortChecks, worstFreshness } from './overviewStatus';

const row = (asset: string, status: AssetHealth['status'], extra: Partial<AssetHealth> = {}): AssetHealth => ({
  asset,
  status,
  reasons: [],
  upstream: [],
  downstream: [],
  ...extra,
});

describe('pipelineStatus', () => {
  it('is unknown without assets', () => {
    expect(pipelineStatus([]).state).toBe('unknown');
  });

  it('is healthy when every reporting asset is ok and says how many lack data', () => {
    const s = pipelineStatus([row('a', 'ok'), row('b', 'ok'), row('c', 'unknown')]);
    expect(s.state).toBe('healthy');
    expect(s.reason).toBe('All 2 reporting assets are within SLA and quality thresholds (1 without data).');
    expect(s.culprits).toEqual([]);
  });

  it('is degraded by warnings and counts them by what is wrong, naming each with its first reason', () => {
    const s = pipelineStatus([row('a', 'ok'), row('b', 'quality', { reasons: ['pass rate 90% < 95%'] })]);
    expect(s.state).toBe('degraded');
    expect(s.reason).toBe('1 asset below quality: b (pass rate 90% < 95%)');
    const stale = pipelineStatus([
      row('a', 'ok'),
      row('s', 'stale', { severity: 'warning', freshness: 9000, reasons: ['not updated for 2h 30m (SLA 2h)'] }),
      row('w', 'quality'),
    ]);
    expect(stale.state).toBe('degraded');
    expect(stale.reason).toBe(
      '2 assets with warnings (1 stale, 1 quality): s stale (not updated for 2h 30m (SLA 2h)), w quality'
    );
  });

  it('is failing when any problem is critical, and does not call a stale asset failing', () => {
    const s = pipelineStatus([
      row('w', 'quality'),
      row('e', 'errors', { freshness: 100 }),
      row('f', 'failing', { reasons: ['last run failed'] }),
      row('c', 'stale', {
        severity: 'critical',
        freshness: 5 * 3600,
        reasons: ['not updated for 5h (critical after 4h)'],
      }),
      row('f2', 'failing'),
    ]);
    expect(s.state).toBe('failing');
    expect(s.culprits.map((r) => r.asset)).toEqual(['f', 'f2', 'c', 'e']);
    expect(s.reason).toBe(
      '4 assets critical (2 failing, 1 stale, 1 errors): f failing (last run failed), f2 failing, c stale (not updated for 5h (critical after 4h)) and 1 more'
    );
    expect(s.counts.stale).toBe(1);
    expect(s.counts.failing).toBe(2);
    expect(s.total).toBe(5);
  });

  it('says "1 failing, 1 stale", never "2 assets failing", for one failed and one stale asset', () => {
    const s = pipelineStatus([
      row('publish', 'failing', { reasons: ['last run failed'] }),
      row('mrt', 'stale', { severity: 'critical', reasons: ['not updated for 5h 1m (critical after 4h)'] }),
    ]);
    expect(s.reason).toMatch(/^2 assets critical \(1 failing, 1 stale\): /);
    expect(s.reason).not.toMatch(/assets failing/);
  });

  it('is unknown when every asset is unknown', () => {
    expect(pipelineStatus([row('a', 'unknown')]).state).toBe('unknown');
  });
});

describe('worstFreshness', () => {
  it('picks the worst age relative to its own SLA, not the oldest', () => {
    const w = worstFreshness([
      row('daily', 'ok', { freshness: 3 * 3600, freshnessSla: 24 * 3600 }),
      row('hourly', 'stale', { freshness: 2 * 3600, freshnessSla: 3600 }),
      row('none', 'unknown'),
    ]);
    expect(w).toEqual({ asset: 'hourly', freshness: 7200, sla: 3600, ratio: 2 });
  });
  it('is undefined without freshness data', () => {
    expect(worstFreshness([row('a', 'unknown')])).toBeUndefined();
  });
});

describe('qualityScore', () => {
  const checks = [
    { asset: 'a', check: 'range', passRate: 100, time: 1 },
    { asset: 'a', check: 'nulls', passRate: 90, time: 1 },
    { asset: 'b', check: 'dupes', passRate: 98, time: 1 },
  ];
  it('gives min, mean, the worst check and how many are under the minimum', () => {
    const q = qualityScore(checks, [], 95)!;
    expect(q.min).toBe(90);
    expect(q.avg).toBeCloseTo(96);
    expect(q.count).toBe(3);
    expect(q.worst).toEqual(checks[1]);
    expect(q.failing).toBe(1);
  });
  it('falls back to per-asset pass rates from health rows', () => {
    const q = qualityScore([], [row('a', 'ok', { passRate: 99 }), row('b', 'ok')], 95)!;
    expect(q).toMatchObject({ min: 99, avg: 99, count: 1, failing: 0 });
  });
  it('is undefined with nothing to score', () => {
    expect(qualityScore([], [row('a', 'ok')], 95)).toBeUndefined();
  });
  it('sortChecks puts the worst first', () => {
    expect(sortChecks(checks).map((c) => c.check)).toEqual(['nulls', 'dupes', 'range']);
  });
});
