import { rangeUtil } from '@grafana/data';
import { FreshnessSla, HealthRules, StoredHealthRules } from '../model';
import { recordFrom } from '../model/ownKeys';

const UNITS: Array<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** Seconds as the shortest exact duration string: 7200 → "2h", 5400 → "90m", 45 → "45s". */
export function toDurationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return `${Math.max(0, Math.round(seconds || 0))}s`;
  }
  const s = Math.round(seconds);
  for (const [unit, size] of UNITS) {
    if (s % size === 0) {
      return `${s / size}${unit}`;
    }
  }
  return `${s}s`;
}

/** "2h", "90m", "3600" (seconds) → seconds; undefined when not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return n > 0 ? n : undefined;
  }
  if (!/^\d+(\.\d+)?(ms|s|m|h|d|w|M|y)$/.test(t) || !rangeUtil.isValidTimeSpan(t)) {
    return undefined;
  }
  const n = rangeUtil.intervalToSeconds(t);
  return n > 0 ? n : undefined;
}

/** Why an SLA is invalid, or undefined. Critical must be later than warning. */
export function slaProblem(sla: Partial<FreshnessSla>): string | undefined {
  const { warningSeconds: w, criticalSeconds: c } = sla;
  if (w === undefined || !(w > 0)) {
    return 'Warning must be a positive duration such as 2h or 90m.';
  }
  if (c === undefined || !(c > 0)) {
    return 'Critical must be a positive duration such as 4h.';
  }
  if (c <= w) {
    return 'Critical must be longer than warning.';
  }
  return undefined;
}

/** One editable row of the per-asset override list (durations as typed). */
export interface OverrideDraft {
  asset: string;
  warning: string;
  critical: string;
}

/** The app config form as typed by the admin. */
export interface RulesDraft {
  warning: string;
  critical: string;
  minPassRate: string;
  /** percent, as stored (maxErrorRatePercent) */
  maxErrorRate: string;
  overrides: OverrideDraft[];
}

export interface RulesDraftErrors {
  warning?: string;
  critical?: string;
  minPassRate?: string;
  maxErrorRate?: string;
  /** by override row index */
  overrides: Record<number, string>;
}

/** Form state from saved rules (missing values show the defaults). */
export function draftFromRules(rules: HealthRules): RulesDraft {
  return {
    warning: toDurationText(rules.freshness.warningSeconds),
    critical: toDurationText(rules.freshness.criticalSeconds),
    minPassRate: String(rules.minPassRate),
    maxErrorRate: String(Math.round(rules.maxErrorRate * 10000) / 100),
    overrides: Object.entries(rules.freshnessOverrides)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([asset, sla]) => ({
        asset,
        warning: toDurationText(sla.warningSeconds),
        critical: toDurationText(sla.criticalSeconds),
      })),
  };
}

const percent = (text: string) => {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
};

/** Field errors of a draft; `hasErrors` when any. */
export function validateDraft(d: RulesDraft): { errors: RulesDraftErrors; hasErrors: boolean } {
  const errors: RulesDraftErrors = { overrides: {} };
  const w = parseDuration(d.warning);
  const c = parseDuration(d.critical);
  if (w === undefined) {
    errors.warning = 'Enter a positive duration such as 2h or 90m.';
  }
  if (c === undefined) {
    errors.critical = 'Enter a positive duration such as 4h.';
  } else if (w !== undefined && c <= w) {
    errors.critical = 'Critical must be longer than warning.';
  }
  if (percent(d.minPassRate) === undefined) {
    errors.minPassRate = 'Enter a percentage between 0 and 100.';
  }
  if (percent(d.maxErrorRate) === undefined) {
    errors.maxErrorRate = 'Enter a percentage between 0 and 100.';
  }
  const seen = new Set<string>();
  d.overrides.forEach((o, i) => {
    const asset = o.asset.trim();
    if (!asset) {
      errors.overrides[i] = 'Enter the asset name.';
    } else if (seen.has(asset)) {
      errors.overrides[i] = `${asset} already has an override.`;
    } else {
      const problem = slaProblem({
        warningSeconds: parseDuration(o.warning),
        criticalSeconds: parseDuration(o.critical),
      });
      if (problem) {
        errors.overrides[i] = problem;
      }
    }
    seen.add(asset);
  });
  const hasErrors = Boolean(
    errors.warning ||
    errors.critical ||
    errors.minPassRate ||
    errors.maxErrorRate ||
    Object.keys(errors.overrides).length
  );
  return { errors, hasErrors };
}

/** The rules to save from a valid draft (call validateDraft first): the error rate in percent. */
export function rulesFromDraft(
  d: RulesDraft
): Pick<HealthRules, 'freshness' | 'freshnessOverrides' | 'minPassRate'> &
  Pick<StoredHealthRules, 'maxErrorRatePercent'> {
  const freshnessOverrides = recordFrom<FreshnessSla>(
    d.overrides.map((o) => [
      o.asset.trim(),
      { warningSeconds: parseDuration(o.warning)!, criticalSeconds: parseDuration(o.critical)! },
    ])
  );
  return {
    freshness: { warningSeconds: parseDuration(d.warning)!, criticalSeconds: parseDuration(d.critical)! },
    freshnessOverrides,
    minPassRate: Number(d.minPassRate),
    maxErrorRatePercent: Number(d.maxErrorRate),
  };
}
