import { DataQuery, DataSourceJsonData } from '@grafana/data';
import { AnnotationKind, CascadeMetric, DurationStat, QueryLimits, SignalMapping, StoredHealthRules } from '../model';

/** Every query type the Cascade data source answers (a public contract: dashboards store it). */
export type CascadeQueryType =
  | 'health'
  | 'metrics'
  | 'logs'
  | 'traces'
  | 'trace'
  | 'lineage'
  | 'alerts'
  | 'system'
  /** Root causes with their blast radius and owners, plus the freshness forecast (issue 12). */
  | 'incidents'
  /** Dashboard annotations: failed runs, SLA breaches and alert spells of the chosen assets. */
  | 'annotations';

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
  rules?: StoredHealthRules;
  /**
   * `health` / `lineage`: the run-duration quantiles to compute. Missing = both p95 and p99. Without
   * recording rules each is Prometheus' most expensive query, so a page asks only for what it shows.
   */
  quantiles?: DurationQuantile[];
  /** `annotations`: which events to overlay. Missing or empty = all three kinds. */
  annotationKinds?: AnnotationKind[];
}

/** A run-duration quantile of the `health` query. */
export type DurationQuantile = 'p95' | 'p99';

export const DEFAULT_QUERY: Partial<CascadeQuery> = { queryType: 'health', assets: [] };

/** Data source jsonData (no secrets: every backend is reached through Grafana's proxy by uid). */
export interface CascadeDataSourceOptions extends DataSourceJsonData {
  prometheusUid?: string;
  lokiUid?: string;
  /** The trace backend: a Jaeger or a Tempo data source (the name predates Tempo support). */
  jaegerUid?: string;
  /** When set, the trace backend instead of `jaegerUid` (provisioning switches backends with it). */
  tracesUid?: string;
  /** The trace backend's type as the config editor saw it; the type in Grafana's data source settings wins. */
  tracesType?: 'jaeger' | 'tempo';
  mapping?: Partial<SignalMapping>;
  rules?: StoredHealthRules;
  limits?: Partial<QueryLimits>;
  /** Per backend request timeout in ms. */
  timeoutMs?: number;
  /** Prometheus scrape interval in seconds; sizes rate windows of `metrics` queries. Default 15. */
  scrapeIntervalSeconds?: number;
  /**
   * Read Cascade's recording rules (prometheus/rules/cascade-recording.yml) when Prometheus has them
   * and the time range is a recorded window (1h, 6h, 24h). Default true; false always reads raw series.
   */
  recordingRules?: boolean;
}

/** Query of the data source's variable support (dashboard variables). */
export interface CascadeVariableQuery extends DataQuery {
  /** What to list. */
  kind: 'assets' | 'layers' | 'owners';
  /** Only assets of this layer (template variables allowed). */
  layer?: string;
}
