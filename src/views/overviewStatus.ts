import { AssetHealth, AssetStatus } from '../model';
import { ALL_STATUSES, compareUrgency, severityOf } from '../rules/healthRules';

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

// "1 asset stale", "2 assets with errors": the status word as a sentence says it.
const AS_PHRASE: Record<AssetStatus, string> = {
  ok: 'ok',
  unknown: 'without data',
  quality: 'below quality',
  volume: 'with low volume',
  errors: 'with errors',
  stale: 'stale',
  failing: 'failing',
};

function describe(rows: AssetHealth[], withKind: boolean, max = 3): string {
  const shown = rows
    .slice(0, max)
    .map(
      (r) =>
        `${r.asset}${withKind ? ` ${r.status}` : ''}${r.reasons[0] ? ` (${r.reasons[0]})` : r.status === 'ok' ? '' : withKind ? '' : ` (${r.status})`}`
    );
  const more = rows.length > max ? ` and ${rows.length - max} more` : '';
  return shown.join(', ') + more;
}

/** "1 failing, 1 stale": the kinds among the rows, worst kind first (the same words as the filters). */
export function kindCounts(rows: AssetHealth[]): string {
  const counts = new Map<AssetStatus, number>();
  for (const r of rows) {
    counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  }
  return [...ALL_STATUSES]
    .reverse()
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

/**
 * Pipeline status from the health rows (statuses from the data source's rules, healthRules.ts).
 * Failing: any asset with a critical problem; degraded: any with a warning; unknown: nothing
 * reported or every asset unknown; else healthy. The reason counts the assets by what is wrong
 * ("2 assets critical: 1 failing, 1 stale") and names them, most urgent first.
 */
export function pipelineStatus(rows: AssetHealth[]): PipelineStatus {
  const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<AssetStatus, number>;
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
  }
  const sorted = [...rows].sort(compareUrgency);
  const critical = sorted.filter((r) => severityOf(r) === 'critical');
  const warning = sorted.filter((r) => severityOf(r) === 'warning');
  const base = { counts, total: rows.length };
  // One kind: "1 asset failing: x (why)"; several: "2 assets critical (1 failing, 1 stale): x failing (why), …".
  const sentence = (culprits: AssetHealth[], how: string) => {
    const noun = culprits.length === 1 ? 'asset' : 'assets';
    const kinds = new Set(culprits.map((r) => r.status));
    if (kinds.size === 1) {
      return `${culprits.length} ${noun} ${AS_PHRASE[culprits[0].status]}: ${describe(culprits, false)}`;
    }
    return `${culprits.length} ${noun} ${how} (${kindCounts(culprits)}): ${describe(culprits, true)}`;
  };
  if (rows.length === 0) {
    return {
      ...base,
      state: 'unknown',
      reason: 'No assets reported: no asset metrics were found in the time range.',
      culprits: [],
    };
  }
  if (critical.length > 0) {
    return { ...base, state: 'failing', reason: sentence(critical, 'critical'), culprits: critical };
  }
  if (warning.length > 0) {
    return { ...base, state: 'degraded', reason: sentence(warning, 'with warnings'), culprits: warning };
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
