import { CascadeLogLine } from '../model';
import { AttachedLogs, LogAttachment } from './traceLogs';
import { TraceTree } from './traceTree';

/** Which spans the waterfall shows; the defaults show everything. */
export interface SpanFilter {
  /** Substring of operation or service name, case-insensitive. */
  query: string;
  /** Minimum duration in ms. */
  minDuration: number;
  status: 'all' | 'error' | 'ok';
}

export const NO_FILTER: SpanFilter = { query: '', minDuration: 0, status: 'all' };

export const isFiltering = (f: SpanFilter) => f.query.trim() !== '' || f.minDuration > 0 || f.status !== 'all';

/**
 * Spans to show for a filter: 2 = matches, 1 = kept as context because a descendant matches
 * (so matches stay in their tree), 0 = hidden. `undefined` when nothing is filtered. O(n).
 */
export function filterSpans(tree: TraceTree, f: SpanFilter): Uint8Array | undefined {
  if (!isFiltering(f)) {
    return undefined;
  }
  const q = f.query.trim().toLowerCase();
  const n = tree.spans.length;
  const keep = new Uint8Array(n);
  for (let d = n - 1; d >= 0; d--) {
    const s = tree.spans[d];
    const match =
      (!q || s.operationName.toLowerCase().includes(q) || s.serviceName.toLowerCase().includes(q)) &&
      s.duration >= f.minDuration &&
      (f.status === 'all' || (f.status === 'error') === (tree.error[d] === 1));
    if (match) {
      keep[d] = 2;
    }
    const p = tree.parent[d];
    if (keep[d] && p >= 0 && !keep[p]) {
      keep[p] = 1;
    }
  }
  return keep;
}

/** One row of the waterfall: a span, or a log line under the span it belongs to. */
export type WaterfallRow =
  | { kind: 'span'; span: number; context: boolean }
  | { kind: 'log'; span: number; line: CascadeLogLine; depth: number; how?: LogAttachment };

export interface RowOptions {
  /** Display indices of collapsed spans (their subtree and logs are hidden). */
  collapsed: ReadonlySet<number>;
  /** From filterSpans; undefined shows every span. */
  keep?: Uint8Array;
  /** Log lines to interleave; undefined shows none. */
  logs?: AttachedLogs;
}

/**
 * The visible rows in order: spans in tree order, each span's log lines interleaved with its
 * children by time (a line logged before a child started comes before that child), lines that
 * fit no span first. Context spans (kept only for a matching descendant) show no logs.
 * One pass over spans and lines: O(n + m).
 */
export function waterfallRows(tree: TraceTree, { collapsed, keep, logs }: RowOptions): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  logs?.unattached.forEach((line) => rows.push({ kind: 'log', span: -1, line, depth: 0 }));
  // Open spans whose remaining log lines are still to be placed: [span, next line, end line].
  const open: Array<[number, number, number]> = [];
  const emitLogs = (entry: [number, number, number], before: number) => {
    const [span, , endLine] = entry;
    while (entry[1] < endLine && logs!.lines[entry[1]].timestamp < before) {
      rows.push({
        kind: 'log',
        span,
        line: logs!.lines[entry[1]],
        depth: tree.depth[span] + 1,
        how: logs!.how[entry[1]],
      });
      entry[1]++;
    }
  };
  const n = tree.spans.length;
  let d = 0;
  while (d < n || open.length) {
    while (open.length && (d >= n || d >= tree.subtreeEnd[open[open.length - 1][0]])) {
      emitLogs(open.pop()!, Infinity);
    }
    if (d >= n) {
      break;
    }
    if (keep && !keep[d]) {
      d = tree.subtreeEnd[d];
      continue;
    }
    if (open.length) {
      emitLogs(open[open.length - 1], tree.spans[d].startTime);
    }
    const context = keep ? keep[d] === 1 : false;
    rows.push({ kind: 'span', span: d, context });
    if (collapsed.has(d)) {
      d = tree.subtreeEnd[d];
      continue;
    }
    open.push(logs && !context ? [d, logs.start[d], logs.start[d + 1]] : [d, 0, 0]);
    d++;
  }
  return rows;
}

/** Round tick values (1, 2 or 5 × 10^k ms) from 0 to `duration`, at most `max` + 1 of them. */
export function timeTicks(duration: number, max = 5): number[] {
  if (!(duration > 0)) {
    return [0];
  }
  const raw = duration / max;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= duration + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/** A span duration or offset in ms as people read it: "120 µs", "45.2 ms", "1.23 s", "2m 5s". */
export function formatMs(ms: number): string {
  const a = Math.abs(ms);
  if (a === 0) {
    return '0';
  }
  if (a < 1) {
    return `${Math.round(ms * 1000)} µs`;
  }
  if (a < 1000) {
    return `${Number(ms.toPrecision(3))} ms`;
  }
  if (a < 60_000) {
    return `${Number((ms / 1000).toPrecision(3))} s`;
  }
  const m = Math.floor(a / 60_000);
  const s = Math.round((a % 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${m}m ${s}s`;
}

/** An offset from the trace start: "+12.5 ms", "-646 µs" (a line logged just before the first span). */
export const formatOffset = (ms: number) => (ms < 0 ? `-${formatMs(-ms)}` : `+${formatMs(ms)}`);

/**
 * Virtual rows in slot order (slot = index mod window size): keyed by slot, a scrolled window
 * rewrites the same DOM nodes in place instead of inserting and removing rows, which made the
 * browser restyle every row each frame (docs/performance.md). Order on screen comes from each
 * row's offset and `aria-rowindex`, not from DOM order.
 */
export function slotOrder<T extends { index: number }>(items: readonly T[]): T[] {
  const n = items.length;
  if (n === 0) {
    return [];
  }
  const first = (n - (items[0].index % n)) % n;
  return [...items.slice(first), ...items.slice(0, first)];
}
