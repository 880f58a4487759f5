import type { VolumeRules } from './diagnosis';

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
  /** Volume anomaly thresholds and status (issue 12); missing keys take DEFAULT_VOLUME_RULES. */
  volume?: Partial<VolumeRules>;
}

export const DEFAULT_HEALTH_RULES: HealthRules = {
  freshness: { warningSeconds: 2 * 3600, criticalSeconds: 4 * 3600 },
  freshnessOverrides: {},
  minPassRate: 95,
  maxErrorRate: 0.1,
};

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
      ...(rules.volume || layer.volume ? { volume: { ...rules.volume, ...layer.volume } } : {}),
    };
  }
  return rules;
}

function finiteOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
  ) as Partial<T>;
}
