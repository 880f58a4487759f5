import { AppUrls } from '../frames/dataLinks';
import { CascadeDataSourceOptions } from './types';
import { HealthRules, QueryLimits, ResolvedMapping, resolveLimits, resolveMapping, resolveRules } from '../model';
import { isValidLabelName, isValidMetricName } from '../backends/queryEscape';

/**
 * The Cascade app's pages, which the data links of this data source's frames open. The data source ships
 * nested in the app, so these are fixed; they are passed to the frames as configuration (LinkTargets.app).
 */
export const APP_URLS: AppUrls = {
  assetPage: '/a/cascade-pipeline-app/assets',
  trace: '/a/cascade-pipeline-app/traces',
};

export const DEFAULT_TIMEOUT_MS = 30000;
export const DEFAULT_SCRAPE_INTERVAL_S = 15;

/**
 * Configuration problems that would make built queries invalid (label and metric names are
 * identifiers and are never escaped, so they are checked instead). Empty = valid.
 */
export function validateMapping(m: ResolvedMapping): string[] {
  const problems: string[] = [];
  const labels: Array<[string, string]> = [
    ['asset label', m.assetLabel],
    ['layer label', m.layerLabel],
    ['owner label', m.ownerLabel],
    ['upstream label', m.upstreamLabel],
    ['check label', m.checkLabel],
    ['Loki asset field', m.lokiAssetField],
    ['Loki level field', m.lokiLevelField],
    ['Loki trace id field', m.lokiTraceIdField],
    ['Loki span id field', m.lokiSpanIdField],
  ];
  for (const [what, name] of labels) {
    if (!isValidLabelName(name)) {
      problems.push(`${what} "${name}" is not a valid label name`);
    }
  }
  for (const [key, name] of [...Object.entries(m.metrics), ...Object.entries(m.system)]) {
    if (!isValidMetricName(name)) {
      problems.push(`metric ${key} "${name}" is not a valid metric name`);
    }
  }
  if (!/^\{.*\}$/s.test(m.lokiSelector.trim())) {
    problems.push(`Loki stream selector "${m.lokiSelector}" must look like {label="value"}`);
  }
  return problems;
}

/** Everything the data source needs from its jsonData, resolved once. */
export interface ResolvedSettings {
  prometheusUid?: string;
  lokiUid?: string;
  jaegerUid?: string;
  /** The trace backend's uid: `tracesUid`, else `jaegerUid`. */
  tracesUid?: string;
  /** Its type as stored by the config editor (used when Grafana's data source settings are not at hand). */
  tracesType?: 'jaeger' | 'tempo';
  mapping: ResolvedMapping;
  rules: HealthRules;
  limits: QueryLimits;
  timeoutMs: number;
  scrapeIntervalSeconds: number;
  /** Read Cascade's recording rules when present (jsonData.recordingRules, default true). */
  recordingRules: boolean;
  /** validateMapping's findings; queries fail with these instead of sending broken PromQL/LogQL. */
  problems: string[];
}

export function resolveSettings(json: CascadeDataSourceOptions | undefined): ResolvedSettings {
  const j = json ?? {};
  const mapping = resolveMapping(j.mapping);
  return {
    prometheusUid: j.prometheusUid || undefined,
    lokiUid: j.lokiUid || undefined,
    jaegerUid: j.jaegerUid || undefined,
    tracesUid: j.tracesUid || j.jaegerUid || undefined,
    tracesType: j.tracesType === 'tempo' || j.tracesType === 'jaeger' ? j.tracesType : undefined,
    mapping,
    rules: resolveRules(j.rules),
    limits: resolveLimits(j.limits),
    timeoutMs: positiveOr(j.timeoutMs, DEFAULT_TIMEOUT_MS),
    scrapeIntervalSeconds: positiveOr(j.scrapeIntervalSeconds, DEFAULT_SCRAPE_INTERVAL_S),
    recordingRules: j.recordingRules !== false,
    problems: validateMapping(mapping),
  };
}

function positiveOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
