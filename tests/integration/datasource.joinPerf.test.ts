// Pure logic: measured in Node (as issue 6's bench does), not in jsdom.
import { HealthSignals, joinAssets } from '../../src/services/assetJoin';
import { resolveRules } from '../../src/services/config';

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
  it('joins 10,000 assets in under 100 ms (fastest of 7 runs after warm-up)', () => {
    const s = bigPipeline(10_000);
    joinAssets(s, rules, NOW);
    joinAssets(s, rules, NOW);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const rows = joinAssets(s, rules, NOW);
      times.push(performance.now() - t0);
      expect(rows).toHaveLength(10_000);
    }
    const median = times.sort((a, b) => a - b)[3];
    console.log(`joinAssets(10,000 assets): median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms`);
    // The fastest run is the least noisy estimate on a shared 2-core machine (GC and other processes
    // only ever add time); `npm run bench` reports medians.
    expect(times[0]).toBeLessThan(100);
  });
});
