import { defaultAssets } from './assets';
import { Pipeline } from './pipeline';
import { SANDBOX_SCENARIO } from './scenario';
import { assetProfile } from './simulator';
import { ScenarioOptions } from './types';

const scenario = (over: Partial<ScenarioOptions> = {}): ScenarioOptions => ({
  ...SANDBOX_SCENARIO,
  seed: SANDBOX_SCENARIO.seed!,
  failureRate: SANDBOX_SCENARIO.failureRate!,
  intervalMs: 15000,
  ...over,
});

async function runRounds(s: ScenarioOptions, rounds: number) {
  const pipeline = new Pipeline({ assets: defaultAssets(), scenario: s });
  for (let i = 0; i < rounds; i++) {
    await pipeline.runAll();
  }
  await pipeline.stop();
  return pipeline.state();
}

test('the default scenario gives exactly what the README promises over many rounds', async () => {
  const state = await runRounds(scenario(), 500);
  const failing = Object.entries(state)
    .filter(([, s]) => s.failures > 0)
    .map(([name]) => name);
  expect(failing).toEqual([SANDBOX_SCENARIO.failingAsset]);
  expect(state[SANDBOX_SCENARIO.failingAsset!]).toMatchObject({ runs: 500, failures: 500 });
  // The stale asset never runs; every other asset runs every round.
  expect(state[SANDBOX_SCENARIO.staleAsset!].runs).toBe(0);
  for (const [name, s] of Object.entries(state)) {
    if (name !== SANDBOX_SCENARIO.staleAsset) {
      expect({ name, runs: s.runs }).toEqual({ name, runs: 500 });
    }
  }
  // Exactly one check below the 95 % rule: the dip.
  const low = Object.entries(state).flatMap(([name, s]) =>
    Object.entries(s.passRates)
      .filter(([, rate]) => rate < 95)
      .map(([check, rate]) => ({ name, check, rate }))
  );
  const dip = SANDBOX_SCENARIO.validationDip!;
  expect(low).toEqual([{ name: dip.asset, check: dip.check, rate: dip.passRate }]);
  // The slow asset runs ~slowFactor (5×) its base duration; nobody else does.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const a of defaultAssets().filter((x) => x.name !== SANDBOX_SCENARIO.staleAsset)) {
    const ratio = median(state[a.name].durations) / assetProfile(a, SANDBOX_SCENARIO.seed!).baseDuration;
    if (a.name === SANDBOX_SCENARIO.slowAsset) {
      expect(ratio).toBeGreaterThan(4);
    } else if (a.name !== SANDBOX_SCENARIO.failingAsset) {
      expect({ name: a.name, slow: ratio > 1.5 }).toEqual({ name: a.name, slow: false });
    }
  }
});

test('random failures only behind the failureRate knob', async () => {
  const state = await runRounds(scenario({ failureRate: 0.05 }), 200);
  const failing = Object.entries(state).filter(([, s]) => s.failures > 0);
  expect(failing.length).toBeGreaterThan(1);
});
