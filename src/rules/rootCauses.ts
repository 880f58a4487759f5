import { AssetHealth, AssetStatus, Incident, RootCauseAnalysis } from '../model';
import { STATUS_SEVERITY } from './healthRules';

/**
 * Root causes and blast radius (issue 12, documented in src/datasource/README.md):
 *   - an asset is unhealthy when its status is anything but `ok` or `unknown` (isUnhealthy);
 *   - an unhealthy asset is a root cause when none of its ancestors is unhealthy;
 *   - every other unhealthy asset is impacted; its root causes are the roots among its ancestors.
 * On a dependency cycle every member is an ancestor of every other one, so "no unhealthy ancestor"
 * is read outside the asset's own cycle: the unhealthy members of a cycle with no unhealthy ancestor
 * outside it are all roots (co-roots), and the cycle is reported. The classification is O(V + E)
 * (one pass of Tarjan's strongly connected components, one pass over the condensation in
 * topological order); the lists (descendants per root) cost what they hold: one breadth-first walk
 * per root.
 */

/** What the rules need of an asset (a subset of the health row). */
export type RootCauseInput = Pick<AssetHealth, 'asset' | 'status' | 'upstream'>;

/** Unhealthy = anything but ok or unknown. The only place that knows which status words are healthy. */
export function isUnhealthy(status: AssetStatus): boolean {
  return status !== 'ok' && status !== 'unknown';
}

/** Severity of a status for sorting incidents (higher = worse); unknown words sort as healthy. */
export function statusSeverity(status: AssetStatus): number {
  return (STATUS_SEVERITY as Partial<Record<string, number>>)[status] ?? 0;
}

/** Indexed graph: parents[i] are i's upstreams, children[i] its downstreams (names not in rows are ignored). */
function indexGraph(rows: readonly RootCauseInput[]) {
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!index.has(r.asset)) {
      index.set(r.asset, i);
    }
  });
  const parents: number[][] = rows.map(() => []);
  const children: number[][] = rows.map(() => []);
  const selfLoop = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    if (index.get(r.asset) !== i) {
      return; // a duplicate row: the first one stands for the asset
    }
    for (const u of r.upstream) {
      const p = index.get(u);
      if (p === undefined) {
        continue;
      }
      if (p === i) {
        selfLoop[i] = 1;
        continue;
      }
      parents[i].push(p);
      children[p].push(i);
    }
  });
  return { index, parents, children, selfLoop };
}

/**
 * Tarjan's strongly connected components, iterative (no recursion limit on long chains). Returns
 * each node's component and the components in topological order of the condensation (ancestors first).
 */
function stronglyConnected(children: number[][]): { comp: Int32Array; order: number[][] } {
  const n = children.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const emitted: number[][] = [];
  let counter = 0;
  const callNode: number[] = [];
  const callEdge: number[] = [];
  for (let s = 0; s < n; s++) {
    if (idx[s] !== -1) {
      continue;
    }
    callNode.push(s);
    callEdge.push(0);
    idx[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top];
      const e = callEdge[top];
      if (e < children[v].length) {
        callEdge[top] = e + 1;
        const w = children[v][e];
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], idx[w]);
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length) {
        const parent = callNode[callNode.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === idx[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = emitted.length;
          members.push(w);
        } while (w !== v);
        emitted.push(members);
      }
    }
  }
  // Tarjan emits a component after every component reachable from it: reversed, ancestors come first.
  return { comp, order: emitted.reverse() };
}

/** Classifies every asset (root / impacted / healthy), lists each root's descendants, reports cycles. */
export function analyseRootCauses(rows: readonly RootCauseInput[]): RootCauseAnalysis {
  const { index, parents, children, selfLoop } = indexGraph(rows);
  const { comp, order } = stronglyConnected(children);
  const n = rows.length;
  const unhealthy = rows.map((r) => isUnhealthy(r.status));
  // Per component id: does an unhealthy ancestor exist outside it? Filled ancestors first.
  // An unhealthy member of a parent's component is an ancestor too (a cycle reaches all its members).
  const hasUnhealthyAncestor = new Uint8Array(order.length);
  const hasUnhealthyMember = new Uint8Array(order.length);
  const cycles: string[][] = [];
  for (const members of order) {
    const c = comp[members[0]];
    for (const v of members) {
      if (unhealthy[v]) {
        hasUnhealthyMember[c] = 1;
      }
      for (const p of parents[v]) {
        if (comp[p] !== c && (hasUnhealthyMember[comp[p]] || hasUnhealthyAncestor[comp[p]])) {
          hasUnhealthyAncestor[c] = 1;
        }
      }
    }
    if (members.length > 1 || selfLoop[members[0]]) {
      cycles.push(members.map((v) => rows[v].asset).sort());
    }
  }
  const rootIdx: number[] = [];
  const impacted: string[] = [];
  for (let v = 0; v < n; v++) {
    if (!unhealthy[v] || index.get(rows[v].asset) !== v) {
      continue;
    }
    if (hasUnhealthyAncestor[comp[v]]) {
      impacted.push(rows[v].asset);
    } else {
      rootIdx.push(v);
    }
  }
  // One breadth-first walk per root; `seen` is stamped with the walk number instead of being cleared.
  const seen = new Int32Array(n).fill(-1);
  const descendants = new Map<string, string[]>();
  const upstreamRoots = new Map<string, string[]>();
  rootIdx.forEach((r, walk) => {
    const out: string[] = [];
    const queue = [r];
    seen[r] = walk;
    for (let head = 0; head < queue.length; head++) {
      for (const w of children[queue[head]]) {
        if (seen[w] !== walk) {
          seen[w] = walk;
          queue.push(w);
          out.push(rows[w].asset);
          const list = upstreamRoots.get(rows[w].asset);
          list ? list.push(rows[r].asset) : upstreamRoots.set(rows[w].asset, [rows[r].asset]);
        }
      }
    }
    descendants.set(rows[r].asset, out);
  });
  for (const list of upstreamRoots.values()) {
    list.sort();
  }
  return { roots: rootIdx.map((v) => rows[v].asset), impacted, upstreamRoots, descendants, cycles };
}

/** The root causes of one asset as the `health` frame lists them: empty for roots and healthy assets. */
export function rootCausesOf(asset: string, status: AssetStatus, analysis: RootCauseAnalysis): string[] {
  if (!isUnhealthy(status) || analysis.descendants.has(asset)) {
    return [];
  }
  return analysis.upstreamRoots.get(asset) ?? [];
}

/** What incidents need beyond the graph: who owns what, since when, and when SLAs break (all optional). */
export interface IncidentContext {
  /** ms epoch of the root's first failed run or SLA breach in the range. */
  since?: (asset: string) => number | undefined;
  /** ms epoch at which the asset passes (or passed) its freshness SLA, when that is expected. */
  slaBreachAt?: (asset: string) => number | undefined;
}

export type IncidentInput = Pick<AssetHealth, 'asset' | 'status' | 'upstream' | 'owner' | 'reasons'>;

/**
 * One incident per root cause, sorted by severity, then blast radius, then name. Owners to notify:
 * the root's, the impacted assets' and those of descendants with a known SLA breach (at risk).
 */
export function buildIncidents(
  rows: readonly IncidentInput[],
  analysis: RootCauseAnalysis,
  ctx: IncidentContext = {}
): Incident[] {
  const byName = new Map<string, IncidentInput>();
  for (const r of rows) {
    if (!byName.has(r.asset)) {
      byName.set(r.asset, r);
    }
  }
  const inCycle = new Set(analysis.cycles.flat());
  const incidents = analysis.roots.map((root): Incident => {
    const row = byName.get(root)!;
    const blastRadius = analysis.descendants.get(root) ?? [];
    const impacted = blastRadius.filter((d) => isUnhealthy(byName.get(d)!.status));
    const owners = new Set<string>();
    const addOwner = (a: string) => {
      const o = byName.get(a)?.owner;
      if (o) {
        owners.add(o);
      }
    };
    addOwner(root);
    impacted.forEach(addOwner);
    let firstSlaBreachAt: number | undefined;
    let firstSlaBreachAsset: string | undefined;
    for (const d of blastRadius) {
      const at = ctx.slaBreachAt?.(d);
      if (at === undefined || !Number.isFinite(at)) {
        continue;
      }
      addOwner(d);
      if (firstSlaBreachAt === undefined || at < firstSlaBreachAt) {
        firstSlaBreachAt = at;
        firstSlaBreachAsset = d;
      }
    }
    return {
      root,
      status: row.status,
      reasons: row.reasons,
      since: ctx.since?.(root),
      impacted,
      blastRadius,
      owners: [...owners].sort(),
      firstSlaBreachAt,
      firstSlaBreachAsset,
      inCycle: inCycle.has(root),
    };
  });
  return incidents.sort(
    (a, b) =>
      statusSeverity(b.status) - statusSeverity(a.status) ||
      b.blastRadius.length - a.blastRadius.length ||
      (a.root < b.root ? -1 : a.root > b.root ? 1 : 0)
  );
}

/** The rows with `rootCauses` and `isRootCause` filled in (what the `health` frame carries). */
export function withRootCauses<T extends RootCauseInput>(
  rows: readonly T[]
): Array<T & { rootCauses: string[]; isRootCause: boolean }> {
  const analysis = analyseRootCauses(rows);
  const roots = new Set(analysis.roots);
  return rows.map((r) => ({
    ...r,
    rootCauses: rootCausesOf(r.asset, r.status, analysis),
    isRootCause: roots.has(r.asset),
  }));
}
