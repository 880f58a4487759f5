import { defaultAssets } from './assets';
import { DEFAULT_SAMPLE_TIERS, sampleTimes, simulateHistory } from './history';
import { Pipeline } from './pipeline';
import { SANDBOX_SCENARIO } from './scenario';
import { ScenarioOptions } from './types';

const HOUR = 3_600_000;
const endMs = 1_800_000_000_000;
const scenario: ScenarioOptions = { ...SANDBOX_SCENARIO, seed: 42, failureRate: 0, intervalMs: 15_000 };
const render = (h: ReturnType<typeof simulateHistory>) => {
  let text = '';
  const stats = h.writeOpenMetrics({ job: 'cascade-demo', instance: '127.0.0.1:9464' }, (c) => (text += c));
  return { text, stats };
};

test('sample times: 30 s for the last 6 h, 60 s for the day, 4 min before, all before the end', () => {
  const times = sampleTimes(endMs - 7 * 24 * HOUR, endMs, DEFAULT_SAMPLE_TIERS);
  const gapAt = (ageHours: number) => {
    const t = (endMs - ageHours * HOUR) / 1000;
    const i = times.findIndex((x) => x >= t);
    return times[i + 1] - times[i];
  };
  expect([gapAt(3), gapAt(12), gapAt(72)]).toEqual([30, 60, 240]);
  expect(times[times.length - 1]).toBeLessThan(endMs / 1000);
  expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
});

test('the same inputs render the same OpenMetrics; counters never go down; every sample is before the end', () => {
  const h = simulateHistory({ assets: defaultAssets(), scenario, endMs, days: 1 });
  const { text, stats } = render(h);
  expect(render(simulateHistory({ assets: defaultAssets(), scenario, endMs, days: 1 })).text).toBe(text);
  expect(text.endsWith('# EOF\n')).toBe(true);
  const last = new Map<string, number>();
  let samples = 0;
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    const sp2 = line.lastIndexOf(' ');
    const sp1 = line.lastIndexOf(' ', sp2 - 1);
    if (line.startsWith('#') || sp1 < 0) {
      continue;
    }
    samples++;
    const series = line.slice(0, sp1);
    const value = Number(line.slice(sp1 + 1, sp2));
    if (Number(line.slice(sp2 + 1)) * 1000 >= endMs) {
      problems.push(`after the end: ${line}`);
    }
    const counter = series.includes('_total{') || series.includes('_bucket{') || series.includes('_count{');
    if (counter && value < (last.get(series) ?? 0)) {
      problems.push(`counter went down: ${line}`);
    }
    last.set(series, value);
  }
  expect(problems.slice(0, 5)).toEqual([]);
  expect(samples).toBe(stats.samples);
  expect(last.size).toBe(stats.series);
});

test('a pipeline given the history continues its counters and run indices', async () => {
  const h = simulateHistory({ assets: defaultAssets(), scenario, endMs, days: 1 });
  const p = new Pipeline({ assets: defaultAssets(), scenario, history: h, now: () => endMs });
  const runs = h.states.get('dlt_glucose_entries')!.runs;
  expect(runs).toBeGreaterThan(5000);
  const value = async () =>
    (await p.metrics.executions.get()).values.find((v) => v.labels.asset_name === 'dlt_glucose_entries')!.value;
  expect(await value()).toBe(runs);
  await p.runAll();
  expect(await value()).toBe(runs + 1);
  expect(p.state().dlt_glucose_entries.runs).toBe(runs + 1);
  // The stale asset stopped 5 h before the end, the failing asset's last success is ~50 min old.
  expect(endMs / 1000 - p.state()[scenario.staleAsset!].lastUpdate!).toBeCloseTo(5 * 3600, -2);
  expect(endMs / 1000 - p.state()[scenario.failingAsset!].lastUpdate!).toBeLessThan(3600);
  await p.stop();
});
