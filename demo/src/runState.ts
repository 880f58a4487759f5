import { RunPlan } from './simulator';
import { AssetState } from './types';

/** Durations kept per asset in state() (older ones are dropped; the histogram keeps them all). */
export const MAX_DURATIONS = 1000;

/**
 * Advances an asset's state by one run and returns the rows each operation processed — the one
 * place both the live pipeline and the history backfill count, so their counters agree exactly.
 */
export function advanceState(s: AssetState, plan: RunPlan, startMs: number): Record<string, number> {
  s.runs += 1;
  s.lastStatus = plan.status;
  s.durations.push(plan.duration);
  if (s.durations.length > MAX_DURATIONS) {
    s.durations.shift();
  }
  const done: Record<string, number> = {};
  if (plan.failedPhase !== 'fetch_from_api') {
    done.fetch = plan.rows.fetched;
  }
  if (plan.failedPhase === undefined || plan.failedPhase === 'iceberg_merge') {
    done.validate = plan.rows.valid;
  }
  if (plan.status === 'success') {
    s.successes += 1;
    s.lastUpdate = (startMs + plan.duration * 1000) / 1000;
    s.lastError = undefined;
    s.rowCount += plan.rows.inserts;
    done.insert = plan.rows.inserts;
    done.update = plan.rows.updates;
    Object.assign(s.passRates, plan.passRates);
  } else {
    s.failures += 1;
    s.lastError = `${plan.errorType}: ${plan.errorMessage}`;
  }
  for (const [op, rows] of Object.entries(done)) {
    s.rowsProcessed[op] += rows;
  }
  return done;
}
