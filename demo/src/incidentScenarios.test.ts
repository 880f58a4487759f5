import { defaultAssets } from './assets';
import { parseCli } from './cli';
import { DEFAULT_CHAIN_SINCE_SECONDS } from './incidentScenarios';
import { Pipeline } from './pipeline';
import { ScenarioOptions } from './types';

const base: ScenarioOptions = { seed: 42, intervalMs: 15000, failureRate: 0 };

async function run(scenario: ScenarioOptions, rounds: number, stepMs = 15000) {
  let now = Date.UTC(2026, 0, 1, 12);
  const startSec = now / 1000;
  const pipeline = new Pipeline({ assets: defaultAssets(), scenario, now: () => now });
  for (let i = 0; i < rounds; i++) {
    await pipeline.runAll();
    now += stepMs;
  }
  await pipeline.stop();
  return { state: pipeline.state(), startSec };
}

test('chain failure: the root fails every run, its downstream never run and start past the 2 h SLA', async () => {
  const { state, startSec } = await run({ ...base, chainFailure: { asset: 'fct_glucose_readings' } }, 20);
  expect(state.fct_glucose_readings).toMatchObject({ runs: 20, failures: 20, lastStatus: 'failure' });
  expect(state.fct_glucose_readings.lastUpdate).toBe(startSec - DEFAULT_CHAIN_SINCE_SECONDS);
  for (const down of ['mrt_glucose_readings', 'publish_to_postgres']) {
    expect(state[down].runs).toBe(0);
    expect(startSec - state[down].lastUpdate!).toBeGreaterThan(2 * 3600);
  }
  // Upstream of the chain nothing changes.
  expect(state.stg_glucose_entries).toMatchObject({ runs: 20, failures: 0 });
});

test('volume drop: rows fetched per run fall to the factor; late asset: held for holdSeconds, never failing', async () => {
  const normal = await run(base, 20);
  const { state } = await run(
    {
      ...base,
      volumeDrop: { asset: 'stg_glucose_entries', factor: 0.1 },
      lateAsset: { asset: 'mrt_glucose_readings', holdSeconds: 150 },
    },
    20
  );
  const ratio = state.stg_glucose_entries.rowsProcessed.fetch / normal.state.stg_glucose_entries.rowsProcessed.fetch;
  expect(ratio).toBeGreaterThan(0.05);
  expect(ratio).toBeLessThan(0.15);
  // Held for the first 150 s (ticks 0..9), then it runs on schedule again.
  expect(state.mrt_glucose_readings).toMatchObject({ runs: 10, failures: 0 });
});

test('the knobs on the command line', () => {
  expect(parseCli(['--chain-failure', 'fct:7200', '--volume-drop=stg:0.2', '--late-asset', 'mrt'], {})).toMatchObject({
    chainFailure: { asset: 'fct', sinceSeconds: 7200 },
    volumeDrop: { asset: 'stg', factor: 0.2 },
    lateAsset: { asset: 'mrt', holdSeconds: undefined },
  });
  expect(() => parseCli(['--volume-drop', 'stg'])).toThrow(/asset:factor/);
  expect(() => parseCli(['--volume-drop', 'stg:3'])).toThrow(/asset:factor/);
  expect(() => new Pipeline({ assets: defaultAssets(), scenario: { ...base, lateAsset: { asset: 'nope' } } })).toThrow(
    /unknown asset "nope"/
  );
});
