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

/** SignalMapping with every optional name filled in. */
export interface ResolvedMapping extends SignalMapping {
  layerLabel: string;
  ownerLabel: string;
  upstreamLabel: string;
  checkLabel: string;
  lokiSpanIdField: string;
  system: SystemMetricNames;
}

export const DEFAULT_SYSTEM_METRICS: SystemMetricNames = {
  diskUsagePercent: 'disk_usage_percent',
  memoryUsagePercent: 'memory_usage_percent',
  lakeSizeBytes: 'storage_lake_size_bytes',
  containerHealth: 'container_health',
};

const nonEmpty = (v: string | undefined, fallback: string) => (v && v.trim() ? v.trim() : fallback);

/** Mapping from jsonData with the seed's defaults for anything unset or blank. */
export function resolveMapping(partial: Partial<SignalMapping> | undefined): ResolvedMapping {
  const p = partial ?? {};
  const metrics = { ...DEFAULT_MAPPING.metrics };
  for (const key of Object.keys(metrics) as Array<keyof SignalMapping['metrics']>) {
    metrics[key] = nonEmpty(p.metrics?.[key], metrics[key]);
  }
  const system = { ...DEFAULT_SYSTEM_METRICS };
  for (const key of Object.keys(system) as Array<keyof SystemMetricNames>) {
    system[key] = nonEmpty(p.system?.[key], system[key]);
  }
  return {
    assetLabel: nonEmpty(p.assetLabel, DEFAULT_MAPPING.assetLabel),
    lokiSelector: nonEmpty(p.lokiSelector, DEFAULT_MAPPING.lokiSelector),
    lokiAssetField: nonEmpty(p.lokiAssetField, DEFAULT_MAPPING.lokiAssetField),
    lokiLevelField: nonEmpty(p.lokiLevelField, DEFAULT_MAPPING.lokiLevelField),
    lokiTraceIdField: nonEmpty(p.lokiTraceIdField, DEFAULT_MAPPING.lokiTraceIdField),
    lokiSpanIdField: nonEmpty(p.lokiSpanIdField, 'span_id'),
    jaegerService: nonEmpty(p.jaegerService, DEFAULT_MAPPING.jaegerService),
    jaegerAssetTag: nonEmpty(p.jaegerAssetTag, DEFAULT_MAPPING.jaegerAssetTag),
    layerLabel: nonEmpty(p.layerLabel, 'layer'),
    ownerLabel: nonEmpty(p.ownerLabel, 'owner'),
    upstreamLabel: nonEmpty(p.upstreamLabel, 'upstream'),
    checkLabel: nonEmpty(p.checkLabel, 'check_name'),
    metrics,
    system,
  };
}
