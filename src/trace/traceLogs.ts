import { CascadeLogLine } from '../model';
import { TraceTree } from './traceTree';

/** How a log line found its span. */
export type LogAttachment = 'spanId' | 'time';

/**
 * The trace's log lines grouped under spans (CSR by display index): the lines of span d are
 * `lines[start[d] .. start[d + 1])`, oldest first. Lines that fit no span are `unattached`.
 */
export interface AttachedLogs {
  lines: CascadeLogLine[];
  start: Int32Array;
  how: LogAttachment[];
  unattached: CascadeLogLine[];
  /** Counts for the page's summary ("12 by span id, 3 by time, 1 outside every span"). */
  bySpanId: number;
  byTime: number;
}

/** Span ids compare case-insensitively and without leading zeros (loggers pad them differently). */
export const normalizeSpanId = (id: string) =>
  id
    .trim()
    .toLowerCase()
    .replace(/^0+(?=.)/, '');

/**
 * Attaches each log line to a span: by its span id when that span is in the trace, otherwise by
 * time, to the deepest span whose [start, end] contains the line's timestamp (ties: the latest
 * started, then the first listed). The time matching is a sweep over span starts and ends with a
 * max-heap on depth: O((n + m) log n) for n spans and m lines.
 */
export function attachLogs(tree: TraceTree, logs: CascadeLogLine[]): AttachedLogs {
  const n = tree.spans.length;
  const ids = new Map<string, number>();
  tree.spans.forEach((s, d) => {
    const key = normalizeSpanId(s.spanID);
    if (!ids.has(key)) {
      ids.set(key, d);
    }
  });
  const owner = new Int32Array(logs.length).fill(-1);
  const how: Array<LogAttachment | undefined> = new Array(logs.length);
  const byTime: number[] = [];
  logs.forEach((l, k) => {
    const d = l.spanId ? ids.get(normalizeSpanId(l.spanId)) : undefined;
    if (d !== undefined) {
      owner[k] = d;
      how[k] = 'spanId';
    } else {
      byTime.push(k);
    }
  });
  sweepByTime(tree, logs, byTime, owner, how);

  // Counting sort by owner, then by time within each span (stable on the input order).
  const order = logs
    .map((_, k) => k)
    .sort((a, b) => owner[a] - owner[b] || logs[a].timestamp - logs[b].timestamp || a - b);
  const start = new Int32Array(n + 1);
  const lines: CascadeLogLine[] = [];
  const attachedHow: LogAttachment[] = [];
  const unattached: CascadeLogLine[] = [];
  for (const k of order) {
    if (owner[k] < 0) {
      unattached.push(logs[k]);
      continue;
    }
    start[owner[k] + 1]++;
    lines.push(logs[k]);
    attachedHow.push(how[k]!);
  }
  for (let d = 0; d < n; d++) {
    start[d + 1] += start[d];
  }
  const bySpanId = attachedHow.filter((h) => h === 'spanId').length;
  return { lines, start, how: attachedHow, unattached, bySpanId, byTime: attachedHow.length - bySpanId };
}

function sweepByTime(
  tree: TraceTree,
  logs: CascadeLogLine[],
  pending: number[],
  owner: Int32Array,
  how: Array<LogAttachment | undefined>
) {
  const n = tree.spans.length;
  if (pending.length === 0 || n === 0) {
    return;
  }
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    start[d] = tree.spans[d].startTime;
    end[d] = start[d] + tree.spans[d].duration;
  }
  const byStart = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    byStart[d] = d;
  }
  // Equal starts: the earlier-listed span ranks higher, so it wins ties.
  byStart.sort((a, b) => start[a] - start[b] || b - a);
  // One number orders the heap: deeper first, then later start (rank in start order, unique).
  const key = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const d = byStart[r];
    key[d] = tree.depth[d] * n + r;
  }
  pending.sort((a, b) => logs[a].timestamp - logs[b].timestamp || a - b);
  const heap = new Int32Array(n);
  let size = 0;
  let next = 0;
  for (const k of pending) {
    const t = logs[k].timestamp;
    while (next < n && start[byStart[next]] <= t) {
      // Sift up.
      let i = size++;
      const v = byStart[next++];
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (key[heap[parent]] >= key[v]) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = v;
    }
    // Lazy deletion: a span that ended before t stays ended for every later line.
    while (size > 0 && end[heap[0]] < t) {
      const v = heap[--size];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) {
          break;
        }
        const c = l + 1 < size && key[heap[l + 1]] > key[heap[l]] ? l + 1 : l;
        if (key[heap[c]] <= key[v]) {
          break;
        }
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = v;
    }
    if (size > 0) {
      owner[k] = heap[0];
      how[k] = 'time';
    }
  }
}

/** Log lines of span d (oldest first). */
export function logsOf(logs: AttachedLogs, d: number): CascadeLogLine[] {
  return logs.lines.slice(logs.start[d], logs.start[d + 1]);
}
