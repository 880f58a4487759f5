/**
 * Property tests (fast-check) of the annotation events against brute-force readings of the samples:
 * failed runs count every rise of the counter once, SLA breaches are exactly the updates a step saw
 * past the SLA, alert spells cover every sample of an ALERTS series once.
 */
import fc from 'fast-check';
import { PromSeries } from '../backends/prometheus/parsePrometheus';
import { alertEvents, failedRunEvents, slaBreachEvents } from './annotationEvents';

const T = 1_767_268_800_000;
const STEP = 60_000;
const at = (i: number) => T + i * STEP;

/** A failures counter over n steps: rises of 0-3, sometimes a reset to a small value, sometimes a missing sample. */
const counter = fc
  .array(fc.record({ rise: fc.nat(3), reset: fc.boolean(), missing: fc.boolean() }), { minLength: 1, maxLength: 60 })
  .map((steps) => {
    const s: PromSeries = { labels: {}, timestamps: [], values: [] };
    let v = 5;
    steps.forEach((x, i) => {
      v = x.reset && i % 7 === 3 ? x.rise : v + x.rise;
      if (!x.missing || i === 0) {
        s.timestamps.push(at(i));
        s.values.push(v);
      }
    });
    return { s, steps: steps.length };
  });

/** Brute force: the counter's rises sample to sample (a decrease is a reset: the new value). */
function rises(s: PromSeries): number {
  let total = 0;
  for (let i = 1; i < s.values.length; i++) {
    total += s.values[i] >= s.values[i - 1] ? s.values[i] - s.values[i - 1] : s.values[i];
  }
  return total;
}

test('failed runs: every rise counted once, in ordered non-overlapping regions', () => {
  fc.assert(
    fc.property(counter, ({ s, steps }) => {
      const w = { fromMs: T, toMs: at(steps - 1), stepMs: STEP };
      const events = failedRunEvents('a', s, w);
      const counted = events.reduce((n, e) => n + Number(/(\d+) failed run/.exec(e.text)![1]), 0);
      expect(counted).toBe(rises(s));
      for (let i = 0; i < events.length; i++) {
        expect(events[i].time).toBeLessThan(events[i].timeEnd!);
        if (i > 0) {
          expect(events[i].time).toBeGreaterThanOrEqual(events[i - 1].timeEnd!);
        }
      }
    })
  );
});

/** Last-update values at each step: an update in a step with probability p, never in the future. */
const updates = fc
  .record({
    gaps: fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }),
    first: fc.integer({ min: 0, max: 6 * 3600 }),
  })
  .map(({ gaps, first }) => {
    const s: PromSeries = { labels: {}, timestamps: [], values: [] };
    let u = (T - first * 1000) / 1000;
    gaps.forEach((updated, i) => {
      if (updated) {
        u = (at(i) - 1000) / 1000;
      }
      s.timestamps.push(at(i));
      s.values.push(u);
    });
    return { s, steps: gaps.length };
  });

test('SLA breaches: exactly the updates some step saw past the SLA, each from update + SLA to the next update', () => {
  const sla = { warningSeconds: 1800, criticalSeconds: 3600 };
  fc.assert(
    fc.property(updates, ({ s, steps }) => {
      const w = { fromMs: T, toMs: at(steps - 1), stepMs: STEP };
      const events = slaBreachEvents('a', s, sla, w);
      const lateUpdates = new Set(
        s.timestamps.flatMap((t, i) => (t - s.values[i] * 1000 > sla.warningSeconds * 1000 ? [s.values[i]] : []))
      );
      expect(events.length).toBe(lateUpdates.size);
      const distinct = [...new Set(s.values)];
      for (const e of events) {
        const u = (e.time - sla.warningSeconds * 1000) / 1000;
        expect(lateUpdates.has(u)).toBe(true);
        const next = distinct.find((v) => v > u);
        expect(e.timeEnd).toBe(next !== undefined ? next * 1000 : at(steps - 1));
        expect(e.ongoing).toBe(next === undefined);
        expect(e.severity).toBe((e.timeEnd! - u * 1000) / 1000 > sla.criticalSeconds ? 'critical' : 'warning');
      }
    })
  );
});

test('alert spells: every sample of the series lies in exactly one spell', () => {
  const present = fc.array(fc.boolean(), { minLength: 1, maxLength: 80 });
  fc.assert(
    fc.property(present, (on) => {
      const s: PromSeries = { labels: { alertname: 'X', alertstate: 'firing' }, timestamps: [], values: [] };
      on.forEach((p, i) => p && (s.timestamps.push(at(i)), s.values.push(1)));
      const events = alertEvents('a', s, { fromMs: T, toMs: at(on.length - 1), stepMs: STEP });
      for (const t of s.timestamps) {
        expect(events.filter((e) => e.time <= t && t <= (e.timeEnd ?? e.time))).toHaveLength(1);
      }
      // A spell starts after every gap of more than one missing step... and a single gap merges.
      const starts = s.timestamps.filter((t, i) => i === 0 || t - s.timestamps[i - 1] > 1.5 * STEP);
      expect(events.map((e) => e.time)).toEqual(starts);
    })
  );
});
