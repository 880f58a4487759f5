import { AssetSpec, ScenarioOptions } from './types';
import { hashSeed, mulberry32, pick, randNormal, Rng } from './prng';

/** Phases of a run, in order; a failing run stops in one of the first three. */
export type Phase = 'fetch_from_api' | 'pandera_validation' | 'iceberg_merge' | 'asset_check';

/** Relative timing (seconds from the run's start) of one span of a run. */
export interface SpanPlan {
  name: string;
  parent?: string;
  start: number;
  end: number;
  attributes: Record<string, string | number | boolean>;
}

/** Everything one run of one asset produces, decided up front by the seeded PRNG. */
export interface RunPlan {
  asset: string;
  runIndex: number;
  status: 'success' | 'failure';
  /** Total duration in seconds. */
  duration: number;
  failedPhase?: Phase;
  errorType?: string;
  errorMessage?: string;
  rows: { fetched: number; valid: number; invalid: number; inserts: number; updates: number };
  /** Pass rate per check (%); only set when the run reached its checks. */
  passRates: Record<string, number>;
  /** Root span first, children in start order. */
  spans: SpanPlan[];
}

/** Per-asset constants that do not change between runs (base duration, volume). */
export interface AssetProfile {
  baseDuration: number;
  baseRows: number;
}

const SEED_DURATIONS: Record<string, number> = {
  dlt_glucose_entries: 0.15,
  stg_glucose_entries: 0.045,
  fct_glucose_readings: 0.32,
  mrt_glucose_readings: 0.085,
  publish_to_postgres: 1.24,
};

const FAILURES: Record<Exclude<Phase, 'asset_check'>, Array<[string, string]>> = {
  fetch_from_api: [
    ['ReadTimeout', 'HTTPSConnectionPool(host=api.nightscout.info): Read timed out. (read timeout=30)'],
    ['ConnectionError', 'Max retries exceeded with url: /api/v1/entries (Connection refused)'],
  ],
  pandera_validation: [['SchemaError', "column 'sgv' failed element-wise validator: in_range(20, 600)"]],
  iceberg_merge: [['CommitFailedException', 'Commit failed: branch main has changed since the snapshot was read']],
};

/** The profile of an asset: the seed's numbers for the five seed assets, seeded otherwise. */
export function assetProfile(spec: AssetSpec, seed: number): AssetProfile {
  const rng = mulberry32(hashSeed(seed, spec.name, 'profile'));
  // Log-uniform 0.02–5 s for generated assets: spans the histogram's whole fine range.
  const baseDuration = SEED_DURATIONS[spec.name] ?? Math.exp(Math.log(0.02) + rng() * Math.log(5 / 0.02));
  const baseRows = spec.layer === 'bronze' ? 300 + Math.floor(rng() * 500) : 100 + Math.floor(rng() * 900);
  return { baseDuration, baseRows };
}

/** Baseline pass rate of a check when nothing is wrong: mostly 100, statistical checks a bit lower. */
function healthyPassRate(rng: Rng, check: string): number {
  if (check === 'statistical_bounds_check') {
    return round2(99.5 + rng() * 0.5);
  }
  return rng() < 0.8 ? 100 : round2(99 + rng());
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Pass rates an asset had before the demo started (its history), honouring the dip. */
export function initialPassRates(spec: AssetSpec, scenario: ScenarioOptions): Record<string, number> {
  const rng = mulberry32(hashSeed(scenario.seed, spec.name, 'history'));
  const rates: Record<string, number> = {};
  for (const check of spec.checks) {
    rates[check] = dipFor(spec, check, scenario) ?? healthyPassRate(rng, check);
  }
  return rates;
}

function dipFor(spec: AssetSpec, check: string, scenario: ScenarioOptions): number | undefined {
  const dip = scenario.validationDip;
  return dip && dip.asset === spec.name && dip.check === check ? dip.passRate : undefined;
}

/** What the history's past events (an incident, a volume dip) change in one run. */
export interface RunOverrides {
  /** Forces a failure in this phase with this error (one link of an incident's failure chain). */
  failure?: { phase: Exclude<Phase, 'asset_check'>; errorType: string; errorMessage: string };
  /** Multiplies the rows fetched (a volume dip upstream). */
  rowsFactor?: number;
}

/**
 * Decides run number `runIndex` of an asset; a pure function of (seed, asset, runIndex, scenario,
 * overrides).
 */
export function planRun(
  spec: AssetSpec,
  runIndex: number,
  scenario: ScenarioOptions,
  profile: AssetProfile,
  overrides: RunOverrides = {},
  { spans: withSpans = true }: { spans?: boolean } = {}
): RunPlan {
  const rng = mulberry32(hashSeed(scenario.seed, spec.name, runIndex));
  const slow = scenario.slowAsset === spec.name ? (scenario.slowFactor ?? 5) : 1;
  // Log-normal jitter around the base duration, clamped to the histogram's range.
  const full = Math.min(120, Math.max(0.005, profile.baseDuration * Math.exp(0.25 * randNormal(rng)) * slow));
  const forced = overrides.failure;
  const fails = forced !== undefined || scenario.failingAsset === spec.name || rng() < scenario.failureRate;
  const failedPhase: Phase | undefined = fails
    ? (forced?.phase ?? pick(rng, ['fetch_from_api', 'pandera_validation', 'iceberg_merge'] as const))
    : undefined;

  const fetched = Math.max(1, Math.round(profile.baseRows * (0.8 + 0.4 * rng()) * (overrides.rowsFactor ?? 1)));
  const invalid = rng() < 0.7 ? 0 : Math.min(fetched, 1 + Math.floor(rng() * 3));
  const valid = fetched - invalid;
  const updates = Math.min(valid, Math.floor(rng() * 5));
  const inserts = valid - updates;

  // Phase shares of the seed's trace (45/12/80/15 of 152 ms) with small gaps between them.
  const f = full * 0.29;
  const v = full * 0.08;
  const m = full * 0.53;
  const c = full * 0.07;
  const gap = full * 0.01;
  const t = { fetch: [0, f], val: [f + gap, f + gap + v], merge: [f + 2 * gap + v, f + 2 * gap + v + m] } as const;
  const checkStart = t.merge[1] + gap;
  const phaseEnd: Record<Phase, number> = {
    fetch_from_api: t.fetch[1],
    pandera_validation: t.val[1],
    iceberg_merge: t.merge[1],
    asset_check: Math.min(full, checkStart + c),
  };
  const duration = failedPhase ? phaseEnd[failedPhase] : full;
  const upstreamTable = spec.upstream[0] ?? 'nightscout';
  const table = `${spec.schema}.${spec.name}`;

  // Without spans (the history's bulk runs) the plan is the same but cheaper: no rng draw below depends on them.
  const spans: SpanPlan[] = withSpans
    ? [{ name: spec.name, start: 0, end: duration, attributes: { asset_name: spec.name, layer: spec.layer } }]
    : [];
  const add = (
    name: string,
    parent: string | undefined,
    start: number,
    end: number,
    attributes: SpanPlan['attributes'] = {}
  ) => spans.push({ name, parent, start, end, attributes });
  const reached = (p: Phase) => !failedPhase || phaseOrder(p) <= phaseOrder(failedPhase);
  const completed = (p: Phase) => !failedPhase || phaseOrder(p) < phaseOrder(failedPhase);

  const endpoint = spec.layer === 'bronze' ? 'nightscout_api' : `iceberg://${upstreamTable}`;
  if (withSpans) {
    add('fetch_from_api', spec.name, t.fetch[0], t.fetch[1], {
      endpoint,
      ...(completed('fetch_from_api') ? { rows_fetched: fetched } : {}),
    });
    add('http.request', 'fetch_from_api', f * 0.1, f * 0.9, {
      'http.method': 'GET',
      'http.url':
        spec.layer === 'bronze'
          ? 'https://api.nightscout.info/api/v1/entries'
          : `http://nessie:19120/api/v2/trees/main/contents/${upstreamTable}`,
      'http.status_code': failedPhase === 'fetch_from_api' ? 504 : 200,
    });
    if (reached('pandera_validation')) {
      add('pandera_validation', spec.name, t.val[0], t.val[1], {
        schema: `${spec.name}_v1`,
        ...(completed('pandera_validation') ? { rows_valid: valid } : {}),
      });
      add('type_checking', 'pandera_validation', t.val[0], t.val[0] + v * 0.6);
      add('constraint_checking', 'pandera_validation', t.val[0] + v * 0.6, t.val[1]);
    }
    if (reached('iceberg_merge')) {
      add('iceberg_merge', spec.name, t.merge[0], t.merge[1], {
        table,
        ...(completed('iceberg_merge') ? { inserts, updates } : {}),
      });
      add('read_snapshot', 'iceberg_merge', t.merge[0], t.merge[0] + m * 0.25);
      add('merge_operation', 'iceberg_merge', t.merge[0] + m * 0.25, t.merge[0] + m * 0.75);
      add('write_metadata', 'iceberg_merge', t.merge[0] + m * 0.75, t.merge[1]);
    }
  }
  const passRates: Record<string, number> = {};
  if (!failedPhase) {
    for (const check of spec.checks) {
      passRates[check] =
        dipFor(spec, check, scenario) ??
        (check === 'schema' ? round2((100 * valid) / fetched) : healthyPassRate(rng, check));
    }
    if (withSpans) {
      add('asset_check', spec.name, checkStart, phaseEnd.asset_check, {
        checks: spec.checks.join(','),
        passed: Object.values(passRates).every((r) => r >= 95),
      });
    }
  }

  let errorType: string | undefined;
  let errorMessage: string | undefined;
  if (forced) {
    [errorType, errorMessage] = [forced.errorType, forced.errorMessage];
  } else if (failedPhase) {
    [errorType, errorMessage] = pick(rng, FAILURES[failedPhase as Exclude<Phase, 'asset_check'>]);
  }
  return {
    asset: spec.name,
    runIndex,
    status: failedPhase ? 'failure' : 'success',
    duration,
    failedPhase,
    errorType,
    errorMessage,
    rows: { fetched, valid, invalid, inserts, updates },
    passRates,
    spans,
  };
}

function phaseOrder(p: Phase): number {
  return ['fetch_from_api', 'pandera_validation', 'iceberg_merge', 'asset_check'].indexOf(p);
}
