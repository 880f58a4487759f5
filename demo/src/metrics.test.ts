import { durationBuckets } from './metrics';
import { mulberry32, randNormal } from './prng';

/** Prometheus' histogram_quantile: linear interpolation inside the bucket holding the rank. */
function histogramQuantile(q: number, bounds: number[], samples: number[]): number {
  const counts = bounds.map((b) => samples.filter((s) => s <= b).length);
  const rank = q * samples.length;
  const i = counts.findIndex((c) => c >= rank);
  const lo = i > 0 ? bounds[i - 1] : 0;
  const cLo = i > 0 ? counts[i - 1] : 0;
  return lo + ((bounds[i] - lo) * (rank - cLo)) / (counts[i] - cLo);
}

test('the default buckets give p95 within 10% for durations 0.01–30 s', () => {
  const bounds = durationBuckets();
  const rng = mulberry32(1);
  let worst = 0;
  for (let k = 0; k <= 40; k++) {
    const median = Math.exp(Math.log(0.01) + (k / 40) * Math.log(3000));
    const samples = Array.from({ length: 1000 }, () => median * Math.exp(0.25 * randNormal(rng))).sort((a, b) => a - b);
    const truth = samples[Math.ceil(0.95 * samples.length) - 1];
    worst = Math.max(worst, Math.abs(histogramQuantile(0.95, bounds, samples) - truth) / truth);
  }
  expect(worst).toBeLessThan(0.1);
  expect(bounds[0]).toBeLessThanOrEqual(0.01);
  expect(bounds[bounds.length - 1]).toBeGreaterThan(30);
});
