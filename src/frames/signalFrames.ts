import { createDataFrame, DataFrame, DataFrameType, FieldType, QueryResultMetaNotice } from '@grafana/data';
import { CascadeAlert, CascadeLogLine, CascadeMetric, SystemUtilization, TraceSummary } from '../model';
import {
  ALERT_FIELDS as AF,
  LOG_FIELDS as LF,
  METRIC_FIELDS,
  METRIC_LABELS,
  SYSTEM_FIELDS as SF,
  TRACES_FIELDS as TF,
} from './frameFields';
import { asNumber, asString, buildTable, readRows } from './frameKit';
import { AppUrls, assetPageLink, exploreLink, LinkTargets, traceDrilldownLink, traceExploreLinks } from './dataLinks';
import { PromSeries } from '../backends/prometheus/parsePrometheus';

export const METRIC_UNITS: Record<CascadeMetric, string> = {
  duration: 's',
  runs: 'none',
  failures: 'none',
  rows: 'short',
  rowCount: 'short',
  freshness: 's',
  passRate: 'percent',
};

/**
 * `metrics` frames: one time series per asset (per asset and check for passRate), the value field
 * labelled { asset_name, check_name? } and displayed as the asset (`asset · check`).
 */
export function metricsToFrames(
  series: PromSeries[],
  assetLabel: string,
  checkLabel: string,
  metric: CascadeMetric,
  refId?: string
): DataFrame[] {
  return series.map((s) => {
    const asset = s.labels[assetLabel] ?? '';
    const check = s.labels[checkLabel];
    const labels: Record<string, string> = { [METRIC_LABELS.asset]: asset };
    if (check !== undefined) {
      labels[METRIC_LABELS.check] = check;
    }
    const display = check !== undefined ? `${asset} · ${check}` : asset;
    return createDataFrame({
      refId,
      name: display,
      fields: [
        { name: METRIC_FIELDS.time, type: FieldType.time, values: s.timestamps, config: {} },
        {
          name: METRIC_FIELDS.value,
          type: FieldType.number,
          values: s.values.map((v) => (Number.isNaN(v) ? null : v)),
          labels,
          config: { displayNameFromDS: display, unit: METRIC_UNITS[metric] },
        },
      ],
      meta: { type: DataFrameType.TimeSeriesMulti, custom: { cascade: 'metrics', metric } },
    });
  });
}

/** Reads `metrics` frames back: asset, check and the points. */
export function metricsFromFrames(
  frames: DataFrame[]
): Array<{ asset: string; check?: string; timestamps: number[]; values: Array<number | null> }> {
  return frames.map((f) => {
    const value = f.fields.find((x) => x.name === METRIC_FIELDS.value);
    const time = f.fields.find((x) => x.name === METRIC_FIELDS.time);
    return {
      asset: value?.labels?.[METRIC_LABELS.asset] ?? '',
      check: value?.labels?.[METRIC_LABELS.check],
      timestamps: time ? Array.from(time.values as number[]) : [],
      values: value ? Array.from(value.values as Array<number | null>) : [],
    };
  });
}

/** The `logs` frame (Grafana's log-lines data plane: timestamp, body, severity, id, labels) plus asset and trace ids. */
export function logsToFrame(
  lines: CascadeLogLine[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const traceLinks = [traceDrilldownLink(links.app), ...traceExploreLinks(links)];
  return buildTable<CascadeLogLine>(
    'logs',
    refId,
    [
      { name: LF.timestamp, type: FieldType.time, get: (l) => l.timestamp },
      { name: LF.body, type: FieldType.string, get: (l) => l.body },
      { name: LF.severity, type: FieldType.string, get: (l) => l.severity },
      { name: LF.id, type: FieldType.string, get: (l) => l.id },
      { name: LF.labels, type: FieldType.other, get: (l) => l.labels },
      { name: LF.tsNs, type: FieldType.string, get: (l) => l.tsNs },
      { name: LF.asset, type: FieldType.string, get: (l) => l.asset, config: { links: [assetPageLink(links.app)] } },
      { name: LF.traceId, type: FieldType.string, get: (l) => l.traceId, config: { links: traceLinks } },
      { name: LF.spanId, type: FieldType.string, get: (l) => l.spanId },
    ],
    lines,
    { type: DataFrameType.LogLines, preferredVisualisationType: 'logs', notices }
  );
}

export function logsFromFrame(frame: DataFrame): CascadeLogLine[] {
  return readRows(frame, (get) => ({
    timestamp: asNumber(get(LF.timestamp)) ?? 0,
    tsNs: asString(get(LF.tsNs)) ?? '',
    body: asString(get(LF.body)) ?? '',
    severity: asString(get(LF.severity)),
    id: asString(get(LF.id)) ?? '',
    labels: (get(LF.labels) as Record<string, string>) ?? {},
    asset: asString(get(LF.asset)),
    traceId: asString(get(LF.traceId)),
    spanId: asString(get(LF.spanId)),
  }));
}

/** The `traces` frame: recent traces, newest first, failed ones flagged in `status`/`errors`. */
export function tracesToFrame(
  rows: TraceSummary[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  const traceLinks = [traceDrilldownLink(links.app), ...traceExploreLinks(links)];
  return buildTable<TraceSummary>(
    'traces',
    refId,
    [
      {
        name: TF.traceID,
        type: FieldType.string,
        get: (r) => r.traceID,
        config: { links: traceLinks, displayNameFromDS: 'Trace ID' },
      },
      {
        name: TF.asset,
        type: FieldType.string,
        get: (r) => r.asset,
        config: { links: [assetPageLink(links.app)], displayNameFromDS: 'Asset' },
      },
      { name: TF.start, type: FieldType.time, get: (r) => r.start, config: { displayNameFromDS: 'Start' } },
      {
        name: TF.duration,
        type: FieldType.number,
        get: (r) => r.duration,
        config: { unit: 'ms', displayNameFromDS: 'Duration' },
      },
      { name: TF.spans, type: FieldType.number, get: (r) => r.spans, config: { displayNameFromDS: 'Spans' } },
      { name: TF.errors, type: FieldType.number, get: (r) => r.errors, config: { displayNameFromDS: 'Error spans' } },
      { name: TF.status, type: FieldType.string, get: (r) => r.status, config: { displayNameFromDS: 'Status' } },
      {
        name: TF.operation,
        type: FieldType.string,
        get: (r) => r.operation,
        config: { displayNameFromDS: 'Root operation' },
      },
    ],
    rows,
    { preferredVisualisationType: 'table', notices }
  );
}

export function tracesFromFrame(frame: DataFrame): TraceSummary[] {
  return readRows(frame, (get) => ({
    traceID: asString(get(TF.traceID)) ?? '',
    asset: asString(get(TF.asset)),
    start: asNumber(get(TF.start)) ?? 0,
    duration: asNumber(get(TF.duration)) ?? 0,
    // Empty when the backend's search does not report it (Tempo).
    spans: asNumber(get(TF.spans)),
    errors: asNumber(get(TF.errors)) ?? 0,
    status: asString(get(TF.status)) === 'error' ? 'error' : 'ok',
    operation: asString(get(TF.operation)),
  }));
}

/** The `alerts` frame: firing and pending Prometheus alerts with their asset label. */
export function alertsToFrame(alerts: CascadeAlert[], refId: string | undefined, app: AppUrls): DataFrame {
  return buildTable<CascadeAlert>(
    'alerts',
    refId,
    [
      { name: AF.alertname, type: FieldType.string, get: (a) => a.alertname, config: { displayNameFromDS: 'Alert' } },
      { name: AF.state, type: FieldType.string, get: (a) => a.state, config: { displayNameFromDS: 'State' } },
      {
        name: AF.asset,
        type: FieldType.string,
        get: (a) => a.asset,
        config: { links: [assetPageLink(app)], displayNameFromDS: 'Asset' },
      },
      { name: AF.severity, type: FieldType.string, get: (a) => a.severity, config: { displayNameFromDS: 'Severity' } },
      { name: AF.summary, type: FieldType.string, get: (a) => a.summary, config: { displayNameFromDS: 'Summary' } },
      {
        name: AF.description,
        type: FieldType.string,
        get: (a) => a.description,
        config: { displayNameFromDS: 'Description' },
      },
      {
        name: AF.activeAt,
        type: FieldType.time,
        get: (a) => a.activeAt,
        config: { displayNameFromDS: 'Active since' },
      },
      { name: AF.value, type: FieldType.number, get: (a) => a.value, config: { displayNameFromDS: 'Value' } },
      { name: AF.labels, type: FieldType.other, get: (a) => a.labels, config: { displayNameFromDS: 'Labels' } },
    ],
    alerts,
    { preferredVisualisationType: 'table' }
  );
}

export function alertsFromFrame(frame: DataFrame): CascadeAlert[] {
  return readRows(frame, (get) => ({
    alertname: asString(get(AF.alertname)) ?? '',
    state: asString(get(AF.state)) ?? '',
    asset: asString(get(AF.asset)),
    severity: asString(get(AF.severity)),
    summary: asString(get(AF.summary)),
    description: asString(get(AF.description)),
    activeAt: asNumber(get(AF.activeAt)),
    value: asNumber(get(AF.value)),
    labels: (get(AF.labels) as Record<string, string>) ?? {},
  }));
}

/** The `system` frame: one row of resource utilization. */
export function systemToFrame(s: SystemUtilization, refId: string | undefined): DataFrame {
  const n = (name: string, get: (x: SystemUtilization) => unknown, unit: string, displayNameFromDS: string) => ({
    name,
    type: FieldType.number,
    get,
    config: { unit, displayNameFromDS },
  });
  return buildTable<SystemUtilization>(
    'system',
    refId,
    [
      n(SF.diskUsagePercent, (x) => x.diskUsagePercent, 'percent', 'Disk'),
      n(SF.memoryUsagePercent, (x) => x.memoryUsagePercent, 'percent', 'Memory'),
      n(SF.lakeSizeBytes, (x) => x.lakeSizeBytes, 'bytes', 'Lake size'),
      n(SF.containersHealthy, (x) => x.containersHealthy, 'none', 'Healthy containers'),
      n(SF.containersTotal, (x) => x.containersTotal, 'none', 'Containers'),
    ],
    [s]
  );
}

export function systemFromFrame(frame: DataFrame): SystemUtilization {
  return (
    readRows(frame, (get) => ({
      diskUsagePercent: asNumber(get(SF.diskUsagePercent)),
      memoryUsagePercent: asNumber(get(SF.memoryUsagePercent)),
      lakeSizeBytes: asNumber(get(SF.lakeSizeBytes)),
      containersHealthy: asNumber(get(SF.containersHealthy)),
      containersTotal: asNumber(get(SF.containersTotal)),
    }))[0] ?? {}
  );
}
