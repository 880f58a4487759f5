import { randomUUID } from 'node:crypto';
import { topologicalOrder } from './assets';
import { DEFAULT_STALE_SECONDS, History, HistoryRun } from './history';
import { LokiEntry, LokiPusher, runLogRecords, toNs } from './logs';
import { DemoMetrics, OPERATIONS } from './metrics';
import { assetProfile, AssetProfile, initialPassRates, planRun, RunPlan } from './simulator';
import { knobAssets, knobLastUpdate, knobOverrides, knobSkips, strictlyDownstream } from './incidentScenarios';
import { advanceState } from './runState';
import { RunTracer } from './tracing';
import { AssetSpec, AssetState, DemoPipeline, ScenarioOptions } from './types';

export { MAX_DURATIONS } from './runState';
export { DEFAULT_STALE_SECONDS } from './history';

export interface PipelineDeps {
  assets: AssetSpec[];
  scenario: ScenarioOptions;
  lokiUrl?: string;
  otlpUrl?: string;
  /** Buckets of asset_execution_seconds (default durationBuckets()). */
  histogramBuckets?: number[];
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /**
   * The simulated past (simulateHistory with the same assets and scenario): the pipeline starts from
   * its final state, so counters and run indices continue it instead of starting at 0.
   */
  history?: History;
}

/** Simulates the lakehouse: decides runs with the seeded PRNG and emits metrics, logs and traces. */
export class Pipeline implements DemoPipeline {
  readonly assets: AssetSpec[];
  readonly metrics: DemoMetrics;
  private readonly order: AssetSpec[];
  private readonly byName: Map<string, AssetSpec>;
  private readonly profiles = new Map<string, AssetProfile>();
  private readonly states = new Map<string, AssetState>();
  private readonly tracer: RunTracer;
  private readonly loki?: LokiPusher;
  /** Assets downstream of the scenario's chain failure (they wait for it) and when the pipeline started. */
  private readonly chainDownstream: Set<string>;
  private readonly startMs: number;
  private readonly scenario: ScenarioOptions;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private paused = false;
  private stopped = false;

  constructor(deps: PipelineDeps) {
    this.assets = deps.assets;
    this.scenario = deps.scenario;
    this.now = deps.now ?? Date.now;
    this.order = topologicalOrder(deps.assets);
    this.byName = new Map(deps.assets.map((a) => [a.name, a]));
    for (const name of [
      deps.scenario.staleAsset,
      deps.scenario.slowAsset,
      deps.scenario.failingAsset,
      deps.scenario.validationDip?.asset,
      ...knobAssets(deps.scenario),
    ]) {
      if (name !== undefined && !this.byName.has(name)) {
        throw new Error(`scenario names unknown asset "${name}"`);
      }
    }
    this.startMs = this.now();
    this.chainDownstream = strictlyDownstream(deps.assets, deps.scenario.chainFailure?.asset);
    const startSec = this.startMs / 1000;
    for (const a of deps.assets) {
      this.profiles.set(a.name, assetProfile(a, deps.scenario.seed));
      const past = deps.history?.states.get(a.name);
      const knobUpdate = knobLastUpdate(a.name, deps.scenario, this.chainDownstream, startSec);
      if (past) {
        this.states.set(a.name, { ...structuredClone(past), lastUpdate: knobUpdate ?? past.lastUpdate });
        continue;
      }
      // The pipeline was already running before the demo started: one successful run one interval ago.
      const stale = a.name === deps.scenario.staleAsset;
      const profile = this.profiles.get(a.name)!;
      this.states.set(a.name, {
        runs: 0,
        successes: 0,
        failures: 0,
        lastStatus: 'success',
        lastUpdate: stale
          ? startSec - (deps.scenario.staleSeconds ?? DEFAULT_STALE_SECONDS)
          : (knobUpdate ?? startSec - deps.scenario.intervalMs / 1000),
        durations: [],
        rowsProcessed: Object.fromEntries(OPERATIONS.map((op) => [op, 0])),
        rowCount: profile.baseRows * 1000,
        passRates: initialPassRates(a, deps.scenario),
      });
    }
    this.metrics = new DemoMetrics(
      deps.assets,
      (name) => this.states.get(name)!,
      () => this.now() / 1000,
      deps.histogramBuckets
    );
    if (deps.history) {
      this.continueCounters(deps.history);
    }
    this.tracer = new RunTracer(deps.otlpUrl);
    this.loki = deps.lokiUrl ? new LokiPusher(deps.lokiUrl) : undefined;
  }

  /** Starts running the whole pipeline every intervalMs (first tick immediately). */
  start(): void {
    const tick = () => {
      if (!this.paused && !this.stopped) {
        this.runAll().catch((e) => process.stderr.write(`demo tick failed: ${(e as Error).message}\n`));
      }
    };
    tick();
    this.timer = setInterval(tick, this.scenario.intervalMs);
    this.timer.unref?.();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Runs every asset once; assets run as soon as their upstreams finish, so the tick ends "now". */
  runAll(): Promise<void> {
    return this.serialise(async () => {
      const runnable = this.order.filter((a) => a.name !== this.scenario.staleAsset && !this.held(a.name));
      const plans = new Map<string, RunPlan>();
      for (const a of runnable) {
        plans.set(a.name, this.plan(a));
      }
      // Critical-path schedule: start = max(upstream ends) within this tick.
      const offsets = new Map<string, number>();
      let span = 0;
      for (const a of runnable) {
        const start = Math.max(0, ...a.upstream.map((u) => offsets.get(u) ?? 0));
        const end = start + plans.get(a.name)!.duration;
        offsets.set(a.name, end);
        span = Math.max(span, end);
      }
      const tickStartMs = this.now() - span * 1000;
      const entries: LokiEntry[] = [];
      for (const a of runnable) {
        const plan = plans.get(a.name)!;
        const startMs = tickStartMs + (offsets.get(a.name)! - plan.duration) * 1000;
        this.apply(a, plan, startMs, entries);
      }
      await this.deliver(entries);
    });
  }

  /** Runs one asset once (the stale asset is never run: its schedule has stopped). */
  runAsset(name: string): Promise<void> {
    const a = this.byName.get(name);
    if (!a) {
      return Promise.reject(new Error(`unknown asset "${name}"`));
    }
    return this.serialise(async () => {
      if (name === this.scenario.staleAsset || this.held(name)) {
        return;
      }
      const plan = this.plan(a);
      const entries: LokiEntry[] = [];
      this.apply(a, plan, this.now() - plan.duration * 1000, entries);
      await this.deliver(entries);
    });
  }

  async flush(): Promise<void> {
    await this.running;
    await Promise.all([this.loki?.flush(), this.tracer.flush()]);
  }

  state(): Record<string, AssetState> {
    const out: Record<string, AssetState> = {};
    for (const [name, s] of this.states) {
      out[name] = {
        ...s,
        durations: [...s.durations],
        rowsProcessed: { ...s.rowsProcessed },
        passRates: { ...s.passRates },
      };
    }
    return out;
  }

  /** Recent delivery errors (Loki push failures); the demo keeps running when a backend is down. */
  deliveryErrors(): string[] {
    return [...(this.loki?.errors ?? [])];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
    await this.tracer.shutdown().catch(() => undefined);
  }

  /**
   * Sends the logs and traces of past runs (History.seedRuns) to Loki and the trace backend, without
   * counting them again: the counters already include them.
   */
  seedSignals(runs: HistoryRun[]): Promise<void> {
    return this.serialise(async () => {
      const entries: LokiEntry[] = [];
      for (const run of runs) {
        this.emitSignals(this.byName.get(run.asset)!, run.plan, run.startMs, entries);
      }
      await this.deliver(entries);
    });
  }

  /** Sets the prom-client counters and histogram to the history's totals (the live scrape continues them). */
  private continueCounters(history: History): void {
    const m = this.metrics;
    for (const a of this.assets) {
      const s = this.states.get(a.name)!;
      m.executions.inc({ asset_name: a.name }, s.runs);
      m.failures.inc({ asset_name: a.name }, s.failures);
      for (const op of OPERATIONS) {
        m.rowsProcessed.inc({ asset_name: a.name, operation: op }, s.rowsProcessed[op]);
      }
      const d = history.durations.get(a.name);
      for (const status of ['success', 'failure'] as const) {
        for (const v of d?.[status] ?? []) {
          m.executionSeconds.observe({ asset_name: a.name, status }, v);
        }
      }
    }
  }

  /** The next run of `a`, with what the scenario's knobs change in it. */
  private plan(a: AssetSpec): RunPlan {
    const overrides = knobOverrides(a.name, this.scenario);
    return planRun(a, this.states.get(a.name)!.runs, this.scenario, this.profiles.get(a.name)!, overrides);
  }

  /** Runs the knobs skip: downstream of a chain failure, and the late asset while it is held. */
  private held(name: string): boolean {
    return knobSkips(name, this.scenario, this.chainDownstream, this.startMs, this.now());
  }

  /** Runs never overlap, so state, metrics and emitted signals stay consistent. */
  private serialise(fn: () => Promise<void>): Promise<void> {
    const next = this.running.then(fn, fn);
    this.running = next.catch(() => undefined);
    return next;
  }

  private apply(a: AssetSpec, plan: RunPlan, startMs: number, entries: LokiEntry[]): void {
    const s = this.states.get(a.name)!;
    this.emitSignals(a, plan, startMs, entries);
    const done = advanceState(s, plan, startMs);
    const m = this.metrics;
    m.executions.inc({ asset_name: a.name });
    m.executionSeconds.observe({ asset_name: a.name, status: plan.status }, plan.duration);
    if (plan.status === 'failure') {
      m.failures.inc({ asset_name: a.name });
    }
    for (const [op, rows] of Object.entries(done)) {
      m.rowsProcessed.inc({ asset_name: a.name, operation: op }, rows);
    }
    m.syncGauges(a);
  }

  /** The run's trace (exported) and log lines (queued in `entries`); remembers the trace as the asset's last. */
  private emitSignals(a: AssetSpec, plan: RunPlan, startMs: number, entries: LokiEntry[]): void {
    const ids = this.tracer.emit(plan, startMs);
    for (const { timeMs, record } of runLogRecords(a, plan, ids, randomUUID())) {
      entries.push([toNs(timeMs), JSON.stringify(record)]);
    }
    this.states.get(a.name)!.lastTraceId = ids.traceId;
  }

  private async deliver(entries: LokiEntry[]): Promise<void> {
    await Promise.all([entries.length > 0 ? this.loki?.push(entries) : undefined, this.tracer.flush()]);
  }
}
