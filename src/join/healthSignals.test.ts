import { resolveMapping } from '../model';
import { jaegerSignals, lokiSignals, prometheusSignals } from './healthSignals';
import { fixtureText } from '../testing/fixtures';

const m = resolveMapping(undefined);
const vector = (result: Array<[Record<string, string>, string]>) => ({
  status: 'success',
  data: { resultType: 'vector', result: result.map(([metric, v]) => ({ metric, value: [1, v] })) },
});

describe('health signals from backend bodies', () => {
  it('Prometheus: one map per signal; a bad body is a typed error and the rest still count', () => {
    const r = prometheusSignals(
      {
        runs: vector([[{ asset_name: 'a' }, '3']]),
        lastUpdate: vector([[{ asset_name: 'a' }, '1700000000.5']]),
        info: vector([[{ asset_name: 'a', layer: 'gold', owner: 'bi' }, '1']]),
        dependencies: vector([
          [{ asset_name: 'a', upstream: 'u' }, '1'],
          [{ asset_name: 'b' }, '1'],
        ]),
        failures: fixtureText('prometheus/error_400_bad_data.json'),
      },
      m
    );
    expect(r.signals.runs?.get('a')).toBe(3);
    expect(r.signals.lastUpdate?.get('a')).toBe(1700000000500);
    expect(r.signals.info?.get('a')).toEqual({ layer: 'gold', owner: 'bi' });
    expect(r.signals.dependencies).toEqual([['a', 'u']]);
    expect(r.signals.failures).toBeUndefined();
    expect(r.errors).toEqual([
      { kind: 'backend', errorType: 'bad_data', message: expect.stringContaining('bad_data') },
    ]);
  });

  it('Loki: error counts at the end of the range; a plain-text error body is a typed error', () => {
    const counts = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { asset_name: 'a' },
            values: [
              [1, '2'],
              [2, '5'],
            ],
          },
        ],
      },
    };
    const r = lokiSignals(counts, fixtureText('loki/error_400_parse.txt'), m);
    expect(Array.from(r.signals.errorLogs!)).toEqual([['a', 5]]);
    expect(r.signals.lastErrors).toBeUndefined();
    expect(r.errors[0].kind).toBe('syntax');
  });

  it('Jaeger: newest trace per asset tag, and the number of traces read', () => {
    const r = jaegerSignals(
      fixtureText('jaeger/trace_converter_golden_ui01.json'),
      resolveMapping({ jaegerAssetTag: 'peer.service' })
    );
    expect(r.traces).toBe(1);
    expect(r.signals.lastTraces?.get('service-y')).toMatchObject({ traceId: '0000000000000001', error: true });
    expect(jaegerSignals('{"data": 5}', m).errors[0].kind).toBe('shape');
  });
});
