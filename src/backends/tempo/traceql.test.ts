import {
  assetTraceSearch,
  exactMatch,
  isValidTraceQLAttribute,
  MAX_QUERY_URL_BYTES,
  searchParams,
  tagValuesPath,
  tracePathV2,
  traceqlAttribute,
} from './traceql';

describe('TraceQL builder', () => {
  it('one request whatever the number of assets: = for one, anchored =~ for several, select(status)', () => {
    expect(assetTraceSearch('dagster', 'asset_name', ['raw'], 0, 1000, 20).q).toBe(
      '{ resource.service.name = "dagster" && span.asset_name = "raw" } | select(status)'
    );
    expect(assetTraceSearch('dagster', 'asset_name', ['a.b', 'c|d', 'a.b'], 0, 1000, 20).q).toBe(
      '{ resource.service.name = "dagster" && span.asset_name =~ "^(?:a\\\\.b|c\\\\|d)$" } | select(status)'
    );
    expect(assetTraceSearch('dagster', 'asset_name', [], 0, 1000, 20).q).toBe(
      '{ resource.service.name = "dagster" && span.asset_name != "" } | select(status)'
    );
  });

  it('escapes values by the rules Tempo and the grammar share; control characters go through the regex', () => {
    expect(exactMatch('span.a', ['say "hi" \\o/'])).toBe('span.a = "say \\"hi\\" \\\\o/"');
    expect(exactMatch('span.a', ['line\nbreak'])).toBe('span.a =~ "^(?:line\\\\x{a}break)$"');
    expect(exactMatch('span.a', [''])).toBe('');
  });

  it('quotes attribute names that are not identifiers and refuses unwritable ones', () => {
    expect(traceqlAttribute('span', 'asset_name')).toBe('span.asset_name');
    expect(traceqlAttribute('span', 'dagster/asset-key')).toBe('span.dagster/asset-key');
    expect(traceqlAttribute('span', 'asset name')).toBe('span."asset name"');
    expect(isValidTraceQLAttribute('a"b')).toBe(false);
    expect(() => traceqlAttribute('span', 'a\\b')).toThrow(/cannot be a TraceQL attribute name/);
  });

  it('bounds the URL-encoded query; beyond it the assets are filtered in the browser', () => {
    const many = Array.from({ length: 500 }, (_, i) => `asset_with_a_long_name_${i}`);
    const s = assetTraceSearch('dagster', 'asset_name', many, 0, 1000, 20);
    expect(s.filterInBrowser).toBe(true);
    expect(s.q).toBe('{ resource.service.name = "dagster" && span.asset_name != "" } | select(status)');
    const fits = assetTraceSearch('dagster', 'asset_name', many.slice(0, 100), 0, 1000, 20);
    expect(fits.filterInBrowser).toBe(false);
    expect(encodeURIComponent(fits.q).length).toBeLessThanOrEqual(MAX_QUERY_URL_BYTES);
  });

  it('search parameters in epoch seconds, paths', () => {
    expect(searchParams(assetTraceSearch('dagster', 'asset_name', ['a'], 1500, 2500, 7))).toEqual({
      q: '{ resource.service.name = "dagster" && span.asset_name = "a" } | select(status)',
      limit: '7',
      spss: '3',
      start: '1',
      end: '3',
    });
    expect(tracePathV2('abc')).toBe('/api/v2/traces/abc');
    expect(tagValuesPath('resource.service.name')).toBe('/api/v2/search/tag/resource.service.name/values');
  });
});
