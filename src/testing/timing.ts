/**
 * Fastest of `runs` timings of `fn` in ms. Complexity checks use the minimum so that other
 * processes sharing the CPU do not make them flaky; a quadratic algorithm still fails them.
 */
export function fastestMs(fn: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
