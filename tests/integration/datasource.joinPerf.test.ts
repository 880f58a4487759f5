import { APP_URLS } from '../../src/datasource/settings';
// Pure logic: measured in Node (as issue 6's bench does), not in jsdom.
import { HealthSignals, joinAssets } from '../../src/join/assetJoin';
import { resolveMapping, resolveRules } from '../../src/model';
import { healthToFrame } from '../../src/frames/healthFrame';
import { lokiSignals, prometheusSignals } from '../../src/join/healthSignals';
import { HealthPromKey } from '../../src/backends/prometheus/promql';

const rules = resolveRules(undefined);
const NOW = 1_700_000_000_000;

function bigPipeline(n: number): HealthSignals {
  const names = Array.from({ length: n }, (_, i) => `asset_${i}`);
  return {
    info: new Map(names.map((a, i) => [a, { layer: ['bronze', 'silver', 'gold'][i % 3], owner: `team_${i % 7}` }])),
    runs: new Map(names.map((a) => [a, 10])),
    failures: new Map(names.map((a, i) => [a, i % 10])),
    avgDuration: new Map(names.map((a) => [a, 1])),
    p95Duration: new Map(names.map((a) => [a, 2])),
    p99Duration: new Map(names.map((a) => [a, 3])),
    lastUpdate: new Map(names.map((a, i) => [a, NOW - i * 1000])),
    passRate: new Map(names.map((a, i) => [a, 90 + (i % 10)])),
    rowCount: new Map(names.map((a) => [a, 100])),
    dependencies: names.slice(1).map((a, i) => [a, names[Math.floor(i / 2)]] as [string, string]),
    errorLogs: new Map(names.map((a) => [a, 1])),
    lastErrors: new Map(names.map((a) => [a, { message: 'x', at: NOW }])),
    lastTraces: new Map(names.map((a) => [a, { traceId: a, start: NOW, duration: 1, error: false }])),
  };
}

describe('joinAssets performance', () => {
  it('joins 10,000 assets in under 100 ms of CPU (fastest of 7 runs after warm-up)', () => {
    const s = bigPipeline(10_000);
    joinAssets(s, rules, NOW);
    joinAssets(s, rules, NOW);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const rows = joinAssets(s, rules, NOW);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      expect(rows).toHaveLength(10_000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `joinAssets(10,000 assets): wall median ${wall[3].toFixed(1)} ms (min ${wall[0].toFixed(1)}), CPU median ${cpu[3].toFixed(1)} ms (min ${cpu[0].toFixed(1)})`
    );
    // CPU time, not wall time: on a shared machine other processes only add wall time. The fastest
    // run is the least noisy estimate (GC only ever adds); `npm run bench` reports wall medians.
    expect(cpu[0]).toBeLessThan(100);
  });
});

describe('backend bodies → health frame (parse + join + frame) for 10,000 assets', () => {
  it('is measured and stays linear', () => {
    const m = resolveMapping(undefined);
    const vector = (n: number, metric: (i: number) => Record<string, string>, value: (i: number) => number) =>
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: Array.from({ length: n }, (_, i) => ({ metric: metric(i), value: [NOW / 1000, String(value(i))] })),
        },
      });
    const bodies = (n: number) => {
      const a = (i: number) => ({ asset_name: `asset_${i}` });
      const b: Record<HealthPromKey, string> = {
        info: vector(
          n,
          (i) => ({ ...a(i), layer: 'gold', owner: 'team' }),
          () => 1
        ),
        runs: vector(n, a, () => 10),
        failures: vector(n, a, (i) => i % 3),
        avgDuration: vector(n, a, () => 1.5),
        p95Duration: vector(n, a, () => 2.5),
        p99Duration: vector(n, a, () => 3.5),
        lastUpdate: vector(n, a, (i) => NOW / 1000 - i),
        passRate: vector(n, a, (i) => 90 + (i % 10)),
        rowCount: vector(n, a, () => 1000),
        dependencies: vector(
          n - 1,
          (i) => ({ asset_name: `asset_${i + 1}`, upstream: `asset_${Math.floor(i / 2)}` }),
          () => 1
        ),
      };
      const counts = JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: Array.from({ length: n }, (_, i) => ({ metric: a(i), values: [[NOW / 1000, String(i % 4)]] })),
        },
      });
      return { b, counts };
    };
    const links = { mapping: m, app: APP_URLS };
    const once = (input: ReturnType<typeof bodies>) => {
      const prom = prometheusSignals(input.b, m);
      const loki = lokiSignals(input.counts, undefined, m);
      const rows = joinAssets({ ...prom.signals, ...loki.signals }, rules, NOW);
      return healthToFrame(rows, 'A', links);
    };
    const median = (input: ReturnType<typeof bodies>) => {
      once(input);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        expect(once(input).length).toBeGreaterThan(0);
        times.push(performance.now() - t0);
      }
      return times.sort((x, y) => x - y)[2];
    };
    const small = median(bodies(1000));
    const large = median(bodies(10_000));
    console.log(
      `bodies → health frame: 1,000 assets ${small.toFixed(1)} ms, 10,000 assets ${large.toFixed(1)} ms (median of 5)`
    );
    // Linear, not quadratic: 10x the assets costs far less than 100x the time.
    expect(large).toBeLessThan(small * 30);
  });
});
