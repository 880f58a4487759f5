import { DataQuery, DataQueryError, DataSourceJsonData } from '@grafana/data';

/** Every query type the Cascade data source answers (a public contract: dashboards store it). */
export type CascadeQueryType = 'health' | 'metrics' | 'logs' | 'traces' | 'trace' | 'lineage' | 'alerts' | 'system';

/** Metric families a `metrics` query can chart, one series per asset. */
export type CascadeMetric = 'duration' | 'runs' | 'failures' | 'rows' | 'rowCount' | 'freshness' | 'passRate';

/** Statistic applied to the execution-time histogram for `metric: 'duration'`. */
export type DurationStat = 'avg' | 'p50' | 'p95' | 'p99';

/** Asset status, worst last: the order is used to sort "most urgent first". */
export type AssetStatus = 'ok' | 'unknown' | 'warning' | 'stale' | 'critical' | 'failing';

/** The query model stored in dashboards. Template variables interpolate into `assets`, `search`, `traceId`. */
export interface CascadeQuery extends DataQuery {
  queryType: CascadeQueryType;
  /** Empty or missing = all assets. Multi-value and All variables expand here. */
  assets?: string[];
  metric?: CascadeMetric;
  stat?: DurationStat;
  /** Logs: level filter (e.g. `error`). */
  level?: string;
  /** Logs: line filter (substring). */
  search?: string;
  /** `trace`: the trace to load; `logs`: restrict to this trace. */
  traceId?: string;
  /** Max rows/traces/log lines returned. */
  limit?: number;
  /** Health rule overrides for this query (the app passes per-asset SLAs from its settings). */
  rules?: Partial<HealthRules>;
}

export const DEFAULT_QUERY: Partial<CascadeQuery> = { queryType: 'health', assets: [] };

/** Per-asset freshness SLA in seconds. */
export interface FreshnessSla {
  warningSeconds: number;
  criticalSeconds: number;
}

/** Status rules applied by the join; configurable in the data source and per query. */
export interface HealthRules {
  freshness: FreshnessSla;
  /** Per-asset freshness overrides keyed by asset name. */
  freshnessOverrides: Record<string, FreshnessSla>;
  /** Minimum validation pass rate in percent (below = warning). */
  minPassRate: number;
  /** Maximum error rate (failures / runs over the range) as a fraction (above = critical). */
  maxErrorRate: number;
}

export const DEFAULT_HEALTH_RULES: HealthRules = {
  freshness: { warningSeconds: 2 * 3600, criticalSeconds: 4 * 3600 },
  freshnessOverrides: {},
  minPassRate: 95,
  maxErrorRate: 0.1,
};

/** How the pipeline's signals are named; defaults are the seed's contract. */
export interface SignalMapping {
  assetLabel: string;
  lokiSelector: string;
  lokiAssetField: string;
  lokiLevelField: string;
  lokiTraceIdField: string;
  jaegerService: string;
  jaegerAssetTag: string;
  metrics: {
    executionSeconds: string;
    executionsTotal: string;
    failuresTotal: string;
    rowsProcessedTotal: string;
    rowCount: string;
    lastUpdateTimestamp: string;
    freshnessSeconds: string;
    passRate: string;
    assetInfo: string;
    assetDependency: string;
  };
  /** `asset_info` label holding the asset's layer (bronze/silver/gold). Default `layer`. */
  layerLabel?: string;
  /** `asset_info` label holding the owning team. Default `owner`. */
  ownerLabel?: string;
  /** `asset_dependency` label naming the upstream asset (the series' asset label is the downstream one). Default `upstream`. */
  upstreamLabel?: string;
  /** `validation_pass_rate` label naming the check. Default `check_name`. */
  checkLabel?: string;
  /** Loki JSON field with the span id (for logs interleaved under spans). Default `span_id`. */
  lokiSpanIdField?: string;
  /** Resource metrics for the `system` query (the seed's system-level metrics). */
  system?: Partial<SystemMetricNames>;
}

/** Metric names behind the `system` query type. */
export interface SystemMetricNames {
  diskUsagePercent: string;
  memoryUsagePercent: string;
  lakeSizeBytes: string;
  containerHealth: string;
}

export const DEFAULT_MAPPING: SignalMapping = {
  assetLabel: 'asset_name',
  lokiSelector: '{job="dagster"}',
  lokiAssetField: 'asset_name',
  lokiLevelField: 'level',
  lokiTraceIdField: 'trace_id',
  jaegerService: 'dagster',
  jaegerAssetTag: 'asset_name',
  metrics: {
    executionSeconds: 'asset_execution_seconds',
    executionsTotal: 'asset_executions_total',
    failuresTotal: 'asset_execution_failures_total',
    rowsProcessedTotal: 'asset_rows_processed_total',
    rowCount: 'asset_row_count',
    lastUpdateTimestamp: 'asset_last_update_timestamp',
    freshnessSeconds: 'asset_freshness_seconds',
    passRate: 'validation_pass_rate',
    assetInfo: 'asset_info',
    assetDependency: 'asset_dependency',
  },
};

/** Caps that keep memory bounded; results beyond them are truncated with a notice. */
export interface QueryLimits {
  maxSeries: number;
  maxLogLines: number;
  maxSpans: number;
  maxTraces: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxSeries: 20000, maxLogLines: 5000, maxSpans: 100000, maxTraces: 500 };

/** Data source jsonData (no secrets: every backend is reached through Grafana's proxy by uid). */
export interface CascadeDataSourceOptions extends DataSourceJsonData {
  prometheusUid?: string;
  lokiUid?: string;
  jaegerUid?: string;
  mapping?: Partial<SignalMapping>;
  rules?: Partial<HealthRules>;
  limits?: Partial<QueryLimits>;
  /** Per backend request timeout in ms. */
  timeoutMs?: number;
  /** Prometheus scrape interval in seconds; sizes rate windows of `metrics` queries. Default 15. */
  scrapeIntervalSeconds?: number;
}

/** One row of the `health` frame: everything Cascade knows about an asset, joined by name. */
export interface AssetHealth {
  asset: string;
  layer?: string;
  owner?: string;
  status: AssetStatus;
  /** Human-readable reasons behind `status`. */
  reasons: string[];
  /** ms epoch */
  lastUpdate?: number;
  /** seconds since last update */
  freshness?: number;
  freshnessSla?: number;
  /** percent, min over checks */
  passRate?: number;
  runs?: number;
  failures?: number;
  errorRate?: number;
  /** seconds */
  avgDuration?: number;
  p95Duration?: number;
  p99Duration?: number;
  rowCount?: number;
  errorLogs?: number;
  lastError?: string;
  lastTraceId?: string;
  /** ms */
  lastTraceDuration?: number;
  upstream: string[];
  downstream: string[];
}

/** Backends the data source talks to; errors name one of these. */
export type Backend = 'prometheus' | 'loki' | 'jaeger';

/** A query error that names the backend it came from, so pages can show it next to that source. */
export interface CascadeQueryError extends DataQueryError {
  backend?: Backend;
}

/** One recent trace of an asset (a row of the `traces` frame). */
export interface TraceSummary {
  traceID: string;
  asset?: string;
  /** ms epoch of the earliest span */
  start: number;
  /** ms, from the first span start to the last span end */
  duration: number;
  spans: number;
  /** spans marked as errors */
  errors: number;
  status: 'ok' | 'error';
  /** root span operation */
  operation?: string;
}

/** A firing or pending Prometheus alert (a row of the `alerts` frame). */
export interface CascadeAlert {
  alertname: string;
  state: string;
  asset?: string;
  severity?: string;
  summary?: string;
  description?: string;
  /** ms epoch */
  activeAt?: number;
  value?: number;
  labels: Record<string, string>;
}

/** Resource utilization (the single row of the `system` frame). */
export interface SystemUtilization {
  diskUsagePercent?: number;
  memoryUsagePercent?: number;
  lakeSizeBytes?: number;
  containersHealthy?: number;
  containersTotal?: number;
}

/** One log line of the `logs` frame. */
export interface CascadeLogLine {
  /** ms epoch */
  timestamp: number;
  /** nanosecond epoch as a string (exact ordering) */
  tsNs: string;
  body: string;
  severity?: string;
  id: string;
  labels: Record<string, string>;
  asset?: string;
  traceId?: string;
  spanId?: string;
}

/** Query of the data source's variable support (dashboard variables). */
export interface CascadeVariableQuery extends DataQuery {
  /** What to list. */
  kind: 'assets' | 'layers' | 'owners';
  /** Only assets of this layer (template variables allowed). */
  layer?: string;
}
