/**
 * The frame contract: frame kinds and field names that app pages, dashboards and tests rely on.
 * Renaming anything here is a breaking change for stored dashboards.
 */

/** `meta.custom.cascade` of every frame the data source returns; pages find frames by it (see findFrames). */
export type CascadeFrameKind =
  | 'health'
  | 'metrics'
  | 'logs'
  | 'traces'
  | 'trace'
  | 'lineage-nodes'
  | 'lineage-edges'
  | 'alerts'
  | 'system'
  | 'incidents'
  | 'forecast'
  | 'annotations';

export const HEALTH_FIELDS = {
  asset: 'asset',
  layer: 'layer',
  owner: 'owner',
  /** What is wrong: ok, unknown, quality, volume, errors, stale, failing. */
  status: 'status',
  /** How bad: none, warning, critical (added in 0.2; older frames lack it). */
  severity: 'severity',
  reasons: 'reasons',
  lastUpdate: 'lastUpdate',
  freshness: 'freshness',
  freshnessSla: 'freshnessSla',
  passRate: 'passRate',
  runs: 'runs',
  failures: 'failures',
  errorRate: 'errorRate',
  avgDuration: 'avgDuration',
  p95Duration: 'p95Duration',
  p99Duration: 'p99Duration',
  rowCount: 'rowCount',
  errorLogs: 'errorLogs',
  lastError: 'lastError',
  lastTraceId: 'lastTraceId',
  lastTraceDuration: 'lastTraceDuration',
  upstream: 'upstream',
  downstream: 'downstream',
  /** The root causes upstream of an impacted asset (a list; empty for roots and healthy assets). */
  rootCauses: 'rootCauses',
  isRootCause: 'isRootCause',
  /** Rows per run, the usual rows per run (the volume rule's baseline) and where it came from (0.3). */
  rowsPerRun: 'rowsPerRun',
  usualRowsPerRun: 'usualRowsPerRun',
  usualRowsPerRunFrom: 'usualRowsPerRunFrom',
  /** Reasons of the volume anomalies (a list). */
  volumeAnomalies: 'volumeAnomalies',
  /** The asset as a PromQL/LogQL string literal, for Explore links (hidden in tables). */
  assetLiteral: 'assetLiteral',
} as const;

/** `reasons` is joined with this; `upstream`/`downstream` with LIST_SEPARATOR. */
export const REASON_SEPARATOR = '; ';
export const LIST_SEPARATOR = ', ';

/** Time series frames of `metrics`: one per asset (and check), labelled, display name = asset. */
export const METRIC_FIELDS = { time: 'Time', value: 'Value' } as const;

/** Labels on the value field of a `metrics` frame. */
export const METRIC_LABELS = { asset: 'asset_name', check: 'check_name' } as const;

export const LOG_FIELDS = {
  timestamp: 'timestamp',
  body: 'body',
  severity: 'severity',
  id: 'id',
  labels: 'labels',
  tsNs: 'tsNs',
  asset: 'asset',
  traceId: 'traceId',
  spanId: 'spanId',
} as const;

export const TRACES_FIELDS = {
  traceID: 'traceID',
  asset: 'asset',
  start: 'start',
  duration: 'duration',
  spans: 'spans',
  errors: 'errors',
  status: 'status',
  operation: 'operation',
} as const;

/** Grafana's trace frame (what its Jaeger data source returns), rendered by the trace panel. */
export const TRACE_FIELDS = {
  traceID: 'traceID',
  spanID: 'spanID',
  parentSpanID: 'parentSpanID',
  operationName: 'operationName',
  serviceName: 'serviceName',
  serviceTags: 'serviceTags',
  startTime: 'startTime',
  duration: 'duration',
  logs: 'logs',
  references: 'references',
  tags: 'tags',
  kind: 'kind',
  statusCode: 'statusCode',
  statusMessage: 'statusMessage',
  warnings: 'warnings',
  stackTraces: 'stackTraces',
} as const;

export const ALERT_FIELDS = {
  alertname: 'alertname',
  state: 'state',
  asset: 'asset',
  severity: 'severity',
  summary: 'summary',
  description: 'description',
  activeAt: 'activeAt',
  value: 'value',
  /** every label of the alert (other) */
  labels: 'labels',
} as const;

export const SYSTEM_FIELDS = {
  diskUsagePercent: 'diskUsagePercent',
  memoryUsagePercent: 'memoryUsagePercent',
  lakeSizeBytes: 'lakeSizeBytes',
  containersHealthy: 'containersHealthy',
  containersTotal: 'containersTotal',
} as const;

/** `incidents` (issue 12): one row per root cause. */
export const INCIDENTS_FIELDS = {
  root: 'root',
  status: 'status',
  reasons: 'reasons',
  since: 'since',
  impactedCount: 'impactedCount',
  impacted: 'impacted',
  blastRadiusCount: 'blastRadiusCount',
  blastRadius: 'blastRadius',
  owners: 'owners',
  firstSlaBreachAt: 'firstSlaBreachAt',
  firstSlaBreachAsset: 'firstSlaBreachAsset',
  inCycle: 'inCycle',
} as const;

/** `forecast` (issue 12): one row per asset, soonest SLA breach first. */
export const FORECAST_FIELDS = {
  asset: 'asset',
  state: 'state',
  summary: 'summary',
  slaBreachAt: 'slaBreachAt',
  expectedNextUpdate: 'expectedNextUpdate',
  lastUpdate: 'lastUpdate',
  cadenceSeconds: 'cadenceSeconds',
  cadenceSource: 'cadenceSource',
  blockedBy: 'blockedBy',
} as const;

/** `annotations`: one row per event, in the field names Grafana's annotation processing reads. */
export const ANNOTATION_FIELDS = {
  time: 'time',
  timeEnd: 'timeEnd',
  title: 'title',
  text: 'text',
  /** A list: asset, kind, severity (alerts add the alert name and state). */
  tags: 'tags',
  color: 'color',
  asset: 'asset',
  kind: 'kind',
  severity: 'severity',
  ongoing: 'ongoing',
} as const;
