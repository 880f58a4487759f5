/** Contract types of the demo pipeline (see issue 2 and demo/README.md). */
import type { History } from './history';

/** One simulated asset of the lakehouse. */
export interface AssetSpec {
  name: string;
  layer: 'bronze' | 'silver' | 'gold';
  owner: string;
  /** Names of the assets this one reads from (edges of the lineage DAG). */
  upstream: string[];
  /** Names of the data quality checks run after each materialisation. */
  checks: string[];
  /** Schema the asset's table lives in (label of `asset_row_count`). */
  schema: string;
}

/** Knobs that shape the simulated runs. */
export interface ScenarioOptions {
  /** Seed of the PRNG: same seed → same sequence of run outcomes. */
  seed: number;
  /** Time between two runs of the whole pipeline when autoRun is on. */
  intervalMs: number;
  /** Probability (0..1) that a run fails. */
  failureRate: number;
  /** Asset whose schedule has stopped: it never runs, its last update stays `staleSeconds` old. */
  staleAsset?: string;
  /** Age of the stale asset's last successful update at start; default 5 h. */
  staleSeconds?: number;
  /** Asset whose durations are multiplied by `slowFactor`. */
  slowAsset?: string;
  /** Default 5. */
  slowFactor?: number;
  /** Asset that fails every run. */
  failingAsset?: string;
  /** One check of one asset whose pass rate drops to `passRate` (%). */
  validationDip?: { asset: string; check: string; passRate: number };
  /**
   * A chain failure (issue 12): `asset` fails every run since `sinceSeconds` before start (default 3 h)
   * and its downstream assets wait for it (never run), so they go past their freshness SLA.
   */
  chainFailure?: { asset: string; sinceSeconds?: number };
  /** A volume drop: `asset` fetches `factor` (0..1) of its usual rows per run. */
  volumeDrop?: { asset: string; factor: number };
  /** A late asset: its runs are held for `holdSeconds` after start (default 1 h) without failing. */
  lateAsset?: { asset: string; holdSeconds?: number };
}

/** Options of startDemo. */
export interface DemoOptions extends Partial<ScenarioOptions> {
  assets?: AssetSpec[];
  /** Interface every server binds to; default 127.0.0.1. */
  host?: string;
  /** Port of the metrics server; 0 = random free port (the default). */
  port?: number;
  /** Push logs to this Loki base URL (real or stand-in). */
  lokiUrl?: string;
  /** OTLP/HTTP base URL; spans go to `${otlpUrl}/v1/traces`. */
  otlpUrl?: string;
  /** Start the Loki and Jaeger stand-ins and push to them when lokiUrl/otlpUrl are not given; default true. */
  standins?: boolean;
  /** Stand-in ports; 0 = random (the default). */
  lokiPort?: number;
  jaegerPort?: number;
  tempoPort?: number;
  /** Which trace stand-in receives the spans when otlpUrl is not given: 'jaeger' (default) or 'tempo'. */
  traces?: 'jaeger' | 'tempo';
  /**
   * A simulated past (simulateHistory with the same assets and scenario): counters and run indices
   * continue it, and its seedRuns' logs and traces are sent before the first live run.
   */
  history?: History;
  /** Run on the interval; default true. false = only when runAll()/runAsset() is called. */
  autoRun?: boolean;
  /**
   * Buckets of asset_execution_seconds; default: 39 geometric buckets 5 ms–100 s (p95 within ~10%).
   * With thousands of assets, coarser buckets keep the scrape small (each bucket is a series per asset and status).
   */
  histogramBuckets?: number[];
}

export type RunStatus = 'success' | 'failure';

/** What the simulator knows about one asset; the metrics, logs and traces are all derived from it. */
export interface AssetState {
  runs: number;
  successes: number;
  failures: number;
  lastStatus: RunStatus;
  /** Epoch seconds of the last SUCCESSFUL run's end. */
  lastUpdate?: number;
  lastTraceId?: string;
  lastError?: string;
  /** Durations of the most recent runs in seconds (oldest first, capped at MAX_DURATIONS). */
  durations: number[];
  /** Cumulative rows per operation (fetch, validate, insert, update). */
  rowsProcessed: Record<string, number>;
  rowCount: number;
  /** Latest pass rate in percent per check. */
  passRates: Record<string, number>;
}

/** Control surface of a running demo pipeline. */
export interface DemoPipeline {
  /** Runs every asset once in topological order and waits until logs and traces are delivered. */
  runAll(): Promise<void>;
  /** Runs one asset once and waits for delivery. */
  runAsset(name: string): Promise<void>;
  /** Stops the interval (runAll/runAsset still work). */
  pause(): void;
  resume(): void;
  /** Waits until every pending log push and span export has completed. */
  flush(): Promise<void>;
  /** A snapshot of every asset's state, keyed by asset name. */
  state(): Record<string, AssetState>;
  readonly assets: AssetSpec[];
}

export interface DemoHandle {
  /** e.g. http://127.0.0.1:9464/metrics */
  metricsUrl: string;
  /** host:port for a Prometheus scrape config. */
  metricsTarget: string;
  /** Loki base URL logs are pushed to (stand-in or given). */
  lokiUrl?: string;
  /** Jaeger query base URL (stand-in only). */
  jaegerUrl?: string;
  /** Tempo HTTP API base URL (stand-in only, with `traces: 'tempo'`). */
  tempoUrl?: string;
  /** OTLP/HTTP base URL spans are exported to. */
  otlpUrl?: string;
  pipeline: DemoPipeline;
  stop(): Promise<void>;
}
