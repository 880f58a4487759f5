import { evalMetric, newStats, selectLogs } from './engine';
import { parseLogQL, ParseError, UnsupportedQueryError } from './logql';
import { LogStore } from './store';

const T0 = 1_700_000_000_000;
const ns = (ms: number) => `${ms}000000`;

function store(): LogStore {
  const s = new LogStore(1000);
  const line = (asset: string, level: string, event: string, rows: number) =>
    JSON.stringify({ asset_name: asset, level, event, rows, nested: { a: 1 } });
  s.push({ job: 'dagster' }, [
    [ns(T0 + 1000), line('a', 'info', 'asset_started', 10)],
    [ns(T0 + 2000), line('a', 'error', 'asset_failed', 0)],
    [ns(T0 + 3000), line('b', 'info', 'asset_started', 200)],
    [ns(T0 + 61000), line('b', 'info', 'asset_succeeded', 300)],
  ]);
  s.push({ job: 'other' }, [[ns(T0 + 1500), 'level=warn msg="plain text"']]);
  return s;
}

function lines(q: string): string[] {
  const parsed = parseLogQL(q);
  if (parsed.type !== 'log') {
    throw new Error('not a log query');
  }
  const out: string[] = [];
  selectLogs(store(), parsed, BigInt(0), BigInt(ns(T0 + 100000)), newStats(), (m) => out.push(m.entry.line));
  return out;
}

test('stream selectors, line filters, json label filters with and/or, numeric filters', () => {
  expect(lines('{job="dagster"}')).toHaveLength(4);
  expect(lines('{job=~"dag.*|other"}')).toHaveLength(5);
  expect(lines('{job!="dagster", job=~".+"}')).toHaveLength(1);
  expect(lines('{job="dagster"} |= "asset_started" != "\\"b\\""')).toHaveLength(1);
  expect(lines('{job="dagster"} |~ "succeeded|failed"')).toHaveLength(2);
  expect(lines('{job="dagster"} | json | asset_name="a" and level="error"')).toHaveLength(1);
  expect(lines('{job="dagster"} | json | asset_name="b" or level="error"')).toHaveLength(3);
  expect(lines('{job="dagster"} | json | rows > 100')).toHaveLength(2);
  expect(lines('{job="dagster"} | json | asset_name="b", rows >= 300')).toHaveLength(1);
  expect(lines('{job="dagster"} | json | (asset_name="a" or asset_name="b") and event=~"asset_s.*"')).toHaveLength(3);
  expect(lines('{job="dagster"} | json | nested_a="1"')).toHaveLength(4);
  expect(lines('{job="other"} | logfmt | msg="plain text"')).toHaveLength(1);
  // Loki 3 discovery: service_name is an indexed label, detected_level structured metadata.
  expect(lines('{service_name="dagster"} | detected_level="error"')).toHaveLength(1);
});

test('count_over_time / rate windows are (t - range, t], empty steps omitted, sum by groups', () => {
  const q = parseLogQL('sum by (asset_name) (count_over_time({job="dagster"} | json [1m]))');
  if (q.type === 'log') {
    throw new Error('expected a metric query');
  }
  const series = evalMetric(store(), q, T0, T0 + 120000, 30000, newStats());
  const byAsset = Object.fromEntries(series.map((s) => [s.labels.asset_name, s.points]));
  expect(byAsset.a).toEqual([
    [T0 + 30000, 2],
    [T0 + 60000, 2],
  ]);
  expect(byAsset.b).toEqual([
    [T0 + 30000, 1],
    [T0 + 60000, 1],
    [T0 + 90000, 1],
    [T0 + 120000, 1],
  ]);
  const without = parseLogQL(
    'count without (rows, level, event, nested_a, detected_level) (count_over_time({job="dagster"} | json [1m]))'
  );
  if (without.type === 'log') {
    throw new Error('expected a metric query');
  }
  const w = evalMetric(store(), without, T0 + 60000, T0 + 60000, 1000, newStats());
  expect(w.map((s) => [s.labels.asset_name, s.labels.job, s.points[0][1]]).sort()).toEqual([
    ['a', 'dagster', 2],
    ['b', 'dagster', 1],
  ]);
  const rate = parseLogQL('sum(rate({job="dagster"}[1m]))');
  if (rate.type === 'log') {
    throw new Error('expected a metric query');
  }
  expect(evalMetric(store(), rate, T0 + 60000, T0 + 60000, 1000, newStats())).toEqual([
    { labels: {}, points: [[T0 + 60000, 3 / 60]] },
  ]);
});

test('unsupported syntax and parse errors are reported, never answered', () => {
  expect(() => parseLogQL('foo bar')).toThrow(ParseError);
  expect(() => parseLogQL('foo bar')).toThrow('parse error at line 1, col 1: syntax error: unexpected IDENTIFIER');
  expect(() => parseLogQL('{a="b"} | line_format "{{.x}}"')).toThrow(UnsupportedQueryError);
  expect(() => parseLogQL('topk(3, count_over_time({a="b"}[1m]))')).toThrow(/vector aggregation topk/);
  expect(() => parseLogQL('count_over_time({a="b"}[1m]) / 2')).toThrow(/binary operations/);
  expect(() => parseLogQL('{a="b"} | pattern "<x>"')).toThrow(UnsupportedQueryError);
  expect(() => parseLogQL('avg_over_time({a="b"} | unwrap x [1m])')).toThrow(UnsupportedQueryError);
});

test('the store drops the oldest lines beyond its cap', () => {
  const s = new LogStore(3);
  s.push({ job: 'x' }, [
    [ns(T0 + 1), 'a'],
    [ns(T0 + 2), 'b'],
  ]);
  s.push({ job: 'y' }, [
    [ns(T0 + 3), 'c'],
    [ns(T0 + 4), 'd'],
  ]);
  expect(s.size).toBe(3);
  const all = [...s.allStreams()].flatMap((st) => st.entries.map((e) => e.line)).sort();
  expect(all).toEqual(['b', 'c', 'd']);
});
