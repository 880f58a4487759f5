import { TraceKeyValuePair, TraceSpanRow } from '@grafana/data';
import { hasErrorTag } from '../model';
import { TraceFrameReference } from '../frames/traceFrame';

/** A row of the `trace` frame (Grafana's TraceSpanRow; Cascade's references keep their refType). */
export type TraceSpanInput = TraceSpanRow & { references?: TraceFrameReference[] };

/**
 * A trace as a tree in display order (pre-order, siblings by start time). Arrays are indexed by
 * display position; the subtree of span i is the contiguous range [i, subtreeEnd[i]), which makes
 * collapsing, filtering and interleaving single linear passes.
 */
export interface TraceTree {
  spans: TraceSpanInput[];
  /** Display index of the parent, -1 for a root. */
  parent: Int32Array;
  depth: Int32Array;
  subtreeEnd: Int32Array;
  childCount: Int32Array;
  /** 1 when the span hangs off its parent by a FOLLOWS_FROM reference (it does not block it). */
  followsFrom: Uint8Array;
  error: Uint8Array;
  /** span id → display index (first span with that id). */
  byId: Map<string, number>;
  roots: number[];
  /** ms epoch of the earliest start and latest end. */
  start: number;
  end: number;
  /** Data problems found while building (duplicate ids, missing parents, cycles). */
  warnings: string[];
}

/** Error spans: OTLP status ERROR (statusCode 2) or the error tags (model/spanStatus.ts, the one rule). */
export const isErrorRow = (span: TraceSpanInput): boolean => span.statusCode === 2 || hasErrorTag(span.tags);

/**
 * Builds the tree in O(n) plus sorting siblings by start time (skipped when they already are,
 * as SDK exports usually are). A parent is `parentSpanID`, else the first reference to a span of
 * this trace (FOLLOWS_FROM). Spans whose parent is missing become roots; cycles are broken.
 */
export function buildTraceTree(rows: TraceSpanInput[]): TraceTree {
  const n = rows.length;
  const warnings: string[] = [];
  const byRow = new Map<string, number>();
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    if (byRow.has(rows[i].spanID)) {
      duplicates++;
    } else {
      byRow.set(rows[i].spanID, i);
    }
  }
  if (duplicates) {
    warnings.push(`${duplicates} span(s) reuse another span's id; their children attach to the first one.`);
  }

  const parentRow = new Int32Array(n).fill(-1);
  const followsRow = new Uint8Array(n);
  let orphans = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const p = r.parentSpanID ? byRow.get(r.parentSpanID) : undefined;
    if (p !== undefined && p !== i) {
      parentRow[i] = p;
      continue;
    }
    if (r.parentSpanID) {
      orphans++;
    }
    for (const ref of r.references ?? []) {
      const q = byRow.get(ref.spanID);
      if (q !== undefined && q !== i && (!ref.traceID || ref.traceID === r.traceID)) {
        parentRow[i] = q;
        followsRow[i] = ref.refType === 'CHILD_OF' ? 0 : 1;
        break;
      }
    }
  }
  if (orphans) {
    warnings.push(`${orphans} span(s) reference a parent that is not in the trace; they are shown as roots.`);
  }

  // Children lists in CSR form, each sorted by (start, row).
  const childStart = new Int32Array(n + 2);
  for (let i = 0; i < n; i++) {
    childStart[parentRow[i] + 2]++;
  }
  for (let k = 0; k <= n; k++) {
    childStart[k + 1] += childStart[k];
  }
  const fill = childStart.slice();
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    children[fill[parentRow[i] + 1]++] = i;
  }
  const byStart = (a: number, b: number) => rows[a].startTime - rows[b].startTime || a - b;
  for (let p = 0; p <= n; p++) {
    const lo = childStart[p];
    const hi = childStart[p + 1];
    let sorted = true;
    for (let k = lo + 1; k < hi && sorted; k++) {
      sorted = byStart(children[k - 1], children[k]) <= 0;
    }
    if (!sorted) {
      children.set(Array.from(children.subarray(lo, hi)).sort(byStart), lo);
    }
  }
  // Slot 0 of the CSR holds the roots (parent -1), slot p + 1 the children of row p.
  const kidsOf = (p: number) => children.subarray(childStart[p + 1], childStart[p + 2]);

  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let pos = 0;
  const stack: number[] = [];
  const visit = (root: number) => {
    stack.push(root);
    while (stack.length) {
      const v = stack.pop()!;
      if (seen[v]) {
        continue;
      }
      seen[v] = 1;
      order[pos++] = v;
      const kids = kidsOf(v);
      for (let k = kids.length - 1; k >= 0; k--) {
        if (!seen[kids[k]]) {
          stack.push(kids[k]);
        }
      }
    }
  };
  kidsOf(-1).forEach(visit);
  if (pos < n) {
    // Spans left over sit on a parent cycle: cut it at the earliest-listed span.
    let cut = 0;
    for (let i = 0; i < n; i++) {
      if (!seen[i]) {
        parentRow[i] = -1;
        followsRow[i] = 0;
        cut++;
        visit(i);
      }
    }
    warnings.push(`Parent references form a cycle; ${cut} span(s) were made roots to break it.`);
  }

  const displayOf = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    displayOf[order[d]] = d;
  }
  const spans = new Array<TraceSpanInput>(n);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const followsFrom = new Uint8Array(n);
  const error = new Uint8Array(n);
  const byId = new Map<string, number>();
  const roots: number[] = [];
  let start = Infinity;
  let end = -Infinity;
  for (let d = 0; d < n; d++) {
    const r = order[d];
    const row = rows[r];
    spans[d] = row;
    parent[d] = parentRow[r] < 0 ? -1 : displayOf[parentRow[r]];
    depth[d] = parent[d] < 0 ? 0 : depth[parent[d]] + 1;
    followsFrom[d] = followsRow[r];
    error[d] = isErrorRow(row) ? 1 : 0;
    if (!byId.has(row.spanID)) {
      byId.set(row.spanID, d);
    }
    if (parent[d] < 0) {
      roots.push(d);
    }
    start = Math.min(start, row.startTime);
    end = Math.max(end, row.startTime + row.duration);
  }
  // Subtree sizes accumulate bottom-up in reverse pre-order.
  const subtreeEnd = new Int32Array(n);
  const childCount = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let d = n - 1; d >= 0; d--) {
    subtreeEnd[d] = d + size[d];
    if (parent[d] >= 0) {
      size[parent[d]] += size[d];
      childCount[parent[d]]++;
    }
  }
  return {
    spans,
    parent,
    depth,
    subtreeEnd,
    childCount,
    followsFrom,
    error,
    byId,
    roots,
    start: n ? start : 0,
    end: n ? end : 0,
    warnings,
  };
}

/** Display indices of the direct children of span d, in start order. */
export function childrenOf(tree: TraceTree, d: number): number[] {
  const out: number[] = [];
  for (let c = d + 1; c < tree.subtreeEnd[d]; c = tree.subtreeEnd[c]) {
    out.push(c);
  }
  return out;
}
