import { AssetSeverity, AssetStatus } from './asset';

/**
 * The diagnosis of a pipeline (issue 12): which unhealthy assets are root causes, what they break,
 * who must hear about it, when data will be fresh again and which volumes dropped. Computed by the
 * pure rules in `rules/` and returned by the `incidents` query.
 */

/** One root cause and everything downstream of it (a row of the `incidents` frame). */
export interface Incident {
  /** The root-cause asset: unhealthy, with no unhealthy ancestor. */
  root: string;
  status: AssetStatus;
  reasons: string[];
  /** ms epoch: its first failed run or SLA breach in the range; undefined when the data does not say. */
  since?: number;
  /** Its unhealthy descendants, nearest first. */
  impacted: string[];
  /** All its descendants (healthy or not), nearest first. */
  blastRadius: string[];
  /** Owners of the root, the impacted assets and the descendants at risk of an SLA breach, sorted. */
  owners: string[];
  /** ms epoch of the earliest SLA breach among its descendants (past or predicted). */
  firstSlaBreachAt?: number;
  /** The descendant that breaches first. */
  firstSlaBreachAsset?: string;
  /** True when the root sits on a dependency cycle (its co-roots on the cycle are roots too). */
  inCycle: boolean;
}

/** Root causes, impacted assets and cycles of one health snapshot. */
export interface RootCauseAnalysis {
  /** Unhealthy assets with no unhealthy ancestor (outside their own dependency cycle), by name. */
  roots: string[];
  /** Unhealthy assets that are not roots. */
  impacted: string[];
  /** For every descendant of a root (healthy or not): the roots among its ancestors, sorted. */
  upstreamRoots: Map<string, string[]>;
  /** For every root: its descendants in breadth-first order (nearest first). */
  descendants: Map<string, string[]>;
  /** Dependency cycles found (each a strongly connected set of assets, sorted); empty on a DAG. */
  cycles: string[][];
}

/** Freshness forecast states, most urgent first: see rules/freshnessForecast.ts. */
export type ForecastState = 'blocked' | 'late' | 'breach-predicted' | 'on-time';

/** When an asset's data will next be fresh, and whether that comes before its SLA. */
export interface FreshnessForecast {
  asset: string;
  state: ForecastState;
  /** Typical seconds between two updates over the range; undefined when the range does not show any. */
  cadenceSeconds?: number;
  /** Where the cadence came from: changes of the last-update timestamp, or the executions counted. */
  cadenceSource?: 'updates' | 'executions';
  /** ms epoch */
  lastUpdate?: number;
  /** ms epoch: lastUpdate + cadence. */
  expectedNextUpdate?: number;
  /** ms epoch: when its age passes the warning SLA. */
  slaBreachAt?: number;
  /** Upstream root causes that keep it from updating (state 'blocked'). */
  blockedBy: string[];
  /** In words: "breaches its SLA in 35 min", "late by 12 min", "blocked by fct_glucose_readings". */
  summary: string;
}

/** Thresholds of the freshness forecast. */
export interface ForecastRules {
  /** An asset is late once now passes expectedNextUpdate + grace × cadence (absorbs run-time jitter). */
  lateGraceFraction: number;
}

export const DEFAULT_FORECAST_RULES: ForecastRules = { lateGraceFraction: 0.5 };

/** Thresholds of the volume anomaly rule (documented in src/datasource/README.md). */
export interface VolumeRules {
  /** Rows per run this many percent below the baseline is an anomaly. */
  minDropPercent: number;
  /** The table's row count falling this many percent within the range is an anomaly. */
  rowCountDropPercent: number;
  /** Fewer runs than this in the range (or the baseline) says nothing. */
  minRuns: number;
  /** Status an anomaly gives its asset (the `volume` kind; configurable for compatibility). */
  status: AssetStatus;
  /** How bad a volume anomaly is. */
  severity: AssetSeverity;
}

export const DEFAULT_VOLUME_RULES: VolumeRules = {
  minDropPercent: 50,
  rowCountDropPercent: 20,
  minRuns: 1,
  status: 'volume',
  severity: 'warning',
};

/** Where a volume baseline came from. */
export type VolumeBaselineSource = 'day-before' | 'week-before' | 'day-and-week-before' | 'earlier-runs';

/** A volume anomaly of one asset. */
export interface VolumeAnomaly {
  asset: string;
  kind: 'rows-per-run' | 'row-count';
  /** Rows per run in the range, or the row count at the end of the range. */
  value: number;
  /** The usual rows per run, or the highest row count in the range. */
  baseline: number;
  baselineSource: VolumeBaselineSource | 'range-max';
  /** Signed change in percent (negative = drop). */
  changePercent: number;
  status: AssetStatus;
  severity: AssetSeverity;
  /** "rows per run 1,020 vs 9,800 usual (−90%)" */
  reason: string;
}

/** Rows processed and runs over one window (a volume baseline or the range). */
export interface RowsWindow {
  rows: number;
  runs: number;
}

/**
 * What the diagnosis reads per asset beyond the health signals: one Prometheus range query over
 * the range and the volume of the same window one day and one week earlier.
 */
export interface DiagnosisSignals {
  /** ms epochs of the values the last-update timestamp took over the range. */
  updateTimes?: number[];
  /** ms epoch of the first step in the range whose failure counter increased. */
  firstFailureAt?: number;
  /** Rows processed and runs over the range, the range's last run(s) and the runs before them. */
  range?: RowsWindow;
  latestRuns?: RowsWindow;
  earlierRuns?: RowsWindow;
  dayBefore?: RowsWindow;
  weekBefore?: RowsWindow;
  /** Highest row count in the range and the row count at its end. */
  rowCountMax?: number;
  rowCountLast?: number;
}
