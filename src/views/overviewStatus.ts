import { AssetHealth, AssetStatus } from '../model';
import { ALL_STATUSES, compareUrgency } from '../rules/healthRules';

export type PipelineState = 'healthy' | 'degraded' | 'failing' | 'unknown';

export interface PipelineStatus {
  state: PipelineState;
  /** One sentence a human can act on. */
  reason: string;
  /** Assets behind the state, most urgent first (empty when healthy). */
  culprits: AssetHealth[];
  counts: Record<AssetStatus, number>;
  total: number;
}

// Critical thresholds (last run failed, data past its critical SLA, error rate) fail the pipeline;
// warning thresholds (past the warning SLA = stale, low pass rate) degrade it.
const FAILING: AssetStatus[] = ['failing', 'critical'];
const DEGRADED: AssetStatus[] = ['stale', 'warning'];

function describe(rows: AssetHealth[], max = 3): string {
  const shown = rows
    .slice(0, max)
    .map((r) => (r.reasons[0] ? `${r.asset} (${r.reasons[0]})` : `${r.asset} (${r.status})`));
  const more = rows.length > max ? ` and ${rows.length - max} more` : '';
  return shown.join(', ') + more;
}

/**
 * Pipeline status from the health rows (statuses from the data source's rules, healthRules.ts).
 * Failing: any asset failing or critical; degraded: any stale or warning; unknown: nothing reported
 * or every asset unknown; else healthy. The reason names the assets, most urgent first.
 */
export function pipelineStatus(rows: AssetHealth[]): PipelineStatus {
  const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<AssetStatus, number>;
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
  }
  const sorted = [...rows].sort(compareUrgency);
  const failing = sorted.filter((r) => FAILING.includes(r.status));
  const degraded = sorted.filter((r) => DEGRADED.includes(r.status));
  const base = { counts, total: rows.length };
  if (rows.length === 0) {
    return {
      ...base,
      state: 'unknown',
      reason: 'No assets reported: no asset metrics were found in the time range.',
      culprits: [],
    };
  }
  if (failing.length > 0) {
    const noun = failing.length === 1 ? 'asset' : 'assets';
    return {
      ...base,
      state: 'failing',
      reason: `${failing.length} ${noun} failing: ${describe(failing)}`,
      culprits: failing,
    };
  }
  if (degraded.length > 0) {
    const noun = degraded.length === 1 ? 'asset' : 'assets';
    return {
      ...base,
      state: 'degraded',
      reason: `${degraded.length} ${noun} degraded: ${describe(degraded)}`,
      culprits: degraded,
    };
  }
  if (counts.unknown === rows.length) {
    return {
      ...base,
      state: 'unknown',
      reason: `No signals for any of the ${rows.length} assets in the time range.`,
      culprits: sorted,
    };
  }
  const unknownNote = counts.unknown > 0 ? ` (${counts.unknown} without data)` : '';
  return {
    ...base,
    state: 'healthy',
    reason: `All ${rows.length - counts.unknown} reporting assets are within SLA and quality thresholds${unknownNote}.`,
    culprits: [],
  };
}

export interface WorstFreshness {
  asset: string;
  /** seconds since last update */
  freshness: number;
  /** warning SLA in seconds, when known */
  sla?: number;
  /** freshness / sla (Infinity when no SLA) */
  ratio: number;
}

/** The asset whose age is worst relative to its own SLA (an hour late on a 1h SLA beats 3h on 24h). */
export function worstFreshness(rows: AssetHealth[]): WorstFreshness | undefined {
  let worst: WorstFreshness | undefined;
  for (const r of rows) {
    if (r.freshness === undefined || !Number.isFinite(r.freshness)) {
      continue;
    }
    const ratio = r.freshnessSla ? r.freshness / r.freshnessSla : Number.POSITIVE_INFINITY;
    const candidate = { asset: r.asset, freshness: r.freshness, sla: r.freshnessSla, ratio };
    if (!worst || ratio > worst.ratio || (ratio === worst.ratio && r.freshness > worst.freshness)) {
      worst = candidate;
    }
  }
  return worst;
}

/** The latest pass rate of one quality check. */
export interface CheckResult {
  asset: string;
  check: string;
  /** percent */
  passRate: number;
  /** ms epoch of the sample */
  time: number;
}

export interface QualityScore {
  /** lowest pass rate over all checks (percent) */
  min: number;
  /** mean pass rate over all checks (percent) */
  avg: number;
  count: number;
  /** the check with the lowest pass rate */
  worst?: CheckResult;
  /** checks below the configured minimum */
  failing: number;
}

/**
 * Quality score over the latest result of every check. Falls back to the health rows' per-asset
 * minimum pass rate when no per-check series are available.
 */
export function qualityScore(
  checks: CheckResult[],
  rows: AssetHealth[],
  minPassRate: number
): QualityScore | undefined {
  const items: CheckResult[] = checks.length
    ? checks
    : rows
        .filter((r) => r.passRate !== undefined && Number.isFinite(r.passRate))
        .map((r) => ({ asset: r.asset, check: 'min over checks', passRate: r.passRate!, time: 0 }));
  if (items.length === 0) {
    return undefined;
  }
  let worst = items[0];
  let sum = 0;
  for (const c of items) {
    sum += c.passRate;
    if (c.passRate < worst.passRate) {
      worst = c;
    }
  }
  return {
    min: worst.passRate,
    avg: sum / items.length,
    count: items.length,
    worst,
    failing: items.filter((c) => c.passRate < minPassRate).length,
  };
}

/** Checks sorted worst first, then by asset and check name. */
export function sortChecks(checks: CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) => a.passRate - b.passRate || a.asset.localeCompare(b.asset) || a.check.localeCompare(b.check)
  );
}
