import { buildTraceTree, childrenOf, isErrorRow } from './traceTree';
import { hotrodSpanRows, jaegerFixtureRows } from '../testing/jaegerFixtureRows';
import { generateTrace, spanInput } from '../testing/traceData';
import { fastestMs } from '../testing/timing';

const span = spanInput;
const ids = (tree: ReturnType<typeof buildTraceTree>) => tree.spans.map((s) => s.spanID);

describe('buildTraceTree on real Jaeger payloads', () => {
  it('reads the OTLP-ingested trace (one span, ms times)', () => {
    const tree = buildTraceTree(jaegerFixtureRows('trace_otlp_ingested_real.json'));
    expect(ids(tree)).toEqual(['eee19b7ec3c1b173']);
    expect(tree.roots).toEqual([0]);
    expect(tree.start).toBe(1544712660000);
    expect(tree.end - tree.start).toBe(1000);
    expect(tree.warnings).toEqual([]);
  });

  it('nests the Jaeger SDK trace child under its CHILD_OF parent', () => {
    const tree = buildTraceTree(jaegerFixtureRows('trace_jaeger_sdk_real.json'));
    expect(tree.spans.map((s) => s.operationName)).toEqual(['CAS', 'CAS loop']);
    expect(Array.from(tree.parent)).toEqual([-1, 0]);
    expect(Array.from(tree.depth)).toEqual([0, 1]);
    expect(Array.from(tree.subtreeEnd)).toEqual([2, 2]);
    expect(tree.followsFrom[1]).toBe(0);
  });

  it('copes with the converter golden trace: duplicate span ids, a parent in another trace, error tag', () => {
    const tree = buildTraceTree(jaegerFixtureRows('trace_converter_golden_ui01.json'));
    // Span "4" names "ff" of another trace as CHILD_OF; its in-trace reference to "2" makes it a child there.
    const four = tree.byId.get('4')!;
    expect(tree.spans[tree.parent[four]].spanID).toBe('2');
    expect(tree.warnings.some((w) => w.includes("reuse another span's id"))).toBe(true);
    expect(tree.spans.filter((_, d) => tree.error[d]).map((s) => s.operationName)).toEqual(['some-operation']);
  });

  it('keeps a span whose parent is missing as a root, with a warning (HotROD capture)', () => {
    const tree = buildTraceTree(hotrodSpanRows());
    expect(tree.roots).toEqual([0]);
    expect(tree.spans[0].logs).toHaveLength(3);
    expect(tree.warnings[0]).toMatch(/not in the trace/);
  });
});

describe('buildTraceTree', () => {
  it('orders siblings by start time and gives contiguous subtrees', () => {
    const tree = buildTraceTree([
      span('c', 'root', 30, 5),
      span('root', undefined, 0, 100),
      span('a', 'root', 10, 50),
      span('a1', 'a', 12, 3),
      span('b', 'root', 20, 5),
    ]);
    expect(ids(tree)).toEqual(['root', 'a', 'a1', 'b', 'c']);
    expect(Array.from(tree.subtreeEnd)).toEqual([5, 3, 3, 4, 5]);
    expect(Array.from(tree.childCount)).toEqual([3, 1, 0, 0, 0]);
    expect(childrenOf(tree, 0).map((d) => tree.spans[d].spanID)).toEqual(['a', 'b', 'c']);
  });

  it('attaches a span with only a FOLLOWS_FROM reference and marks it non-blocking', () => {
    const tree = buildTraceTree([
      span('root', undefined, 0, 10),
      span('async', undefined, 5, 50, { references: [{ refType: 'FOLLOWS_FROM', traceID: 't', spanID: 'root' }] }),
    ]);
    expect(tree.parent[1]).toBe(0);
    expect(tree.followsFrom[1]).toBe(1);
  });

  it('breaks parent cycles instead of looping or losing spans', () => {
    const tree = buildTraceTree([span('a', 'b', 0, 10), span('b', 'a', 1, 5), span('c', 'b', 2, 1)]);
    expect(tree.spans).toHaveLength(3);
    expect(tree.roots).toHaveLength(1);
    expect(tree.warnings.some((w) => w.includes('cycle'))).toBe(true);
    expect(Array.from(tree.subtreeEnd)[0]).toBe(3);
  });

  it('detects errors from statusCode, the error tag and otel.status_code', () => {
    expect(isErrorRow(span('x', undefined, 0, 1, { statusCode: 2 }))).toBe(true);
    expect(isErrorRow(span('x', undefined, 0, 1, { tags: [{ key: 'error', value: 'true' }] }))).toBe(true);
    expect(isErrorRow(span('x', undefined, 0, 1, { tags: [{ key: 'otel.status_code', value: 'ERROR' }] }))).toBe(true);
    expect(isErrorRow(span('x', undefined, 0, 1, { statusCode: 1, tags: [{ key: 'error', value: false }] }))).toBe(
      false
    );
  });

  it('handles an empty trace', () => {
    const tree = buildTraceTree([]);
    expect(tree.roots).toEqual([]);
    expect(tree.start).toBe(0);
  });

  // An O(n²) step (e.g. a children scan per span, as Jaeger UI's critical path did) takes minutes here.
  it('builds a 50,000-span tree in well under a second', () => {
    const rows = generateTrace(50000, { seed: 3 });
    const tree = buildTraceTree(rows);
    const ms = fastestMs(() => buildTraceTree(rows));
    expect(tree.roots).toEqual([0]);
    expect(tree.subtreeEnd[0]).toBe(50000);
    expect(ms).toBeLessThan(1000);
  });

  it('builds a 50,000-deep chain without overflowing the stack', () => {
    const rows = Array.from({ length: 50000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : undefined, i, 50000 - i));
    const tree = buildTraceTree(rows);
    expect(tree.depth[49999]).toBe(49999);
  });
});
