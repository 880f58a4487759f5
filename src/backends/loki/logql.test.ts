import fc from 'fast-check';
import { resolveMapping } from '../../model';
import { errorCountQuery, errorLinesQuery, logsQuery, streamProbeQuery } from './logql';
import { logqlErrors } from '../../testing/grammar';

const m = resolveMapping(undefined);

describe('LogQL builders', () => {
  it('log query: selector, line filters, json, field filters', () => {
    expect(logsQuery(m, {})).toBe('{job="dagster"} | json');
    expect(logsQuery(m, { assets: ['a', 'b.c'], levels: ['error'], search: 'time"out', traceId: 'abc123' })).toBe(
      '{job="dagster"} |= "time\\"out" |= "abc123" | json | asset_name=~"a|b\\\\.c" | level="error" | trace_id="abc123"'
    );
    expect(logsQuery(m, { levels: ['error', 'warning'] })).toBe('{job="dagster"} | json | level=~"error|warning"');
  });

  it('error count is one metric query by asset over the range', () => {
    expect(errorCountQuery(m, [], 3600)).toBe(
      'sum by (asset_name) (count_over_time({job="dagster"} | json | level="error" [3600s]))'
    );
    expect(errorLinesQuery(m, ['x'])).toBe('{job="dagster"} | json | asset_name="x" | level="error"');
    expect(streamProbeQuery(m)).toBe('{job="dagster"}');
  });

  it('uses the configured selector and fields', () => {
    const custom = resolveMapping({
      lokiSelector: '{app="pipe", env="prod"}',
      lokiAssetField: 'asset',
      lokiLevelField: 'severity',
    });
    expect(errorCountQuery(custom, ['x'], 60)).toBe(
      'sum by (asset) (count_over_time({app="pipe", env="prod"} | json | asset="x" | severity="error" [60s]))'
    );
  });

  it('parses with Grafana’s LogQL grammar for odd values', () => {
    const odd = ['quo"te', 'back\\slash', 'new\nline', 'a.b|c', '🌙 é', '{brace}', '`tick`'];
    for (const v of odd) {
      for (const q of [
        logsQuery(m, { assets: [v], search: v, traceId: v, levels: [v] }),
        logsQuery(m, { assets: odd }),
        errorCountQuery(m, [v], 60),
      ]) {
        expect(logqlErrors(q)).toEqual([]);
      }
    }
  });

  it('property: random filters always give parseable LogQL', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { maxLength: 4 }),
        fc.string({ unit: 'binary' }),
        (assets, search) => {
          expect(logqlErrors(logsQuery(m, { assets, search }))).toEqual([]);
          expect(logqlErrors(errorCountQuery(m, assets, 300))).toEqual([]);
        }
      ),
      { numRuns: 200 }
    );
  });
});
