import fc from 'fast-check';
import { assetTraceSearch, isValidTraceId, searchParams, tagsJson, tracePath } from './jaegerQuery';

describe('Jaeger query parameters', () => {
  it('search params in microseconds with a custom lookback', () => {
    expect(searchParams({ service: 'dagster', start: 1700000000000, end: 1700003600000, limit: 20 })).toEqual({
      service: 'dagster',
      start: '1700000000000000',
      end: '1700003600000000',
      limit: '20',
      lookback: 'custom',
    });
  });

  it('filters one asset server side by tag; several are filtered in the browser', () => {
    expect(assetTraceSearch('dagster', 'asset_name', ['a"b'], 0, 1, 5).tags).toEqual({ asset_name: 'a"b' });
    expect(assetTraceSearch('dagster', 'asset_name', ['a', 'b'], 0, 1, 5).tags).toBeUndefined();
    expect(searchParams(assetTraceSearch('dagster', 'asset_name', ['a"b\\c'], 0, 1, 5)).tags).toBe(
      '{"asset_name":"a\\"b\\\\c"}'
    );
  });

  it('tags JSON round-trips any value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (k, v) => {
        expect(JSON.parse(tagsJson({ [k]: v }))).toEqual({ [k]: v });
      })
    );
  });

  it('trace ids are hex only, and encoded in the path anyway', () => {
    expect(isValidTraceId('300ca95ff12eb6eed03e862b8ac4c482')).toBe(true);
    expect(isValidTraceId('2ee9739529395e31')).toBe(true);
    expect(isValidTraceId('../../api/admin')).toBe(false);
    expect(isValidTraceId('')).toBe(false);
    expect(isValidTraceId('0'.repeat(33))).toBe(false);
    expect(tracePath('abc')).toBe('/api/traces/abc');
    expect(tracePath('a/b')).toBe('/api/traces/a%2Fb');
  });
});
