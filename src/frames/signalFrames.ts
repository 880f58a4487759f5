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
import { FieldSpec, FrameSpec, readFrame, writeFrame } from './frameKit';
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

const str = <T>(name: string, key: keyof T & string, displayNameFromDS?: string): FieldSpec<T, LinkTargets> => ({
  name,
  key,
  type: FieldType.string,
  config: displayNameFromDS ? { displayNameFromDS } : undefined,
});

/** The `logs` frame, declared once: Grafana's log-lines data plane (timestamp, body, severity, id, labels) plus asset and trace ids. */
export const LOGS_FRAME: FrameSpec<CascadeLogLine, LinkTargets> = {
  kind: 'logs',
  emptyRow: () => ({ timestamp: 0, tsNs: '', body: '', id: '', labels: {} }),
  fields: [
    { name: LF.timestamp, key: 'timestamp', type: FieldType.time },
    str(LF.body, 'body'),
    str(LF.severity, 'severity'),
    str(LF.id, 'id'),
    { name: LF.labels, key: 'labels', type: FieldType.other },
    str(LF.tsNs, 'tsNs'),
    { ...str(LF.asset, 'asset'), config: (t) => ({ links: [assetPageLink(t.app)] }) },
    {
      ...str(LF.traceId, 'traceId'),
      config: (t) => ({ links: [traceDrilldownLink(t.app), ...traceExploreLinks(t)] }),
    },
    str(LF.spanId, 'spanId'),
  ],
};

export function logsToFrame(
  lines: CascadeLogLine[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return writeFrame(LOGS_FRAME, lines, links, refId, {
    type: DataFrameType.LogLines,
    preferredVisualisationType: 'logs',
    notices,
  });
}

export const logsFromFrame = (frame: DataFrame): CascadeLogLine[] => readFrame(LOGS_FRAME, frame);

/** The `traces` frame, declared once: recent traces, newest first, failed ones flagged in `status`/`errors`. */
export const TRACES_FRAME: FrameSpec<TraceSummary, LinkTargets> = {
  kind: 'traces',
  // `spans` stays empty when the backend's search does not report it (Tempo).
  emptyRow: () => ({ traceID: '', start: 0, duration: 0, errors: 0, status: 'ok' }),
  fields: [
    {
      ...str(TF.traceID, 'traceID'),
      config: (t) => ({ links: [traceDrilldownLink(t.app), ...traceExploreLinks(t)], displayNameFromDS: 'Trace ID' }),
    },
    { ...str(TF.asset, 'asset'), config: (t) => ({ links: [assetPageLink(t.app)], displayNameFromDS: 'Asset' }) },
    { name: TF.start, key: 'start', type: FieldType.time, config: { displayNameFromDS: 'Start' } },
    {
      name: TF.duration,
      key: 'duration',
      type: FieldType.number,
      config: { unit: 'ms', displayNameFromDS: 'Duration' },
    },
    { name: TF.spans, key: 'spans', type: FieldType.number, config: { displayNameFromDS: 'Spans' } },
    { name: TF.errors, key: 'errors', type: FieldType.number, config: { displayNameFromDS: 'Error spans' } },
    str(TF.status, 'status', 'Status'),
    str(TF.operation, 'operation', 'Root operation'),
  ],
};

export function tracesToFrame(
  rows: TraceSummary[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return writeFrame(TRACES_FRAME, rows, links, refId, { preferredVisualisationType: 'table', notices });
}

export const tracesFromFrame = (frame: DataFrame): TraceSummary[] => readFrame(TRACES_FRAME, frame);

/** The `alerts` frame, declared once: firing and pending Prometheus alerts with their asset label. */
export const ALERTS_FRAME: FrameSpec<CascadeAlert, AppUrls> = {
  kind: 'alerts',
  emptyRow: () => ({ alertname: '', state: '', labels: {} }),
  fields: [
    { name: AF.alertname, key: 'alertname', type: FieldType.string, config: { displayNameFromDS: 'Alert' } },
    { name: AF.state, key: 'state', type: FieldType.string, config: { displayNameFromDS: 'State' } },
    {
      name: AF.asset,
      key: 'asset',
      type: FieldType.string,
      config: (app) => ({ links: [assetPageLink(app)], displayNameFromDS: 'Asset' }),
    },
    { name: AF.severity, key: 'severity', type: FieldType.string, config: { displayNameFromDS: 'Severity' } },
    { name: AF.summary, key: 'summary', type: FieldType.string, config: { displayNameFromDS: 'Summary' } },
    { name: AF.description, key: 'description', type: FieldType.string, config: { displayNameFromDS: 'Description' } },
    { name: AF.activeAt, key: 'activeAt', type: FieldType.time, config: { displayNameFromDS: 'Active since' } },
    { name: AF.value, key: 'value', type: FieldType.number, config: { displayNameFromDS: 'Value' } },
    { name: AF.labels, key: 'labels', type: FieldType.other, config: { displayNameFromDS: 'Labels' } },
  ],
};

export function alertsToFrame(alerts: CascadeAlert[], refId: string | undefined, app: AppUrls): DataFrame {
  return writeFrame(ALERTS_FRAME, alerts, app, refId, { preferredVisualisationType: 'table' });
}

export const alertsFromFrame = (frame: DataFrame): CascadeAlert[] => readFrame(ALERTS_FRAME, frame);

const stat = (name: string, key: keyof SystemUtilization & string, unit: string, displayNameFromDS: string) => ({
  name,
  key,
  type: FieldType.number,
  config: { unit, displayNameFromDS },
});

/** The `system` frame, declared once: one row of resource utilization. */
export const SYSTEM_FRAME: FrameSpec<SystemUtilization, undefined> = {
  kind: 'system',
  emptyRow: () => ({}),
  fields: [
    stat(SF.diskUsagePercent, 'diskUsagePercent', 'percent', 'Disk'),
    stat(SF.memoryUsagePercent, 'memoryUsagePercent', 'percent', 'Memory'),
    stat(SF.lakeSizeBytes, 'lakeSizeBytes', 'bytes', 'Lake size'),
    stat(SF.containersHealthy, 'containersHealthy', 'none', 'Healthy containers'),
    stat(SF.containersTotal, 'containersTotal', 'none', 'Containers'),
  ],
};

export const systemToFrame = (s: SystemUtilization, refId: string | undefined): DataFrame =>
  writeFrame(SYSTEM_FRAME, [s], undefined, refId);

export const systemFromFrame = (frame: DataFrame): SystemUtilization => readFrame(SYSTEM_FRAME, frame)[0] ?? {};
