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
  /**
   * Maximum error rate (failures / runs over the range) as a fraction (above = critical): the resolved
   * value the rule compares. Settings store and show it in percent (StoredHealthRules.maxErrorRatePercent).
   */
  maxErrorRate: number;
  /** Volume anomaly thresholds and status (issue 12); missing keys take DEFAULT_VOLUME_RULES. */
  volume?: Partial<VolumeRules>;
}

/**
 * Health rules as stored and shown (app settings, data source jsonData, a query's `rules`): rates in
 * percent, like minPassRate. `maxErrorRate` (a fraction) is the key of older settings: still read,
 * and only when `maxErrorRatePercent` is absent.
 */
export type StoredHealthRules = Partial<Omit<HealthRules, 'maxErrorRate'>> & {
  /** Maximum error rate in percent (0–100): 10 = above 10 % of the range's runs failed → critical. */
  maxErrorRatePercent?: number;
  /** @deprecated a fraction (0.1 = 10 %); write maxErrorRatePercent. */
  maxErrorRate?: number;
};

export const DEFAULT_HEALTH_RULES: HealthRules = {
  freshness: { warningSeconds: 2 * 3600, criticalSeconds: 4 * 3600 },
  freshnessOverrides: {},
  minPassRate: 95,
  maxErrorRate: 0.1,
};

/** Health rules: defaults, then data source settings, then the query's own overrides. */
export function resolveRules(...layers: Array<StoredHealthRules | undefined>): HealthRules {
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
      maxErrorRate: errorRateOf(layer, rules.maxErrorRate),
      ...(rules.volume || layer.volume ? { volume: { ...rules.volume, ...layer.volume } } : {}),
    };
  }
  return rules;
}

/** The stored maximum error rate in percent (an older fraction converted), as the editors show it. */
export function storedErrorRatePercent(layer: StoredHealthRules | undefined): number | undefined {
  const rate = layer && errorRateOf(layer, Number.NaN);
  return rate === undefined || Number.isNaN(rate) ? undefined : Number((rate * 100).toFixed(4));
}

/** A layer's error rate as a fraction: its percent, else its older fraction, else the fallback. */
function errorRateOf(layer: StoredHealthRules, fallback: number): number {
  const percent = layer.maxErrorRatePercent;
  if (typeof percent === 'number' && Number.isFinite(percent)) {
    return percent / 100;
  }
  return finiteOr(layer.maxErrorRate, fallback);
}

function finiteOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
  ) as Partial<T>;
}
