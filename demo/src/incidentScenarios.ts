/**
 * The issue-12 scenario knobs of the live pipeline (documented in demo/README.md): a chain failure,
 * a volume drop and a late asset. Pure functions of the scenario; pipeline.ts asks them per run.
 */
import { topologicalOrder } from './assets';
import { RunOverrides } from './simulator';
import { AssetSpec, ScenarioOptions } from './types';

/** Default age of the chain failure at start: 3 h, so its downstream are already past the 2 h SLA. */
export const DEFAULT_CHAIN_SINCE_SECONDS = 3 * 3600;
/** Default time the late asset's runs are held after start: 1 h, late but inside the 2 h SLA. */
export const DEFAULT_LATE_HOLD_SECONDS = 3600;

/** The assets strictly downstream of `root` (empty when root is undefined). */
export function strictlyDownstream(assets: AssetSpec[], root: string | undefined): Set<string> {
  const reach = new Set<string>(root === undefined ? [] : [root]);
  for (const a of topologicalOrder(assets)) {
    if (a.upstream.some((u) => reach.has(u))) {
      reach.add(a.name);
    }
  }
  reach.delete(root ?? '');
  return reach;
}

/** Asset names the knobs refer to (the pipeline checks they exist). */
export function knobAssets(s: ScenarioOptions): Array<string | undefined> {
  return [s.chainFailure?.asset, s.volumeDrop?.asset, s.lateAsset?.asset];
}

/** What the knobs change in one run of `asset`: the chain's root fails in its fetch, a dropped volume shrinks. */
export function knobOverrides(asset: string, s: ScenarioOptions): RunOverrides {
  const o: RunOverrides = {};
  if (s.chainFailure?.asset === asset) {
    o.failure = {
      phase: 'fetch_from_api',
      errorType: 'UpstreamAPIError',
      errorMessage: 'glucose API returned 503 Service Unavailable',
    };
  }
  if (s.volumeDrop?.asset === asset) {
    o.rowsFactor = s.volumeDrop.factor;
  }
  return o;
}

/**
 * Whether a run of `asset` is skipped at `nowMs`: downstream of a chain failure nothing runs (they wait
 * for their upstream, as a scheduler does); the late asset's runs are held for its first holdSeconds.
 */
export function knobSkips(
  asset: string,
  s: ScenarioOptions,
  chainDownstream: Set<string>,
  startMs: number,
  nowMs: number
): boolean {
  if (chainDownstream.has(asset)) {
    return true;
  }
  const late = s.lateAsset;
  return late?.asset === asset && nowMs < startMs + (late.holdSeconds ?? DEFAULT_LATE_HOLD_SECONDS) * 1000;
}

/** Last update at start: the chain's root and everything downstream stopped updating `sinceSeconds` ago. */
export function knobLastUpdate(
  asset: string,
  s: ScenarioOptions,
  chainDownstream: Set<string>,
  startSec: number
): number | undefined {
  const chain = s.chainFailure;
  if (chain && (chain.asset === asset || chainDownstream.has(asset))) {
    return startSec - (chain.sinceSeconds ?? DEFAULT_CHAIN_SINCE_SECONDS);
  }
  return undefined;
}
