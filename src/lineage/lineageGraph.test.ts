import {
  buildLineageGraph,
  downstreamOf,
  HIGHLIGHT,
  LineageAsset,
  neighbourhood,
  searchAssets,
  topologyKey,
  upstreamOf,
} from './lineageGraph';
import { generateLineage } from '../testing/lineageData';
import { fastestMs } from '../testing/timing';

const asset = (id: string, status: LineageAsset['status'] = 'ok', layer = 'silver'): LineageAsset => ({
  id,
  status,
  layer,
});
const noFilter = { statuses: new Set<never>(), layers: new Set<string>() };

// raw_a → stg_b → fct_d, raw_a → stg_c → fct_d → mrt_e
const small = () =>
  buildLineageGraph(
    [
      asset('raw_a', 'ok', 'bronze'),
      asset('stg_b', 'failing'),
      asset('stg_c'),
      asset('fct_d', 'ok', 'gold'),
      asset('mrt_e', 'ok', 'gold'),
    ],
    [
      { source: 'raw_a', target: 'stg_b' },
      { source: 'raw_a', target: 'stg_c' },
      { source: 'stg_b', target: 'fct_d' },
      { source: 'stg_c', target: 'fct_d' },
      { source: 'fct_d', target: 'mrt_e' },
    ]
  );
const names = (g: ReturnType<typeof small>, ids: number[]) => ids.map((i) => g.nodes[i].id).sort();

describe('buildLineageGraph', () => {
  it('indexes nodes by sorted id whatever the input order, so layouts are reproducible', () => {
    const a = buildLineageGraph([asset('b'), asset('a')], [{ source: 'a', target: 'b' }]);
    const b = buildLineageGraph([asset('a'), asset('b')], [{ source: 'a', target: 'b' }]);
    expect(a.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(Array.from(a.edgeSource)).toEqual(Array.from(b.edgeSource));
  });

  it('drops self loops and duplicate edges, and adds assets only known from an edge as unknown', () => {
    const g = buildLineageGraph(
      [asset('a')],
      [
        { source: 'a', target: 'a' },
        { source: 'ghost', target: 'a' },
        { source: 'ghost', target: 'a' },
      ]
    );
    expect(g.nodes.map((n) => [n.id, n.status])).toEqual([
      ['a', 'ok'],
      ['ghost', 'unknown'],
    ]);
    expect(g.edgeSource.length).toBe(1);
    expect(names(g, upstreamOf(g, g.index.get('a')!))).toEqual(['ghost']);
  });

  it('keeps upstream and downstream adjacency consistent', () => {
    const g = small();
    const d = g.index.get('fct_d')!;
    expect(names(g, upstreamOf(g, d))).toEqual(['stg_b', 'stg_c']);
    expect(names(g, downstreamOf(g, d))).toEqual(['mrt_e']);
    expect(names(g, downstreamOf(g, g.index.get('raw_a')!))).toEqual(['stg_b', 'stg_c']);
  });
});

describe('neighbourhood', () => {
  it('walks upstream and downstream up to the depth, recording hop distances', () => {
    const g = small();
    const one = neighbourhood(g, g.index.get('stg_b')!, 1);
    expect(
      names(
        g,
        one.upstream.map((r) => r.node)
      )
    ).toEqual(['raw_a']);
    expect(
      names(
        g,
        one.downstream.map((r) => r.node)
      )
    ).toEqual(['fct_d']);

    const all = neighbourhood(g, g.index.get('stg_b')!);
    expect(all.downstream.map((r) => [g.nodes[r.node].id, r.distance])).toEqual([
      ['fct_d', 1],
      ['mrt_e', 2],
    ]);
    // stg_c is a sibling, neither upstream nor downstream of stg_b.
    expect(all.nodeMask[g.index.get('stg_c')!]).toBe(0);
    expect(all.nodeMask[g.index.get('stg_b')!]).toBe(HIGHLIGHT.selected);
    expect(all.nodeMask[g.index.get('raw_a')!]).toBe(HIGHLIGHT.upstream);
  });

  it('marks exactly the edges it walked', () => {
    const g = small();
    const nb = neighbourhood(g, g.index.get('fct_d')!, 1);
    const lit = Array.from(nb.edgeMask)
      .map((m, e) => (m ? `${g.nodes[g.edgeSource[e]].id}>${g.nodes[g.edgeTarget[e]].id}:${m}` : ''))
      .filter(Boolean)
      .sort();
    expect(lit).toEqual([
      `fct_d>mrt_e:${HIGHLIGHT.downstream}`,
      `stg_b>fct_d:${HIGHLIGHT.upstream}`,
      `stg_c>fct_d:${HIGHLIGHT.upstream}`,
    ]);
  });

  it('terminates on cycles', () => {
    const g = buildLineageGraph(
      [asset('a'), asset('b')],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'a' },
      ]
    );
    const nb = neighbourhood(g, 0);
    expect(nb.downstream.map((r) => r.node)).toEqual([1]);
    expect(nb.upstream.map((r) => r.node)).toEqual([1]);
  });

  it('answers a click on a 10,000-asset graph in well under 100 ms', () => {
    const { assets, edges } = generateLineage(10000);
    const g = buildLineageGraph(assets, edges);
    const bronze = g.nodes.findIndex((n, i) => n.layer === 'bronze' && downstreamOf(g, i).length > 0);
    expect(neighbourhood(g, bronze).downstream.length).toBeGreaterThan(0);
    expect(fastestMs(() => neighbourhood(g, bronze))).toBeLessThan(100);
  });
});

describe('searchAssets', () => {
  it('ranks exact, then prefix, then worst status, and applies the filter', () => {
    const g = buildLineageGraph(
      [asset('stg'), asset('stg_glucose', 'ok'), asset('fct_stg_x', 'failing'), asset('other')],
      []
    );
    expect(searchAssets(g, 'STG', noFilter).map((i) => g.nodes[i].id)).toEqual(['stg', 'stg_glucose', 'fct_stg_x']);
    expect(
      searchAssets(g, 'stg', { statuses: new Set(['failing'] as const), layers: new Set() }).map((i) => g.nodes[i].id)
    ).toEqual(['fct_stg_x']);
  });

  it('lists every asset worst first for an empty query', () => {
    const g = small();
    expect(g.nodes[searchAssets(g, '', noFilter)[0]].id).toBe('stg_b');
    expect(searchAssets(g, ' ', { statuses: new Set(), layers: new Set(['gold']) }).map((i) => g.nodes[i].id)).toEqual([
      'fct_d',
      'mrt_e',
    ]);
  });
});

describe('topologyKey', () => {
  it('changes with the shape, not with statuses', () => {
    const a = small();
    const restyled = buildLineageGraph(
      a.nodes.map((n) => ({ ...n, status: 'failing' as const })),
      Array.from(a.edgeSource, (s, e) => ({ source: a.nodes[s].id, target: a.nodes[a.edgeTarget[e]].id }))
    );
    expect(topologyKey(restyled)).toBe(topologyKey(a));
    const rewired = buildLineageGraph(a.nodes, [{ source: 'raw_a', target: 'mrt_e' }]);
    expect(topologyKey(rewired)).not.toBe(topologyKey(a));
  });
});
