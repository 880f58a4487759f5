import { APP_URLS } from '../datasource/settings';
/**
 * A small pipeline in a known state for page tests (imported by *.test.tsx only): the seed's
 * glucose assets, one failing, one stale, one slow, one with a failing quality check. Frames are
 * built with the data source's own frame builders.
 */
import { DataFrame } from '@grafana/data';
import {
  AssetHealth,
  CascadeAlert,
  CascadeLogLine,
  DiagnosisSignals,
  SystemUtilization,
  TraceSummary,
  resolveMapping,
  resolveRules,
} from '../model';
import { CascadeQuery } from '../datasource/types';
import { healthToFrame, LinkTargets } from '../frames/healthFrame';
import { alertsToFrame, logsToFrame, metricsToFrames, systemToFrame, tracesToFrame } from '../frames/signalFrames';
import { Handlers } from './testUtils';
import { diagnose } from '../rules/diagnose';
import { compareTimeToBreach } from '../rules/freshnessForecast';
import { forecastToFrame, incidentsToFrame } from '../frames/incidentsFrame';

export const NOW = Date.UTC(2024, 9, 15, 12, 0, 0);
const H = 3600;

const asset = (a: Partial<AssetHealth> & { asset: string }): AssetHealth => ({
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  ...a,
});

export const ROWS: AssetHealth[] = [
  asset({
    asset: 'dlt_glucose_entries',
    layer: 'bronze',
    owner: 'ingest-team',
    lastUpdate: NOW - 600e3,
    freshness: 600,
    freshnessSla: 2 * H,
    passRate: 99.5,
    runs: 12,
    failures: 0,
    errorRate: 0,
    avgDuration: 0.15,
    p95Duration: 0.2,
    p99Duration: 0.25,
    rowCount: 1200,
    downstream: ['stg_glucose_entries'],
  }),
  asset({
    asset: 'stg_glucose_entries',
    layer: 'silver',
    owner: 'data-platform-team',
    status: 'stale',
    reasons: ['not updated for 3h (SLA 2h)'],
    lastUpdate: NOW - 3 * H * 1000,
    freshness: 3 * H,
    freshnessSla: 2 * H,
    passRate: 100,
    runs: 6,
    failures: 0,
    avgDuration: 0.045,
    p95Duration: 0.06,
    p99Duration: 0.07,
    rowCount: 1180,
    upstream: ['dlt_glucose_entries'],
    downstream: ['fct_glucose_readings'],
  }),
  asset({
    asset: 'fct_glucose_readings',
    layer: 'gold',
    owner: 'data-platform-team',
    status: 'failing',
    reasons: ['last run failed: division by zero', 'validation pass rate 90% < 95%'],
    lastUpdate: NOW - 1800e3,
    freshness: 1800,
    freshnessSla: 2 * H,
    passRate: 90,
    runs: 288,
    failures: 3,
    errorRate: 3 / 288,
    avgDuration: 0.32,
    p95Duration: 0.58,
    p99Duration: 0.95,
    rowCount: 487239,
    errorLogs: 3,
    lastError: 'division by zero',
    lastTraceId: 'abc123',
    lastTraceDuration: 320,
    upstream: ['stg_glucose_entries'],
    downstream: ['publish_to_postgres'],
  }),
  asset({
    asset: 'publish_to_postgres',
    layer: 'gold',
    owner: 'data-platform-team',
    lastUpdate: NOW - 900e3,
    freshness: 900,
    freshnessSla: 2 * H,
    runs: 12,
    failures: 0,
    avgDuration: 1.24,
    p95Duration: 1.5,
    p99Duration: 1.6,
    upstream: ['fct_glucose_readings'],
  }),
];

/** Baseline avg duration per asset (publish_to_postgres is slow against it: 1.24 s vs 0.5 s). */
export const BASELINE_AVG: Record<string, number> = {
  dlt_glucose_entries: 0.15,
  stg_glucose_entries: 0.05,
  fct_glucose_readings: 0.3,
  publish_to_postgres: 0.5,
};

export const CHECKS = [
  { asset: 'fct_glucose_readings', check: 'glucose_range_check', values: [100, 100, 90] },
  { asset: 'fct_glucose_readings', check: 'no_duplicates', values: [100, 100, 100] },
  { asset: 'dlt_glucose_entries', check: 'schema', values: [99, 99.5, 99.5] },
];

export const ALERTS: CascadeAlert[] = [
  {
    alertname: 'ValidationFailure',
    state: 'firing',
    asset: 'fct_glucose_readings',
    severity: 'warning',
    summary: 'Data validation failed for fct_glucose_readings',
    description: 'Pass rate: 90%',
    activeAt: NOW - 600e3,
    value: 90,
    labels: {},
  },
  {
    alertname: 'DatasetFreshness',
    state: 'pending',
    asset: 'stg_glucose_entries',
    severity: 'critical',
    summary: 'Dataset stg_glucose_entries is stale',
    activeAt: NOW - 60e3,
    value: 3,
    labels: {},
  },
];

export const SYSTEM: SystemUtilization = {
  diskUsagePercent: 45,
  memoryUsagePercent: 92,
  lakeSizeBytes: 280e9,
  containersHealthy: 4,
  containersTotal: 5,
};

export const LOGS: CascadeLogLine[] = [
  {
    timestamp: NOW - 60e3,
    tsNs: `${NOW - 60e3}000000`,
    body: 'asset_failed error_message="division by zero"',
    severity: 'error',
    id: 'l1',
    labels: { job: 'dagster' },
    asset: 'fct_glucose_readings',
    traceId: 'abc123',
    spanId: 's1',
  },
  {
    timestamp: NOW - 120e3,
    tsNs: `${NOW - 120e3}000000`,
    body: 'merge_started table=marts.fct_glucose_readings',
    severity: 'info',
    id: 'l2',
    labels: { job: 'dagster' },
    asset: 'fct_glucose_readings',
    traceId: 'abc123',
    spanId: 's2',
  },
  {
    timestamp: NOW - 180e3,
    tsNs: `${NOW - 180e3}000000`,
    body: 'asset_started',
    severity: 'info',
    id: 'l3',
    labels: { job: 'dagster' },
    asset: 'fct_glucose_readings',
  },
];

export const TRACES: TraceSummary[] = [
  {
    traceID: 'ok-new',
    asset: 'fct_glucose_readings',
    start: NOW - 60e3,
    duration: 300,
    spans: 8,
    errors: 0,
    status: 'ok',
    operation: 'fct_glucose_readings',
  },
  {
    traceID: 'abc123',
    asset: 'fct_glucose_readings',
    start: NOW - 300e3,
    duration: 320,
    spans: 9,
    errors: 2,
    status: 'error',
    operation: 'fct_glucose_readings',
  },
  {
    traceID: 'ok-old',
    asset: 'fct_glucose_readings',
    start: NOW - 900e3,
    duration: 280,
    spans: 8,
    errors: 0,
    status: 'ok',
    operation: 'fct_glucose_readings',
  },
];

export const LINKS: LinkTargets = {
  prometheusUid: 'prom-uid',
  lokiUid: 'loki-uid',
  jaegerUid: 'jaeger-uid',
  mapping: resolveMapping(undefined),
  app: APP_URLS,
};

const only = <T extends { asset?: string }>(items: T[], q: CascadeQuery) =>
  q.assets?.length ? items.filter((x) => x.asset && q.assets!.includes(x.asset)) : items;

const times = [NOW - 20 * 60e3, NOW - 10 * 60e3, NOW];

function metrics(q: CascadeQuery): DataFrame[] {
  const series = (labels: Record<string, string>, values: number[]) => ({ labels, timestamps: times, values });
  let out: Array<ReturnType<typeof series>> = [];
  if (q.metric === 'passRate') {
    out = only(CHECKS, q).map((c) => series({ asset_name: c.asset, check_name: c.check }, c.values));
  } else if (q.metric === 'duration') {
    const pick = (r: AssetHealth) =>
      (q.stat === 'p95' ? r.p95Duration : q.stat === 'p99' ? r.p99Duration : r.avgDuration) ?? 0;
    out = only(ROWS, q).map((r) => {
      const base = q.stat === 'avg' || !q.stat ? BASELINE_AVG[r.asset] : pick(r);
      return series({ asset_name: r.asset }, [base, base, pick(r)]);
    });
  } else if (q.metric === 'rows' || q.metric === 'runs') {
    // fct: 2 runs a step of 10,000 rows each, then one run of 1,000 (the chart's last point drops).
    out = only(ROWS, q)
      .filter((r) => r.asset === 'fct_glucose_readings')
      .map((r) => series({ asset_name: r.asset }, q.metric === 'rows' ? [20000, 20000, 1000] : [2, 2, 1]));
  } else if (q.metric === 'freshness') {
    // stg crossed its 2h SLA halfway through: compliance 2/3 in the sample window.
    out = only(ROWS, q).map((r) =>
      series({ asset_name: r.asset }, r.asset === 'stg_glucose_entries' ? [3600, 7000, 10800] : [600, 600, 600])
    );
  }
  return metricsToFrames(out, 'asset_name', 'check_name', q.metric ?? 'duration', q.refId);
}

/** fct's rows per run in the range (10,000) and the same window a day and a week earlier (usually 10,200). */
const VOLUME_SIGNALS: Record<string, DiagnosisSignals> = {
  fct_glucose_readings: {
    range: { rows: 288 * 10000, runs: 288 },
    dayBefore: { rows: 288 * 10100, runs: 288 },
    weekBefore: { rows: 288 * 10300, runs: 288 },
  },
};

/** Handlers answering every query type from the state above (filtered by `assets`, `level`, `search`). */
export function pipelineHandlers(): Handlers {
  return {
    health: (q) => [healthToFrame(only(ROWS, q), q.refId, LINKS)],
    // The real rules over the fake rows (fct's volume signals only: no anomaly, cadences stay unknown).
    incidents: (q, request) => {
      const d = diagnose(only(ROWS, q), VOLUME_SIGNALS, {
        rules: resolveRules(q.rules),
        fromMs: request.range.from.valueOf(),
        toMs: request.range.to.valueOf(),
      });
      return [
        incidentsToFrame(d.incidents, q.refId, LINKS),
        forecastToFrame([...d.forecasts].sort(compareTimeToBreach), q.refId, LINKS),
        healthToFrame(d.rows, q.refId, LINKS),
      ];
    },
    metrics,
    alerts: (q) => [alertsToFrame(only(ALERTS, q), q.refId, LINKS.app)],
    system: (q) => [systemToFrame(SYSTEM, q.refId)],
    logs: (q) => [
      logsToFrame(
        only(LOGS, q).filter((l) => (!q.level || l.severity === q.level) && (!q.search || l.body.includes(q.search))),
        q.refId,
        LINKS
      ),
    ],
    traces: (q) => [tracesToFrame(only(TRACES, q), q.refId, LINKS)],
  };
}
