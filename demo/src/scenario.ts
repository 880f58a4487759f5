import { DemoOptions } from './types';

/**
 * The scenario `npm start`, docker compose and the browser tests run: exactly what the README
 * promises — one failing asset, one stale asset, one slow asset and one validation dip — and
 * nothing else. Random failures are off (`failureRate: 0`); turn them on with the
 * `--failure-rate` knob (demo CLI and `npm start`) when you want noise.
 */
export const SANDBOX_SCENARIO: DemoOptions = {
  seed: 42,
  failureRate: 0,
  failingAsset: 'publish_to_postgres',
  staleAsset: 'mrt_glucose_readings',
  slowAsset: 'fct_glucose_readings',
  validationDip: { asset: 'fct_glucose_readings', check: 'glucose_range_check', passRate: 91.5 },
};
