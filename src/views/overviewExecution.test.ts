import { dateTime } from '@grafana/data';
import { AssetHealth } from '../model';
import { baselineRange, executionTimes } from './overviewExecution';

const row = (asset: string, avg?: number, p95?: number): AssetHealth => ({
  asset,
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  avgDuration: avg,
  p95Duration: p95,
});

describe('baselineRange', () => {
  const to = Date.UTC(2024, 9, 15, 12);
  it('is at least 7 days ending at the range end', () => {
    const r = baselineRange({ from: dateTime(to - 6 * 3600e3), to: dateTime(to), raw: { from: 'now-6h', to: 'now' } });
    expect(r.to.valueOf()).toBe(to);
    expect(to - r.from.valueOf()).toBe(7 * 86400e3);
  });
  it('is 7× longer ranges', () => {
    const r = baselineRange({ from: dateTime(to - 2 * 86400e3), to: dateTime(to), raw: { from: 'now-2d', to: 'now' } });
    expect(to - r.from.valueOf()).toBe(14 * 86400e3);
  });
});

describe('executionTimes', () => {
  const baseline = {
    avg: new Map([
      ['fast', 1],
      ['slow', 0.5],
      ['tail', 1],
    ]),
    p95: new Map([
      ['fast', 2],
      ['slow', 1],
      ['tail', 1],
    ]),
  };
  it('flags assets over 1.5× their own baseline, slow first, and skips assets that never ran', () => {
    const rows = executionTimes(
      [row('fast', 1.1, 2), row('slow', 1.24, 1.3), row('tail', 1, 3), row('never'), row('new', 5, 6)],
      baseline
    );
    expect(rows.map((r) => [r.asset, r.slow])).toEqual([
      ['tail', true],
      ['slow', true],
      ['fast', false],
      ['new', false],
    ]);
    expect(rows[0].ratio).toBe(3);
    expect(rows[1].ratio).toBeCloseTo(2.48);
    expect(rows[3].ratio).toBeUndefined();
  });
  it('uses the given factor', () => {
    expect(executionTimes([row('fast', 1.1, 2)], baseline, 1.05)[0].slow).toBe(true);
  });
});
