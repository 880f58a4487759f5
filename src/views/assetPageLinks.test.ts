import { dagsterAssetUrl, dagsterUrlProblem, exploreUrl, signalLinks } from './assetPageLinks';

const panesOf = (href: string) => {
  const url = new URL(href, 'http://grafana');
  expect(url.pathname).toBe('/explore');
  expect(url.searchParams.get('schemaVersion')).toBe('1');
  return JSON.parse(url.searchParams.get('panes')!);
};

describe('exploreUrl', () => {
  it('builds a schemaVersion 1 panes URL keeping relative ranges', () => {
    const panes = panesOf(exploreUrl({ uid: 'p', type: 'prometheus' }, { expr: 'up' }, { from: 'now-6h', to: 'now' }));
    expect(panes).toEqual({
      cascade: {
        datasource: 'p',
        queries: [{ refId: 'A', datasource: { uid: 'p', type: 'prometheus' }, expr: 'up' }],
        range: { from: 'now-6h', to: 'now' },
      },
    });
  });
});

describe('signalLinks', () => {
  const json = { prometheusUid: 'prom', lokiUid: 'loki', jaegerUid: 'jaeger' };
  it('links each configured backend with the asset escaped', () => {
    const links = signalLinks('a"b', json, { from: 'now-1h', to: 'now' });
    expect(links.map((l) => l.signal)).toEqual(['Prometheus', 'Loki', 'Jaeger']);
    expect(panesOf(links[0].href).cascade.queries[0].expr).toBe('{asset_name="a\\"b"}');
    expect(panesOf(links[1].href).cascade.queries[0].expr).toBe('{job="dagster"} | json | asset_name="a\\"b"');
    expect(panesOf(links[2].href).cascade.queries[0]).toMatchObject({
      queryType: 'search',
      service: 'dagster',
      tags: 'asset_name="a\\"b"',
    });
  });
  it('on Tempo, links a TraceQL search for the asset on the Tempo data source', () => {
    const links = signalLinks('a"b', json, { from: 'now-1h', to: 'now' }, { backend: 'tempo', uid: 'tempo-1' });
    expect(links.map((l) => l.signal)).toEqual(['Prometheus', 'Loki', 'Tempo']);
    expect(panesOf(links[2].href).cascade).toMatchObject({
      datasource: 'tempo-1',
      queries: [
        {
          datasource: { uid: 'tempo-1', type: 'tempo' },
          queryType: 'traceql',
          query: '{ resource.service.name = "dagster" && span.asset_name = "a\\"b" } | select(status)',
        },
      ],
    });
  });

  it('follows the data source mapping and skips unconfigured backends', () => {
    const links = signalLinks(
      'x',
      { lokiUid: 'l', mapping: { lokiSelector: '{app="etl"}', lokiAssetField: 'asset' } },
      { from: 'now-1h', to: 'now' }
    );
    expect(links).toHaveLength(1);
    expect(panesOf(links[0].href).cascade.queries[0].expr).toBe('{app="etl"} | json | asset="x"');
  });
});

describe('dagsterAssetUrl', () => {
  it('appends the asset key path to the base URL', () => {
    expect(dagsterAssetUrl('http://dagster:3000/', 'fct_glucose_readings')).toBe(
      'http://dagster:3000/assets/fct_glucose_readings'
    );
    expect(dagsterAssetUrl('https://d.example/x', 'marts/fct a')).toBe('https://d.example/x/assets/marts/fct%20a');
  });
  it('is undefined without a usable base', () => {
    expect(dagsterAssetUrl(undefined, 'a')).toBeUndefined();
    expect(dagsterAssetUrl('  ', 'a')).toBeUndefined();
    expect(dagsterAssetUrl('javascript:alert(1)', 'a')).toBeUndefined();
  });
});

describe('dagsterUrlProblem', () => {
  it('accepts empty and http(s) URLs only', () => {
    expect(dagsterUrlProblem('')).toBeUndefined();
    expect(dagsterUrlProblem('http://dagster:3000')).toBeUndefined();
    expect(dagsterUrlProblem('https://dagster.example.com/prefix')).toBeUndefined();
    expect(dagsterUrlProblem('dagster:3000')).toMatch(/http/);
    expect(dagsterUrlProblem('not a url')).toMatch(/full URL/);
    expect(dagsterUrlProblem('ftp://x')).toMatch(/http/);
  });
});
