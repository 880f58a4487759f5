import { criticalPath, sectionsBySpan } from './criticalPath';
import { jaegerFixtureRows } from '../testing/jaegerFixtureRows';
import { generateTrace, spanInput } from '../testing/traceData';
import { fastestMs } from '../testing/timing';
import { buildTraceTree, TraceSpanInput } from './traceTree';

const span = spanInput;

function path(rows: TraceSpanInput[]) {
  const tree = buildTraceTree(rows);
  return criticalPath(tree).sections.map((s) => `${tree.spans[s.span].spanID}[${s.start},${s.end}]`);
}

describe('criticalPath', () => {
  it('walks back from the root end through the last finishing children (Jaeger example)', () => {
    //  A |----------------------------------------------------|  0..100
    //  B     |----------|                                        10..40
    //  C                     |-------------------|               50..90
    //  D                       |--------|                        55..70
    const sections = path([
      span('A', undefined, 0, 100),
      span('B', 'A', 10, 30),
      span('C', 'A', 50, 40),
      span('D', 'C', 55, 15),
    ]);
    expect(sections).toEqual(['A[90,100]', 'C[70,90]', 'D[55,70]', 'C[50,55]', 'A[40,50]', 'B[10,40]', 'A[0,10]']);
  });

  it('skips a child that overlaps the one already on the path', () => {
    expect(path([span('A', undefined, 0, 100), span('B', 'A', 10, 50), span('C', 'A', 20, 30)])).toEqual([
      'A[60,100]',
      'B[10,60]',
      'A[0,10]',
    ]);
  });

  it('covers the whole root duration exactly once', () => {
    const tree = buildTraceTree(generateTrace(2000, { seed: 9 }));
    const { sections } = criticalPath(tree);
    const root = tree.spans[0];
    const total = sections.reduce((sum, s) => sum + (s.end - s.start), 0);
    expect(total).toBeCloseTo(root.duration, 6);
    // Contiguous, walking backwards in time without overlap.
    for (let i = 1; i < sections.length; i++) {
      expect(sections[i].end).toBeCloseTo(sections[i - 1].start, 9);
    }
  });

  it('ignores FOLLOWS_FROM children, which do not block their parent', () => {
    const rows = [
      span('A', undefined, 0, 100),
      span('async', undefined, 50, 49, { references: [{ refType: 'FOLLOWS_FROM', traceID: 't', spanID: 'A' }] }),
    ];
    expect(path(rows)).toEqual(['A[0,100]']);
  });

  it('clamps children that overflow their parent and drops those entirely outside', () => {
    const rows = [
      span('A', undefined, 0, 100),
      span('late', 'A', 80, 40),
      span('outside', 'A', 150, 10),
      span('early', 'A', -20, 40),
    ];
    expect(path(rows)).toEqual(['late[80,100]', 'A[20,80]', 'early[0,20]']);
  });

  it('marks the spans on the path and groups sections by span', () => {
    const tree = buildTraceTree([span('A', undefined, 0, 100), span('B', 'A', 10, 50), span('C', 'A', 20, 30)]);
    const cp = criticalPath(tree);
    expect(Array.from(cp.onPath)).toEqual([1, 1, 0]);
    expect(sectionsBySpan(cp).get(0)).toEqual([
      { span: 0, start: 60, end: 100 },
      { span: 0, start: 0, end: 10 },
    ]);
  });

  it('follows the real Jaeger SDK trace: parent, child, parent', () => {
    const rows = jaegerFixtureRows('trace_jaeger_sdk_real.json');
    const tree = buildTraceTree(rows);
    const { sections } = criticalPath(tree);
    const rootStart = tree.spans[0].startTime;
    const rel = sections.map((s) => [
      tree.spans[s.span].operationName,
      Math.round((s.start - rootStart) * 1000),
      Math.round((s.end - rootStart) * 1000),
    ]);
    // µs offsets from the capture: root 0..1004, child 148..886.
    expect(rel).toEqual([
      ['CAS', 886, 1004],
      ['CAS loop', 148, 886],
      ['CAS', 0, 148],
    ]);
  });

  it('is empty for an empty trace', () => {
    expect(criticalPath(buildTraceTree([])).sections).toEqual([]);
  });

  it('handles a 50,000-span bushy trace and a 50,000-deep chain quickly', () => {
    const bushy = buildTraceTree(generateTrace(50000, { seed: 4, window: 50000 }));
    expect(fastestMs(() => criticalPath(bushy))).toBeLessThan(1000);
    const chain = buildTraceTree(
      Array.from({ length: 50000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : undefined, i, 100000 - 2 * i))
    );
    const { sections } = criticalPath(chain);
    expect(sections).toHaveLength(2 * 50000 - 1);
  });
});
