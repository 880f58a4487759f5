import { AssetHealth } from '../model';
import { HealthSignals } from './assetJoin';

/**
 * What a streamed health/lineage query knows, in the order it arrives (each includes the previous):
 * `topology` (assets, layers, owners, edges), `status` (every input a status rule reads: runs,
 * failures, last update, pass rate, error logs and lines, last traces), `complete` (the figures no
 * status depends on: durations, p95/p99, row counts).
 */
export type HealthStage = 'topology' | 'status' | 'complete';

export const HEALTH_STAGES: readonly HealthStage[] = ['topology', 'status', 'complete'];

/**
 * Signals no status rule reads: they may arrive after the statuses and are filled into the status
 * rows without a second join. A signal a rule starts reading must leave this list (it then holds up
 * the status packet instead of changing a status shown earlier).
 */
export const LATE_SIGNALS = ['avgDuration', 'p95Duration', 'p99Duration', 'rowCount'] as const;

export type LateSignal = (typeof LATE_SIGNALS)[number];

/** Signals that give the DAG: what the `topology` stage waits for. */
export const TOPOLOGY_SIGNALS = ['info', 'dependencies'] as const;

/**
 * The rows of a `topology` packet: the joined rows with no verdict yet (status `unknown`, no
 * reasons), so nothing on screen claims a status the data source has not decided.
 */
export function pendingRows(rows: AssetHealth[]): AssetHealth[] {
  return rows.map((r) => ({ ...r, status: 'unknown', severity: 'none', reasons: [] }));
}

/**
 * Whether withLateSignals gives the rows a join of all signals would: false when a late signal
 * names an asset the rows lack and the rows were not fixed by an asset selection (the caller then
 * joins everything once).
 */
export function lateSignalsFit(
  rows: AssetHealth[],
  late: Pick<HealthSignals, LateSignal>,
  selection?: string[]
): boolean {
  if (selection?.length) {
    return true;
  }
  const known = new Set(rows.map((r) => r.asset));
  // joinAssets names a row for every asset avgDuration or rowCount mentions (not for the quantiles).
  for (const map of [late.avgDuration, late.rowCount]) {
    for (const key of map?.keys() ?? []) {
      if (!known.has(key)) {
        return false;
      }
    }
  }
  return true;
}

/** The status rows completed with the late signals, O(assets), no rule run again (see lateSignalsFit). */
export function withLateSignals(rows: AssetHealth[], late: Pick<HealthSignals, LateSignal>): AssetHealth[] {
  return rows.map((r) => ({
    ...r,
    avgDuration: late.avgDuration?.get(r.asset),
    p95Duration: late.p95Duration?.get(r.asset),
    p99Duration: late.p99Duration?.get(r.asset),
    rowCount: late.rowCount?.get(r.asset),
  }));
}
