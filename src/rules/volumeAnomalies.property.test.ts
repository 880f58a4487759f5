/** Property tests (fast-check) of the volume anomaly rule, plus the reason of the issue. */
import fc from 'fast-check';
import { DEFAULT_VOLUME_RULES } from '../model';
import { compareRowsPerRun, detectVolumeAnomalies, resolveVolumeRules, withVolumeAnomalies } from './volumeAnomalies';

const window = fc.option(
  fc.record({ rows: fc.integer({ min: 0, max: 1e7 }), runs: fc.integer({ min: 0, max: 500 }) }),
  {
    nil: undefined,
  }
);

test('a rows-per-run anomaly is exactly a drop of at least minDropPercent against the chosen baseline', () => {
  fc.assert(
    fc.property(
      fc.record({ range: window, dayBefore: window, weekBefore: window, latestRuns: window, earlierRuns: window }),
      fc.integer({ min: 1, max: 99 }),
      (x, minDropPercent) => {
        const rules = resolveVolumeRules({ minDropPercent });
        const found = detectVolumeAnomalies({ asset: 'a', ...x }, rules).filter((a) => a.kind === 'rows-per-run');
        const ok = (w?: { rows: number; runs: number }) => !!w && w.runs > 0;
        const dayOrWeek = [x.dayBefore, x.weekBefore].filter(ok);
        let expected: number | undefined;
        if (dayOrWeek.length && ok(x.range)) {
          const base = dayOrWeek.reduce((s, w) => s + w!.rows / w!.runs, 0) / dayOrWeek.length;
          expected = base > 0 ? ((x.range!.rows / x.range!.runs - base) / base) * 100 : undefined;
        } else if (ok(x.latestRuns) && ok(x.earlierRuns)) {
          const base = x.earlierRuns!.rows / x.earlierRuns!.runs;
          expected = base > 0 ? ((x.latestRuns!.rows / x.latestRuns!.runs - base) / base) * 100 : undefined;
        }
        const fires = expected !== undefined && expected <= -minDropPercent;
        expect(found.length).toBe(fires ? 1 : 0);
        if (fires) {
          expect(found[0].changePercent).toBeCloseTo(expected!, 6);
          expect(found[0]).toMatchObject({ status: 'volume', severity: 'warning' });
        }
      }
    )
  );
});

test('the row count rule and the status: never better than before, reasons appended', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (max, last) => {
      const found = detectVolumeAnomalies({ asset: 'a', rowCountMax: max, rowCountLast: last });
      expect(found.length).toBe((last - max) / max <= -0.2 ? 1 : 0);
      const row = withVolumeAnomalies({ status: 'failing' as const, reasons: ['x'] }, found);
      expect(row.status).toBe('failing');
      expect(row.reasons).toEqual(['x', ...found.map((a) => a.reason)]);
    })
  );
});

test('the reason reads like the issue, and status and thresholds are configurable', () => {
  const x = { asset: 'fct', range: { rows: 1020 * 4, runs: 4 }, dayBefore: { rows: 9800 * 20, runs: 20 } };
  expect(detectVolumeAnomalies(x)).toEqual([
    expect.objectContaining({
      kind: 'rows-per-run',
      baselineSource: 'day-before',
      reason: 'rows per run 1,020 vs 9,800 usual (\u221290%)',
      status: 'volume',
      severity: 'warning',
    }),
  ]);
  expect(detectVolumeAnomalies(x, resolveVolumeRules({ severity: 'critical' }))[0].severity).toBe('critical');
  expect(detectVolumeAnomalies(x, resolveVolumeRules({ minDropPercent: 95 }))).toEqual([]);
  // Without a day or week baseline, the latest run is compared with the earlier runs of the range.
  expect(
    detectVolumeAnomalies({
      asset: 'fct',
      latestRuns: { rows: 300, runs: 1 },
      earlierRuns: { rows: 10000, runs: 10 },
    })[0]
  ).toMatchObject({ baselineSource: 'earlier-runs', reason: 'rows per run 300 vs 1,000 usual (\u221270%)' });
  expect(resolveVolumeRules(undefined)).toEqual(DEFAULT_VOLUME_RULES);
});

test('the pages compare rows per run exactly as the rule does: an anomaly fires iff the change passes the threshold', () => {
  fc.assert(
    fc.property(
      fc.record({ range: window, dayBefore: window, weekBefore: window, latestRuns: window, earlierRuns: window }),
      fc.integer({ min: 1, max: 99 }),
      (x, minDropPercent) => {
        const rules = resolveVolumeRules({ minDropPercent });
        const c = compareRowsPerRun({ asset: 'a', ...x }, rules);
        const anomaly = detectVolumeAnomalies({ asset: 'a', ...x }, rules).find((a) => a.kind === 'rows-per-run');
        expect(anomaly !== undefined).toBe(c?.changePercent !== undefined && c.changePercent <= -minDropPercent);
        if (anomaly) {
          expect(c).toEqual({
            value: anomaly.value,
            usual: anomaly.baseline,
            usualSource: anomaly.baselineSource,
            changePercent: anomaly.changePercent,
          });
        }
        if (c && c.usual === undefined) {
          // No baseline: the range's own rows per run, shown without a comparison.
          expect(c.value).toBe(x.range!.rows / x.range!.runs);
        }
      }
    )
  );
});

test('rows per run against the usual: mean of the day and the week before, none without runs', () => {
  expect(
    compareRowsPerRun({
      asset: 'a',
      range: { rows: 1020 * 4, runs: 4 },
      dayBefore: { rows: 9800 * 20, runs: 20 },
      weekBefore: { rows: 10200 * 20, runs: 20 },
    })
  ).toEqual({ value: 1020, usual: 10000, usualSource: 'day-and-week-before', changePercent: -89.8 });
  expect(compareRowsPerRun({ asset: 'a', range: { rows: 0, runs: 0 } })).toBeUndefined();
});
