import { CascadeLogLine } from '../model';
import { attachLogs, logsOf, normalizeSpanId } from './traceLogs';
import { jaegerFixtureRows } from '../testing/jaegerFixtureRows';
import { generateTrace, generateTraceLogs, spanInput } from '../testing/traceData';
import { fastestMs } from '../testing/timing';
import { buildTraceTree } from './traceTree';

const line = (id: string, timestamp: number, spanId?: string): CascadeLogLine => ({
  id,
  timestamp,
  tsNs: `${timestamp * 1e6}`,
  body: id,
  labels: {},
  spanId,
});
const span = spanInput;

describe('attachLogs', () => {
  // The real Jaeger SDK trace: root "CAS" (0..1.004 ms) with child "CAS loop" (0.148..0.886 ms).
  const tree = buildTraceTree(jaegerFixtureRows('trace_jaeger_sdk_real.json'));
  const t0 = tree.spans[0].startTime;
  const root = tree.spans[0].spanID;
  const child = tree.spans[1].spanID;

  it('attaches by span id first, whatever the time says, and by time otherwise', () => {
    const logs = [
      line('by-id-outside-time', t0 + 5000, root),
      line('during-child', t0 + 0.5),
      line('root-only', t0 + 0.95),
      line('child-by-padded-id', t0 + 0.2, `0000${child.toUpperCase()}`),
      line('after-trace', t0 + 50),
      line('unknown-span-id-falls-back-to-time', t0 + 0.1, 'deadbeef'),
    ];
    const attached = attachLogs(tree, logs);
    expect(logsOf(attached, 0).map((l) => l.id)).toEqual([
      'unknown-span-id-falls-back-to-time',
      'root-only',
      'by-id-outside-time',
    ]);
    expect(logsOf(attached, 1).map((l) => l.id)).toEqual(['child-by-padded-id', 'during-child']);
    expect(attached.unattached.map((l) => l.id)).toEqual(['after-trace']);
    expect(attached.bySpanId).toBe(2);
    expect(attached.byTime).toBe(3);
    expect(attached.how[attached.start[1]]).toBe('spanId');
  });

  it('includes the span boundaries', () => {
    const attached = attachLogs(tree, [
      line('at-child-start', tree.spans[1].startTime),
      line('at-child-end', tree.spans[1].startTime + tree.spans[1].duration),
    ]);
    expect(logsOf(attached, 1).map((l) => l.id)).toEqual(['at-child-start', 'at-child-end']);
  });
});

describe('attachLogs by time', () => {
  it('picks the deepest containing span, then the latest started among equals', () => {
    // root 0..100 ⊃ a 10..60 ⊃ a1 20..30 ; b 40..90 (overlaps a) ⊃ b1 45..50
    const tree = buildTraceTree([
      span('root', undefined, 0, 100),
      span('a', 'root', 10, 50),
      span('a1', 'a', 20, 10),
      span('b', 'root', 40, 50),
      span('b1', 'b', 45, 5),
    ]);
    const owner = (t: number) => {
      const attached = attachLogs(tree, [line('x', t)]);
      const d = Array.from(attached.start).findIndex((s, i) => i < tree.spans.length && attached.start[i + 1] > s);
      return d < 0 ? 'none' : tree.spans[d].spanID;
    };
    expect(owner(5)).toBe('root');
    expect(owner(25)).toBe('a1');
    expect(owner(35)).toBe('a');
    expect(owner(47)).toBe('b1');
    // a and b both contain 55 at depth 1: b started later, so it is the more specific one.
    expect(owner(55)).toBe('b');
    expect(owner(95)).toBe('root');
    expect(owner(101)).toBe('none');
  });

  it('agrees with a brute-force scan on a generated trace', () => {
    const rows = generateTrace(3000, { seed: 5 });
    const tree = buildTraceTree(rows);
    const logs = generateTraceLogs(rows, 400).map((l) => ({ ...l, spanId: undefined }));
    const attached = attachLogs(tree, logs);
    const ownerOf = new Map<string, number>();
    for (let d = 0; d < tree.spans.length; d++) {
      logsOf(attached, d).forEach((l) => ownerOf.set(l.id, d));
    }
    for (const l of logs) {
      let best = -1;
      for (let d = 0; d < tree.spans.length; d++) {
        const s = tree.spans[d];
        const inside = s.startTime <= l.timestamp && l.timestamp <= s.startTime + s.duration;
        const better =
          best < 0 ||
          tree.depth[d] > tree.depth[best] ||
          (tree.depth[d] === tree.depth[best] &&
            (s.startTime > tree.spans[best].startTime || (s.startTime === tree.spans[best].startTime && d < best)));
        if (inside && better) {
          best = d;
        }
      }
      expect(ownerOf.get(l.id)).toBe(best);
    }
  });

  it('attaches 5,000 lines to a 50,000-span trace quickly', () => {
    const rows = generateTrace(50000, { seed: 6 });
    const tree = buildTraceTree(rows);
    const logs = generateTraceLogs(rows, 5000);
    expect(fastestMs(() => attachLogs(tree, logs))).toBeLessThan(1000);
  });
});

describe('normalizeSpanId', () => {
  it('ignores case and leading zeros', () => {
    expect(normalizeSpanId('00AB12')).toBe('ab12');
    expect(normalizeSpanId('0')).toBe('0');
  });
});
