import { CascadeLogLine } from '../model';
import { attachLogs } from './traceLogs';
import { generateTrace, generateTraceLogs, spanInput } from '../testing/traceData';
import { fastestMs } from '../testing/timing';
import { buildTraceTree } from './traceTree';
import {
  filterSpans,
  formatMs,
  formatOffset,
  NO_FILTER,
  slotOrder,
  timeTicks,
  waterfallRows,
  WaterfallRow,
} from './traceTreeRows';

const span = (
  spanID: string,
  parentSpanID: string | undefined,
  startTime: number,
  duration: number,
  statusCode?: number
) => spanInput(spanID, parentSpanID, startTime, duration, { operationName: `op ${spanID}`, statusCode });
const line = (id: string, timestamp: number, spanId?: string): CascadeLogLine => ({
  id,
  timestamp,
  tsNs: '0',
  body: id,
  labels: {},
  spanId,
});

// root 0..100: a 10..40 (a1 12..20 error), b 50..90
const tree = buildTraceTree([
  span('root', undefined, 0, 100),
  span('a', 'root', 10, 30),
  span('a1', 'a', 12, 8, 2),
  span('b', 'root', 50, 40),
]);
const show = (rows: WaterfallRow[]) =>
  rows.map((r) =>
    r.kind === 'span'
      ? `${tree.spans[r.span].spanID}${r.context ? '*' : ''}`
      : `  log:${r.line.id}@${r.span < 0 ? '-' : tree.spans[r.span].spanID}`
  );

describe('waterfallRows', () => {
  it('lists spans in tree order', () => {
    expect(show(waterfallRows(tree, { collapsed: new Set() }))).toEqual(['root', 'a', 'a1', 'b']);
  });

  it('interleaves each span’s logs with its children by time, unattached lines first', () => {
    const logs = attachLogs(tree, [
      line('root-early', 5),
      line('root-between', 45),
      line('root-late', 95),
      line('a-late', 30, 'a'),
      line('outside', 500),
    ]);
    expect(show(waterfallRows(tree, { collapsed: new Set(), logs }))).toEqual([
      '  log:outside@-',
      'root',
      '  log:root-early@root',
      'a',
      'a1',
      '  log:a-late@a',
      '  log:root-between@root',
      'b',
      '  log:root-late@root',
    ]);
  });

  it('hides the subtree and logs of a collapsed span', () => {
    const logs = attachLogs(tree, [line('a-late', 30, 'a'), line('root-late', 95)]);
    expect(show(waterfallRows(tree, { collapsed: new Set([tree.byId.get('a')!]), logs }))).toEqual([
      'root',
      'a',
      'b',
      '  log:root-late@root',
    ]);
  });

  it('filters by status, keeping ancestors as context without their logs', () => {
    const keep = filterSpans(tree, { ...NO_FILTER, status: 'error' });
    const logs = attachLogs(tree, [line('root-early', 5)]);
    expect(show(waterfallRows(tree, { collapsed: new Set(), keep, logs }))).toEqual(['root*', 'a*', 'a1']);
  });

  it('filters by name and minimum duration', () => {
    expect(
      show(waterfallRows(tree, { collapsed: new Set(), keep: filterSpans(tree, { ...NO_FILTER, query: 'OP B' }) }))
    ).toEqual(['root*', 'b']);
    expect(
      show(waterfallRows(tree, { collapsed: new Set(), keep: filterSpans(tree, { ...NO_FILTER, minDuration: 35 }) }))
    ).toEqual(['root', 'b']);
    expect(
      show(
        waterfallRows(tree, {
          collapsed: new Set(),
          keep: filterSpans(tree, { ...NO_FILTER, status: 'ok', query: 'a' }),
        })
      )
    ).toEqual(['root*', 'a']);
    expect(filterSpans(tree, NO_FILTER)).toBeUndefined();
  });

  it('flattens 50,000 spans with 5,000 interleaved lines quickly', () => {
    const rows = generateTrace(50000, { seed: 8 });
    const big = buildTraceTree(rows);
    const logs = attachLogs(big, generateTraceLogs(rows, 5000));
    let out: WaterfallRow[] = [];
    const ms = fastestMs(() => (out = waterfallRows(big, { collapsed: new Set(), logs })));
    expect(out).toHaveLength(55000);
    expect(ms).toBeLessThan(500);
  });
});

describe('timeTicks', () => {
  it('uses round steps', () => {
    expect(timeTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(timeTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(timeTicks(7300)).toEqual([0, 2000, 4000, 6000]);
    expect(timeTicks(0)).toEqual([0]);
  });
});

describe('formatMs', () => {
  it('picks a readable unit', () => {
    expect(formatMs(0.12)).toBe('120 µs');
    expect(formatMs(45.21)).toBe('45.2 ms');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(125_000)).toBe('2m 5s');
    expect(formatMs(0)).toBe('0');
    expect(formatOffset(-0.646)).toBe('-646 µs');
    expect(formatOffset(12.5)).toBe('+12.5 ms');
  });
});

describe('slotOrder', () => {
  const window = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ index: from + i }));
  it('puts slot 0 first and keeps every row', () => {
    expect(slotOrder(window(7, 5)).map((i) => i.index)).toEqual([10, 11, 7, 8, 9]);
    expect(slotOrder(window(0, 3)).map((i) => i.index)).toEqual([0, 1, 2]);
    expect(slotOrder([])).toEqual([]);
  });
  it('scrolling by one row replaces exactly one slot and moves no other', () => {
    for (let from = 0; from < 100; from++) {
      const before = slotOrder(window(from, 30)).map((i) => i.index);
      const after = slotOrder(window(from + 1, 30)).map((i) => i.index);
      expect(before.map((i) => i % 30)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(before.filter((x, k) => x !== after[k])).toEqual([from]);
    }
  });
});
