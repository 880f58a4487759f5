/** Metric families a `metrics` query can chart, one series per asset. */
export type CascadeMetric = 'duration' | 'runs' | 'failures' | 'rows' | 'rowCount' | 'freshness' | 'passRate';

/** Statistic applied to the execution-time histogram for `metric: 'duration'`. */
export type DurationStat = 'avg' | 'p50' | 'p95' | 'p99';

/** One recent trace of an asset (a row of the `traces` frame). */
export interface TraceSummary {
  traceID: string;
  asset?: string;
  /** ms epoch of the earliest span */
  start: number;
  /** ms, from the first span start to the last span end */
  duration: number;
  /** Spans in the trace; undefined when the backend's search does not say (Tempo). */
  spans?: number;
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

/** The latest known trace of an asset (from the one Jaeger search of a health query). */
export interface AssetTrace {
  traceId: string;
  /** ms epoch */
  start: number;
  /** ms */
  duration: number;
  error: boolean;
}

/** The newest error line of an asset (from the one Loki error query). */
export interface AssetError {
  message: string;
  /** ms epoch */
  at: number;
}
