import { topologicalOrder } from './assets';
import { type BucketCounts, type OpenMetricsStats, SampleRecorder } from './historySamples';
import { durationBuckets, OPERATIONS } from './metrics';
import { advanceState } from './runState';
import { assetProfile, initialPassRates, planRun, RunOverrides, RunPlan } from './simulator';
import { AssetSpec, AssetState, ScenarioOptions } from './types';

/** Default age of the stale asset's last update (pipeline.ts re-exports it): 5 h, past the 2 h rule. */
export const DEFAULT_STALE_SECONDS = 5 * 3600;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The scenario's past: when the live conditions began and three earlier events on-call pages can show. */
export interface HistoryEvents {
  /** A failure chain: `asset` fails (API timeouts) and every asset downstream of it fails with it. */
  incident: { asset: string; fromMs: number; toMs: number };
  /** Rows fetched by `asset` and everything downstream of it drop to `factor` of the usual volume. */
  volumeDip: { asset: string; fromMs: number; toMs: number; factor: number };
  /** The scheduler stopped: no run in [fromMs, toMs), so every asset went past its freshness SLA; then a late run. */
  lateRun: { fromMs: number; toMs: number };
  /** When the live scenario's failing asset started failing, the slow asset got slow and the dip began. */
  failingSinceMs: number;
  slowSinceMs: number;
  dipSinceMs: number;
}

/** Spacing of the history's samples: `stepSeconds` for everything younger than `ageMs`, coarser before. */
export interface SampleTier {
  ageMs: number;
  stepSeconds: number;
}

/**
 * Sample tiers: 30 s for the last 6 h (the default 6 h chart's rate window of 60 s still sees two
 * samples), 60 s for the rest of the day, 4 min beyond (under Prometheus' 5 min lookback; a 7-day
 * chart's rate window is ≥ 10 min). Coarser tiers keep the backfill under a million samples.
 */
export const DEFAULT_SAMPLE_TIERS: SampleTier[] = [
  { ageMs: 7 * DAY, stepSeconds: 240 },
  { ageMs: DAY, stepSeconds: 60 },
  { ageMs: 6 * HOUR, stepSeconds: 30 },
];

export type { OpenMetricsStats } from './historySamples';

export interface HistoryOptions {
  assets: AssetSpec[];
  scenario: ScenarioOptions;
  /** Epoch ms where the live pipeline takes over: every run and sample of the history is before it. */
  endMs: number;
  /** Length of the history in days (default 7). */
  days?: number;
  events?: Partial<HistoryEvents>;
  sampleTiers?: SampleTier[];
  /** Buckets of asset_execution_seconds (default durationBuckets(), as the live histogram). */
  histogramBuckets?: number[];
  /** Most runs whose logs and traces seed the stand-ins (default 3000; the newest are kept). */
  maxSeedRuns?: number;
}

/** One run of the history, with the time it started. */
export interface HistoryRun {
  asset: string;
  plan: RunPlan;
  startMs: number;
}

/** A simulated past of the pipeline, ending where the live pipeline starts. */
export interface History {
  startMs: number;
  endMs: number;
  events: HistoryEvents;
  /** State per asset after the last history run: where the live pipeline continues. */
  states: Map<string, AssetState>;
  /** Every run's duration per asset and status, oldest first: the live histogram replays them. */
  durations: Map<string, { success: number[]; failure: number[] }>;
  /** Runs whose logs and traces seed Loki/Jaeger: failures, the late run, the last hour, each asset's last run. */
  seedRuns: HistoryRun[];
  /** Runs simulated (all assets). */
  runs: number;
  /** Sample times (epoch s), ascending. */
  sampleTimes: number[];
  /** Renders every sample as OpenMetrics text with the scrape's target labels (job, instance), chunk by chunk. */
  writeOpenMetrics(labels: Record<string, string>, write: (chunk: string) => void): OpenMetricsStats;
}

/** The default past relative to `endMs`, on the DAG's first root asset. */
export function defaultHistoryEvents(assets: AssetSpec[], endMs: number): HistoryEvents {
  const root = topologicalOrder(assets)[0].name;
  return {
    incident: { asset: root, fromMs: endMs - 2 * DAY - 5 * HOUR, toMs: endMs - 2 * DAY - 4 * HOUR - 20 * MINUTE },
    volumeDip: { asset: root, fromMs: endMs - 4 * DAY - 2 * HOUR, toMs: endMs - 4 * DAY + HOUR, factor: 0.35 },
    lateRun: { fromMs: endMs - 3 * DAY - 8 * HOUR, toMs: endMs - 3 * DAY - 5 * HOUR - 20 * MINUTE },
    failingSinceMs: endMs - 50 * MINUTE,
    slowSinceMs: endMs - 3 * HOUR,
    dipSinceMs: endMs - 100 * MINUTE,
  };
}

/** Sample times (epoch s) from startMs to before endMs, aligned to each tier's step. */
export function sampleTimes(startMs: number, endMs: number, tiers: SampleTier[] = DEFAULT_SAMPLE_TIERS): number[] {
  const sorted = [...tiers].sort((a, b) => b.ageMs - a.ageMs);
  const out: number[] = [];
  let t = Math.ceil(startMs / 1000);
  const end = (endMs - 1) / 1000;
  while (t <= end) {
    const ageMs = endMs - t * 1000;
    const tier = [...sorted].reverse().find((x) => ageMs <= x.ageMs) ?? sorted[0];
    out.push(t);
    t = (Math.floor(t / tier.stepSeconds) + 1) * tier.stepSeconds;
  }
  return out;
}

function downstreamOf(assets: AssetSpec[], root: string): Set<string> {
  const out = new Set<string>([root]);
  for (const a of topologicalOrder(assets)) {
    if (a.upstream.some((u) => out.has(u))) {
      out.add(a.name);
    }
  }
  return out;
}

const within = (t: number, w: { fromMs: number; toMs: number }) => t >= w.fromMs && t < w.toMs;

/**
 * Simulates `days` of the pipeline before `endMs` with the live pipeline's seeded planner, tick by
 * tick at the scenario's interval (run indices 0…n-1, so the live pipeline's run n continues the
 * same sequence), and records every metric at the sample times.
 */
export function simulateHistory(opts: HistoryOptions): History {
  const { assets, scenario, endMs } = opts;
  const interval = scenario.intervalMs;
  const startMs = endMs - (opts.days ?? 7) * DAY;
  const events: HistoryEvents = { ...defaultHistoryEvents(assets, endMs), ...opts.events };
  const buckets = opts.histogramBuckets ?? durationBuckets();
  const order = topologicalOrder(assets);
  const profiles = new Map(assets.map((a) => [a.name, assetProfile(a, scenario.seed)]));
  const healthy: ScenarioOptions = { ...scenario, validationDip: undefined };
  const staleSinceMs =
    scenario.staleAsset !== undefined
      ? endMs - (scenario.staleSeconds ?? DEFAULT_STALE_SECONDS) * 1000
      : Number.POSITIVE_INFINITY;
  const chain = downstreamOf(assets, events.incident.asset);
  const dipped = downstreamOf(assets, events.volumeDip.asset);

  const states = new Map<string, AssetState>();
  const durations = new Map<string, { success: number[]; failure: number[] }>();
  // Non-cumulative bucket counts per asset and status (index buckets.length = +Inf).
  const counts = new Map<string, BucketCounts>();
  for (const a of assets) {
    states.set(a.name, {
      runs: 0,
      successes: 0,
      failures: 0,
      lastStatus: 'success',
      lastUpdate: startMs / 1000 - interval / 1000,
      durations: [],
      rowsProcessed: Object.fromEntries(OPERATIONS.map((op) => [op, 0])),
      rowCount: profiles.get(a.name)!.baseRows * 1000,
      passRates: initialPassRates(a, healthy),
    });
    durations.set(a.name, { success: [], failure: [] });
    counts.set(a.name, {
      success: new Float64Array(buckets.length + 1),
      failure: new Float64Array(buckets.length + 1),
      sum: { success: 0, failure: 0 },
    });
  }

  const times = sampleTimes(startMs, endMs, opts.sampleTiers);
  const recorder = new SampleRecorder(assets, buckets, times.length);
  let nextSample = 0;
  const recordUntil = (tMs: number) => {
    while (nextSample < times.length && times[nextSample] * 1000 < tMs) {
      recorder.record(nextSample, times[nextSample], states, counts);
      nextSample++;
    }
  };

  const seeds: HistoryRun[] = [];
  const lastRun = new Map<string, HistoryRun | (HistoryRun & { replan: () => RunPlan })>();
  let runs = 0;
  let lateTickPending = false;
  const firstTick = Math.ceil((startMs - endMs) / interval);
  for (let k = firstTick; k <= -1; k++) {
    const tick = endMs + k * interval;
    if (tick < startMs) {
      continue;
    }
    if (within(tick, events.lateRun)) {
      lateTickPending = true;
      continue;
    }
    recordUntil(tick);
    const sc: ScenarioOptions = {
      ...scenario,
      failingAsset: tick >= events.failingSinceMs ? scenario.failingAsset : undefined,
      slowAsset: tick >= events.slowSinceMs ? scenario.slowAsset : undefined,
      validationDip: tick >= events.dipSinceMs ? scenario.validationDip : undefined,
    };
    const offsets = new Map<string, number>();
    for (const a of order) {
      if (a.name === scenario.staleAsset && tick >= staleSinceMs) {
        continue;
      }
      const overrides: RunOverrides = {};
      if (within(tick, events.incident) && chain.has(a.name)) {
        overrides.failure =
          a.name === events.incident.asset
            ? {
                phase: 'fetch_from_api',
                errorType: 'ReadTimeout',
                errorMessage: 'HTTPSConnectionPool(host=api.nightscout.info): Read timed out. (read timeout=30)',
              }
            : {
                phase: 'fetch_from_api',
                errorType: 'UpstreamAssetFailed',
                errorMessage: `upstream ${events.incident.asset} has no new snapshot: its run failed`,
              };
      }
      if (within(tick, events.volumeDip) && dipped.has(a.name)) {
        overrides.rowsFactor = events.volumeDip.factor;
      }
      const s = states.get(a.name)!;
      const plan = planRun(a, s.runs, sc, profiles.get(a.name)!, overrides, { spans: false });
      const runIndex = s.runs;
      const begin = Math.max(0, ...a.upstream.map((u) => offsets.get(u) ?? 0));
      offsets.set(a.name, begin + plan.duration);
      const runStartMs = tick + begin * 1000;
      advanceState(s, plan, runStartMs);
      durations.get(a.name)![plan.status].push(plan.duration);
      const c = counts.get(a.name)!;
      c[plan.status][bucketIndex(buckets, plan.duration)] += 1;
      c.sum[plan.status] += plan.duration;
      runs++;
      // Runs whose logs and traces are sent are planned again with their spans (planRun is pure).
      const withSpans = () => planRun(a, runIndex, sc, profiles.get(a.name)!, overrides);
      const inDip = within(tick, events.volumeDip) && dipped.has(a.name) && s.runs % 20 === 0;
      if (plan.status === 'failure' || lateTickPending || inDip || tick >= endMs - HOUR) {
        const run = { asset: a.name, plan: withSpans(), startMs: runStartMs };
        seeds.push(run);
        lastRun.set(a.name, run);
      } else {
        lastRun.set(a.name, { asset: a.name, plan, startMs: runStartMs, replan: withSpans });
      }
    }
    lateTickPending = false;
  }
  recordUntil(endMs);
  // Each asset's very last run too (the stale asset's is hours old), so the last trace id resolves.
  for (const run of lastRun.values()) {
    if ('replan' in run) {
      seeds.push({ asset: run.asset, plan: run.replan(), startMs: run.startMs });
    } else if (!seeds.includes(run)) {
      seeds.push(run);
    }
  }
  seeds.sort((a, b) => a.startMs - b.startMs);
  const seedRuns = seeds.slice(-(opts.maxSeedRuns ?? 3000));

  return {
    startMs,
    endMs,
    events,
    states,
    durations,
    seedRuns,
    runs,
    sampleTimes: times,
    writeOpenMetrics: (labels, write) => recorder.write(times, labels, write),
  };
}

function bucketIndex(buckets: number[], v: number): number {
  // Prometheus buckets are upper-inclusive (v <= le).
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= buckets[mid]) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}
