import { childrenOf, TraceTree } from './traceTree';

/** A stretch of one span's time that lies on the critical path (ms epoch). */
export interface CriticalSection {
  span: number;
  start: number;
  end: number;
}

export interface CriticalPath {
  /** Sections from the trace's end backwards, as Jaeger lists them. */
  sections: CriticalSection[];
  /** 1 for spans with at least one section on the path. */
  onPath: Uint8Array;
}

/**
 * Jaeger UI's critical path: start at the root; the path runs through the child that finishes
 * last (the "last finishing child"), recursively; when a span has no child left that finishes
 * before the point we walked back to, its own remaining time is on the path and the walk returns
 * to the parent at that span's start, picking the child that finished just before it.
 *
 * Like Jaeger: FOLLOWS_FROM children do not block their parent and are ignored; children are
 * clamped to their parent's interval and dropped when entirely outside it; zero-length sections are
 * omitted. The recursion is an explicit loop (deep traces cannot overflow the stack) and each
 * parent's children are scanned once in end-time order, so the cost is O(n log n) instead of the
 * quadratic scan of the original.
 */
export function criticalPath(tree: TraceTree): CriticalPath {
  const n = tree.spans.length;
  const onPath = new Uint8Array(n);
  const sections: CriticalSection[] = [];
  const root = pickRoot(tree);
  if (root < 0) {
    return { sections, onPath };
  }

  // Clamp every span of the root's tree to its parent (pre-order: parents are clamped first).
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const keep = new Uint8Array(n);
  start[root] = tree.spans[root].startTime;
  end[root] = start[root] + tree.spans[root].duration;
  keep[root] = 1;
  for (let d = root + 1; d < tree.subtreeEnd[root]; d++) {
    const p = tree.parent[d];
    const s = tree.spans[d].startTime;
    const e = s + tree.spans[d].duration;
    if (!keep[p] || tree.followsFrom[d] || s >= end[p] || e <= start[p]) {
      continue;
    }
    start[d] = Math.max(s, start[p]);
    end[d] = Math.min(e, end[p]);
    keep[d] = 1;
  }

  const sorted = new Map<number, number[]>();
  const cursor = new Int32Array(n);
  const blockingChildren = (d: number) => {
    let kids = sorted.get(d);
    if (!kids) {
      // Latest end first; ties go to the earlier child, as Jaeger's strict ">" scan does.
      kids = childrenOf(tree, d)
        .filter((c) => keep[c])
        .sort((a, b) => end[b] - end[a] || a - b);
      sorted.set(d, kids);
    }
    return kids;
  };
  const push = (span: number, from: number, to: number) => {
    if (from !== to) {
      sections.push({ span, start: from, end: to });
      onPath[span] = 1;
    }
  };

  let current = root;
  let spawn: number | undefined;
  for (;;) {
    const kids = blockingChildren(current);
    // Children ending at or after the spawn point cannot precede it; they never will again either.
    while (spawn !== undefined && cursor[current] < kids.length && end[kids[cursor[current]]] >= spawn) {
      cursor[current]++;
    }
    const sectionEnd = spawn ?? end[current];
    if (cursor[current] < kids.length) {
      const lfc = kids[cursor[current]++];
      push(current, end[lfc], sectionEnd);
      current = lfc;
      spawn = undefined;
      continue;
    }
    push(current, start[current], sectionEnd);
    if (current === root) {
      break;
    }
    spawn = start[current];
    current = tree.parent[current];
  }
  return { sections, onPath };
}

/** The root the path starts from: the earliest root span (the longest one on ties). */
function pickRoot(tree: TraceTree): number {
  let best = -1;
  for (const r of tree.roots) {
    const s = tree.spans[r];
    if (
      best < 0 ||
      s.startTime < tree.spans[best].startTime ||
      (s.startTime === tree.spans[best].startTime && s.duration > tree.spans[best].duration)
    ) {
      best = r;
    }
  }
  return best;
}

/** The path's sections grouped by span (for drawing them on each span's bar). */
export function sectionsBySpan(path: CriticalPath): Map<number, CriticalSection[]> {
  const out = new Map<number, CriticalSection[]>();
  for (const s of path.sections) {
    const list = out.get(s.span);
    if (list) {
      list.push(s);
    } else {
      out.set(s.span, [s]);
    }
  }
  return out;
}
