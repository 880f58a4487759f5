import { decodeExploreSearch, queryText } from './explore';

const prometheus = { uid: 'cascade-prometheus', type: 'prometheus' };

test('decodes the schemaVersion 1 panes format the asset page writes', () => {
  const panes = {
    cascade: {
      datasource: 'cascade-prometheus',
      queries: [{ refId: 'A', datasource: prometheus, expr: '{asset_name="fct_glucose_readings"}' }],
      range: { from: 'now-6h', to: 'now' },
    },
  };
  const search = new URLSearchParams({ schemaVersion: '1', panes: JSON.stringify(panes) }).toString();
  expect(decodeExploreSearch(`?${search}`)).toEqual({
    panes: [
      {
        id: 'cascade',
        datasourceUid: 'cascade-prometheus',
        queries: panes.cascade.queries,
        range: { from: 'now-6h', to: 'now' },
      },
    ],
  });
});

test('decodes the older left parameter, object and legacy array forms', () => {
  const object = {
    datasource: 'cascade-loki',
    queries: [{ refId: 'A', expr: '{job="dagster"}' }],
    range: { from: '1', to: '2' },
  };
  expect(decodeExploreSearch(`left=${encodeURIComponent(JSON.stringify(object))}`).panes[0]).toMatchObject({
    id: 'left',
    datasourceUid: 'cascade-loki',
    range: { from: '1', to: '2' },
  });
  const legacy = ['now-1h', 'now', 'cascade-jaeger', { refId: 'A', query: 'abc123' }];
  expect(decodeExploreSearch(`left=${encodeURIComponent(JSON.stringify(legacy))}`).panes[0]).toEqual({
    id: 'left',
    datasourceUid: 'cascade-jaeger',
    queries: [{ refId: 'A', query: 'abc123' }],
    range: { from: 'now-1h', to: 'now' },
  });
});

test('the data source may only be on the query; bad or missing parameters say why', () => {
  const panes = { a: { queries: [{ refId: 'A', datasource: prometheus, expr: 'up' }] } };
  expect(decodeExploreSearch(`panes=${encodeURIComponent(JSON.stringify(panes))}`).panes[0].datasourceUid).toBe(
    'cascade-prometheus'
  );
  expect(decodeExploreSearch('panes=%7Bnot-json').error).toMatch(/panes parameter cannot be read/);
  expect(decodeExploreSearch('panes=%5B%5D').error).toMatch(/not a JSON object/);
  expect(decodeExploreSearch('').error).toMatch(/no panes or left/);
});

test('queryText shows the expression, the trace id or the Jaeger search', () => {
  expect(queryText({ expr: 'up' })).toBe('up');
  expect(queryText({ query: 'abc' })).toBe('abc');
  expect(queryText({ queryType: 'search', service: 'dagster', tags: 'asset_name="x"' })).toBe(
    'service: dagster\ntags: asset_name="x"'
  );
});
