/** Small statistics helpers for the benchmark (medians of several runs, percentiles of frame times). */

/** The q-quantile (0..1) of `values` by nearest rank; NaN for an empty list. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Summary of repeated timings in ms: median, min, max and the raw samples. */
export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(runs: number[]): Sample {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: runs.map(round2) };
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed: wall ms and this process's CPU ms
 * (user + system, all threads) of each run.
 */
export async function timeRunsCpu(
  fn: () => Promise<unknown> | unknown,
  runs: number,
  warmup = 1
): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await fn();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}
