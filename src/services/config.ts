import {
  CascadeDataSourceOptions,
  DEFAULT_HEALTH_RULES,
  DEFAULT_LIMITS,
  DEFAULT_MAPPING,
  HealthRules,
  QueryLimits,
  SignalMapping,
  SystemMetricNames,
} from '../datasource/types';
import { isValidLabelName, isValidMetricName } from './queryEscape';

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

export const DEFAULT_TIMEOUT_MS = 30000;
export const DEFAULT_SCRAPE_INTERVAL_S = 15;

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

/** Health rules: defaults, then data source settings, then the query's own overrides. */
export function resolveRules(...layers: Array<Partial<HealthRules> | undefined>): HealthRules {
  let rules: HealthRules = {
    ...DEFAULT_HEALTH_RULES,
    freshness: { ...DEFAULT_HEALTH_RULES.freshness },
    freshnessOverrides: {},
  };
  for (const layer of layers) {
    if (!layer) {
      continue;
    }
    rules = {
      freshness: { ...rules.freshness, ...definedOnly(layer.freshness ?? {}) },
      freshnessOverrides: { ...rules.freshnessOverrides, ...(layer.freshnessOverrides ?? {}) },
      minPassRate: finiteOr(layer.minPassRate, rules.minPassRate),
      maxErrorRate: finiteOr(layer.maxErrorRate, rules.maxErrorRate),
    };
  }
  return rules;
}

/** Limits from jsonData over DEFAULT_LIMITS (non-positive values ignored). */
export function resolveLimits(partial: Partial<QueryLimits> | undefined): QueryLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(out) as Array<keyof QueryLimits>) {
    const v = partial?.[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      out[key] = Math.floor(v);
    }
  }
  return out;
}

/** Everything the data source needs from its jsonData, resolved once. */
export interface ResolvedSettings {
  prometheusUid?: string;
  lokiUid?: string;
  jaegerUid?: string;
  mapping: ResolvedMapping;
  rules: HealthRules;
  limits: QueryLimits;
  timeoutMs: number;
  scrapeIntervalSeconds: number;
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
    mapping,
    rules: resolveRules(j.rules),
    limits: resolveLimits(j.limits),
    timeoutMs: positiveOr(j.timeoutMs, DEFAULT_TIMEOUT_MS),
    scrapeIntervalSeconds: positiveOr(j.scrapeIntervalSeconds, DEFAULT_SCRAPE_INTERVAL_S),
    problems: validateMapping(mapping),
  };
}

function finiteOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function positiveOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
  ) as Partial<T>;
}
