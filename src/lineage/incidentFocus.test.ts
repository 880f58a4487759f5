import fc from 'fast-check';
import { AssetStatus } from '../model';
import { ALL_STATUSES } from '../rules/healthRules';
import { analyseRootCauses, buildIncidents } from '../rules/rootCauses';
import { INCIDENT, incidentFocus, incidentFocusTitle } from './incidentFocus';
import { buildLineageGraph, LineageAsset } from './lineageGraph';

const asset = (id: string, status: AssetStatus = 'ok'): LineageAsset => ({ id, status });

// raw → stg (failing) → fct (ok) → mrt (stale) → pub (failing); stg → side (ok); other (quality) alone.
const chain = () =>
  buildLineageGraph(
    [
      asset('raw'),
      asset('stg', 'failing'),
      asset('fct'),
      asset('mrt', 'stale'),
      asset('pub', 'failing'),
      asset('side'),
      asset('other', 'quality'),
    ],
    [
      { source: 'raw', target: 'stg' },
      { source: 'stg', target: 'fct' },
      { source: 'fct', target: 'mrt' },
      { source: 'mrt', target: 'pub' },
      { source: 'stg', target: 'side' },
    ]
  );

const ids = (g: ReturnType<typeof chain>, nodes: number[]) => nodes.map((i) => g.nodes[i].id).sort();

describe('incidentFocus', () => {
  it('lights the root and its unhealthy descendants, keeps the healthy link between them, dims the rest', () => {
    const g = chain();
    const f = incidentFocus(g, 'stg')!;
    expect(g.nodes[f.root].id).toBe('stg');
    expect(ids(g, f.impacted)).toEqual(['mrt', 'pub']);
    const bit = (id: string) => f.nodeMask[g.index.get(id)!];
    expect(bit('stg')).toBe(INCIDENT.root);
    expect([bit('mrt'), bit('pub')]).toEqual([INCIDENT.impacted, INCIDENT.impacted]);
    expect(bit('fct')).toBe(INCIDENT.path);
    // Upstream of the root, a healthy branch leading to nothing broken, another incident: dimmed.
    expect([bit('raw'), bit('side'), bit('other')]).toEqual([0, 0, 0]);
    expect(ids(g, f.lit)).toEqual(['fct', 'mrt', 'pub', 'stg']);
    const litEdges = Array.from(f.edgeMask.keys())
      .filter((e) => f.edgeMask[e])
      .map((e) => `${g.nodes[g.edgeSource[e]].id}>${g.nodes[g.edgeTarget[e]].id}`)
      .sort();
    expect(litEdges).toEqual(['fct>mrt', 'mrt>pub', 'stg>fct']);
    expect(incidentFocusTitle(g, f)).toBe('Incident: stg failing → 2 impacted');
  });

  it('a root without impacted assets lights only itself', () => {
    const g = chain();
    const f = incidentFocus(g, 'other')!;
    expect(f.impacted).toEqual([]);
    expect(ids(g, f.lit)).toEqual(['other']);
    expect(f.edgeMask.every((m) => m === 0)).toBe(true);
    expect(incidentFocusTitle(g, f)).toBe('Incident: other quality → 0 impacted');
  });

  it('is undefined for an unknown or healthy asset (the incident is over)', () => {
    const g = chain();
    expect(incidentFocus(g, 'nope')).toBeUndefined();
    expect(incidentFocus(g, 'raw')).toBeUndefined();
  });

  it('terminates on a cycle', () => {
    const g = buildLineageGraph(
      [asset('a', 'failing'), asset('b', 'stale'), asset('c')],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'a' },
      ]
    );
    const f = incidentFocus(g, 'a')!;
    expect(ids(g, f.impacted)).toEqual(['b']);
  });

  it('impacted = the incidents query’s impacted assets for every root (random DAGs)', () => {
    const dag = fc.integer({ min: 1, max: 20 }).chain((n) =>
      fc.record({
        statuses: fc.array(fc.constantFrom<AssetStatus>(...ALL_STATUSES), { minLength: n, maxLength: n }),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
      })
    );
    fc.assert(
      fc.property(dag, ({ statuses, edges }) => {
        const rows = statuses.map((status, i) => ({ asset: `a${i}`, status, reasons: [], upstream: [] as string[] }));
        const lineageEdges = edges
          .filter(([x, y]) => x !== y)
          .map(([x, y]) => ({ source: `a${Math.min(x, y)}`, target: `a${Math.max(x, y)}` }));
        lineageEdges.forEach((e) => rows[Number(e.target.slice(1))].upstream.push(e.source));
        const g = buildLineageGraph(
          rows.map((r) => asset(r.asset, r.status)),
          lineageEdges
        );
        for (const incident of buildIncidents(rows, analyseRootCauses(rows))) {
          const f = incidentFocus(g, incident.root)!;
          expect(ids(g, f.impacted)).toEqual([...incident.impacted].sort());
          // Every lit edge joins two lit nodes; every lit node but the root has a lit edge in.
          f.edgeMask.forEach((m, e) => {
            if (m) {
              expect(f.nodeMask[g.edgeSource[e]] && f.nodeMask[g.edgeTarget[e]]).toBeTruthy();
            }
          });
          for (const v of f.lit) {
            if (v !== f.root) {
              const into = Array.from(f.edgeMask.keys()).some((e) => f.edgeMask[e] && g.edgeTarget[e] === v);
              expect({ v, into }).toEqual({ v, into: true });
            }
          }
        }
      })
    );
  });
});
