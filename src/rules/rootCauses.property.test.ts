/**
 * Property tests (fast-check) of the root-cause rules against a brute-force reading of the issue's
 * definitions (ancestors by an upward walk from every asset), on random DAGs and on random graphs
 * with cycles.
 */
import fc from 'fast-check';
import { AssetStatus } from '../model';
import { ALL_STATUSES } from './healthRules';
import {
  analyseRootCauses,
  buildIncidents,
  IncidentInput,
  isUnhealthy,
  rootCausesOf,
  withRootCauses,
} from './rootCauses';

/** A random graph of up to 25 assets; `dag` keeps every edge pointing from a lower to a higher index. */
const graph = (dag: boolean) =>
  fc
    .integer({ min: 1, max: 25 })
    .chain((n) =>
      fc.record({
        statuses: fc.array(fc.constantFrom<AssetStatus>(...ALL_STATUSES), { minLength: n, maxLength: n }),
        owners: fc.array(fc.constantFrom('ana', 'bo', 'cy', ''), { minLength: n, maxLength: n }),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
      })
    )
    .map(({ statuses, owners, edges }): IncidentInput[] => {
      const rows = statuses.map((status, i) => ({
        asset: `a${i}`,
        status,
        owner: owners[i] || undefined,
        reasons: [status],
        upstream: [] as string[],
      }));
      for (const [x, y] of edges) {
        const [from, to] = dag ? [Math.min(x, y), Math.max(x, y)] : [x, y];
        if (!dag || from !== to) {
          rows[to].upstream.push(`a${from}`);
        }
      }
      return rows;
    });

/** Ancestors of every asset by walking upstream (the definition, not the algorithm). */
function ancestors(rows: IncidentInput[]): Map<string, Set<string>> {
  const up = new Map(rows.map((r) => [r.asset, r.upstream]));
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const seen = new Set<string>();
    const todo = [...r.upstream];
    while (todo.length) {
      const a = todo.pop()!;
      if (!seen.has(a)) {
        seen.add(a);
        todo.push(...(up.get(a) ?? []));
      }
    }
    out.set(r.asset, seen);
  }
  return out;
}

const statusOf = (rows: IncidentInput[]) => new Map(rows.map((r) => [r.asset, r.status]));

test('on a DAG: roots have no unhealthy ancestor, every other unhealthy asset has a root among its ancestors', () => {
  fc.assert(
    fc.property(graph(true), (rows) => {
      const a = analyseRootCauses(rows);
      const anc = ancestors(rows);
      const status = statusOf(rows);
      const roots = new Set(a.roots);
      expect(a.cycles).toEqual([]);
      for (const r of rows) {
        const unhealthyAncestors = [...anc.get(r.asset)!].filter((x) => isUnhealthy(status.get(x)!));
        if (roots.has(r.asset)) {
          expect(isUnhealthy(r.status)).toBe(true);
          expect(unhealthyAncestors).toEqual([]);
          expect(rootCausesOf(r.asset, r.status, a)).toEqual([]);
        } else if (isUnhealthy(r.status)) {
          const own = unhealthyAncestors.filter((x) => roots.has(x)).sort();
          expect(own.length).toBeGreaterThan(0);
          expect(rootCausesOf(r.asset, r.status, a)).toEqual(own);
          expect(a.impacted).toContain(r.asset);
        } else {
          expect(rootCausesOf(r.asset, r.status, a)).toEqual([]);
        }
      }
      expect(a.roots.length + a.impacted.length).toBe(rows.filter((r) => isUnhealthy(r.status)).length);
    })
  );
});

test('with cycles: terminates, reports each cycle, and the root properties hold outside the own cycle', () => {
  fc.assert(
    fc.property(graph(false), (rows) => {
      const a = analyseRootCauses(rows);
      const anc = ancestors(rows);
      const status = statusOf(rows);
      const roots = new Set(a.roots);
      const onCycle = rows.filter((r) => anc.get(r.asset)!.has(r.asset)).map((r) => r.asset);
      expect(a.cycles.flat().sort()).toEqual([...onCycle].sort());
      // Same strongly connected set = each is an ancestor of the other (or itself).
      const sameCycle = (x: string, y: string) => x === y || (anc.get(x)!.has(y) && anc.get(y)!.has(x));
      for (const r of rows) {
        if (!isUnhealthy(r.status)) {
          expect(roots.has(r.asset)).toBe(false);
          continue;
        }
        const outside = [...anc.get(r.asset)!].filter((x) => !sameCycle(x, r.asset));
        if (roots.has(r.asset)) {
          expect(outside.filter((x) => isUnhealthy(status.get(x)!))).toEqual([]);
        } else {
          expect(outside.some((x) => roots.has(x))).toBe(true);
        }
      }
    })
  );
});

test('incidents: blast radius = all descendants, impacted = the unhealthy ones, sorted by severity then radius', () => {
  fc.assert(
    fc.property(graph(false), fc.integer({ min: 0, max: 1e6 }), (rows, base) => {
      const a = analyseRootCauses(rows);
      const anc = ancestors(rows);
      const status = statusOf(rows);
      const owner = new Map(rows.map((r) => [r.asset, r.owner]));
      const breach = (x: string) => (Number(x.slice(1)) % 3 === 0 ? base + Number(x.slice(1)) : undefined);
      const incidents = buildIncidents(rows, a, { slaBreachAt: breach });
      expect(incidents.map((i) => i.root).sort()).toEqual([...a.roots].sort());
      for (const inc of incidents) {
        const desc = rows.filter((r) => r.asset !== inc.root && anc.get(r.asset)!.has(inc.root)).map((r) => r.asset);
        expect([...inc.blastRadius].sort()).toEqual(desc.sort());
        expect([...inc.impacted].sort()).toEqual(desc.filter((d) => isUnhealthy(status.get(d)!)).sort());
        const breaches = inc.blastRadius.map(breach).filter((x): x is number => x !== undefined);
        expect(inc.firstSlaBreachAt).toBe(breaches.length ? Math.min(...breaches) : undefined);
        for (const o of [inc.root, ...inc.impacted].map((x) => owner.get(x)).filter(Boolean)) {
          expect(inc.owners).toContain(o);
        }
      }
      for (let i = 1; i < incidents.length; i++) {
        const [p, q] = [incidents[i - 1], incidents[i]];
        const sev = ALL_STATUSES.indexOf(p.status) - ALL_STATUSES.indexOf(q.status);
        expect(sev > 0 || (sev === 0 && p.blastRadius.length >= q.blastRadius.length)).toBe(true);
      }
    })
  );
});

test('a 50,000-asset chain closed into one cycle terminates (no recursion) and is reported', () => {
  const n = 50_000;
  const rows = Array.from({ length: n }, (_, i) => ({
    asset: `a${i}`,
    status: (i === 7 || i === 9 ? 'failing' : 'ok') as AssetStatus,
    upstream: [`a${(i + n - 1) % n}`],
  }));
  const a = analyseRootCauses(rows);
  expect(a.cycles).toHaveLength(1);
  expect(a.cycles[0]).toHaveLength(n);
  // Both unhealthy members are co-roots: the cycle has no unhealthy ancestor outside it.
  expect(a.roots).toEqual(['a7', 'a9']);
  expect(a.impacted).toEqual([]);
  expect(a.descendants.get('a7')).toHaveLength(n - 1);
});

test('the example: the failing upstream is the root, its stale downstream are impacted', () => {
  const rows: IncidentInput[] = [
    { asset: 'stg', status: 'ok', upstream: [], owner: 'ana', reasons: [] },
    { asset: 'fct', status: 'failing', upstream: ['stg'], owner: 'ana', reasons: ['last run failed'] },
    { asset: 'mrt', status: 'stale', upstream: ['fct'], owner: 'bo', reasons: ['not updated for 3h'] },
    { asset: 'pub', status: 'errors', upstream: ['mrt'], owner: 'cy', reasons: ['not updated for 5h'] },
    { asset: 'side', status: 'ok', upstream: ['fct'], owner: 'dee', reasons: [] },
    { asset: 'other', status: 'quality', upstream: [], owner: 'eve', reasons: ['pass rate 90%'] },
  ];
  const a = analyseRootCauses(rows);
  expect(a.roots).toEqual(['fct', 'other']);
  expect(rootCausesOf('pub', 'errors', a)).toEqual(['fct']);
  const [first, second] = buildIncidents(rows, a, { slaBreachAt: (x) => ({ side: 5000, mrt: 9000 })[x] });
  expect(first).toMatchObject({
    root: 'fct',
    impacted: ['mrt', 'pub'],
    blastRadius: ['mrt', 'side', 'pub'],
    owners: ['ana', 'bo', 'cy', 'dee'],
    firstSlaBreachAt: 5000,
    firstSlaBreachAsset: 'side',
    inCycle: false,
  });
  expect(second).toMatchObject({ root: 'other', impacted: [], blastRadius: [], owners: ['eve'] });
});

test('withRootCauses fills the health rows: roots flagged, impacted list their roots', () => {
  const rows = [
    { asset: 'a', status: 'failing' as AssetStatus, upstream: [] },
    { asset: 'b', status: 'stale' as AssetStatus, upstream: ['a'] },
    { asset: 'c', status: 'ok' as AssetStatus, upstream: ['b'] },
  ];
  expect(withRootCauses(rows).map((r) => [r.asset, r.isRootCause, r.rootCauses])).toEqual([
    ['a', true, []],
    ['b', false, ['a']],
    ['c', false, []],
  ]);
});
