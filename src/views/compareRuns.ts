import { DataFrame } from '@grafana/data';
import { framesFor } from '../frames/frameKit';
import { logsFromFrame } from '../frames/signalFrames';
import { traceFromFrame } from '../frames/traceFrame';
import { tagValue, TraceSummary } from '../model';
import { compareRuns, NewLogLine, RunComparison, RunInput } from '../trace/compareRuns';
import { formatMs } from '../trace/traceTreeRows';
import { buildTraceTree } from '../trace/traceTree';
import { traceFailed } from './traceList';

/** The good run a bad run is compared with; `after` when no good run came before it (the asset recovered). */
export interface Baseline {
  trace: TraceSummary;
  after: boolean;
}

/**
 * The last good run of `asset` before the bad run (a run with no error), else the first good one
 * after it. `badStart` unknown (the bad run is not in the list): the newest good run.
 */
export function lastGoodRun(
  traces: TraceSummary[],
  asset: string,
  badTraceId: string,
  badStart?: number
): Baseline | undefined {
  const good = traces
    .filter((t) => t.asset === asset && !traceFailed(t) && t.traceID.toLowerCase() !== badTraceId.toLowerCase())
    .sort((a, b) => b.start - a.start);
  if (badStart === undefined) {
    return good.length ? { trace: good[0], after: false } : undefined;
  }
  const before = good.find((t) => t.start < badStart);
  if (before) {
    return { trace: before, after: false };
  }
  const after = good.at(-1);
  return after ? { trace: after, after: true } : undefined;
}

/** The asset's newest failed run, the one its page offers to compare with the last good run. */
export function latestFailedRun(traces: TraceSummary[]): TraceSummary | undefined {
  return traces
    .filter(traceFailed)
    .reduce<TraceSummary | undefined>((a, t) => (!a || t.start > a.start ? t : a), undefined);
}

/** One run read from the frames answering its `trace` and `logs` queries (undefined until it has spans). */
export function runFromFrames(series: DataFrame[], traceRef: string, logsRef: string): RunInput | undefined {
  const trace = framesFor(series, 'trace', traceRef)[0];
  const rows = trace ? traceFromFrame(trace) : [];
  if (rows.length === 0) {
    return undefined;
  }
  const logs = framesFor(series, 'logs', logsRef).flatMap(logsFromFrame);
  return { tree: buildTraceTree(rows), logs };
}

/** The asset a run belongs to: its root span's asset tag. */
export function runAsset(run: RunInput | undefined, assetTag: string): string | undefined {
  const root = run?.tree.roots[0];
  const value = root === undefined ? undefined : tagValue(run!.tree.spans[root].tags, assetTag);
  return typeof value === 'string' && value ? value : undefined;
}

/** "+38 s", "−1.2 s", "0". */
export const formatDelta = (ms: number) => (ms > 0 ? `+${formatMs(ms)}` : ms < 0 ? `−${formatMs(-ms)}` : '0');

/** A span's duration change worth a sentence: 20% of its good time and 5% of the good run. */
export const isNotable = (deltaMs: number, goodMs: number, goodRunMs: number) =>
  Math.abs(deltaMs) >= Math.max(0.2 * goodMs, 0.05 * goodRunMs) && deltaMs !== 0;

/** A row of the span table: a span of the bad run (matched or new) or a span only the good run had. */
export interface SpanRow {
  key: string;
  operation: string;
  depth: number;
  /** Operation names from the root, for the row's title. */
  path: string;
  change: 'new' | 'missing' | 'slower' | 'faster' | 'same';
  badMs?: number;
  goodMs?: number;
  delta?: string;
  /** Spans below a new or missing span, which only that run has too. */
  below: number;
  error?: string;
}

/** What the comparison page shows. */
export interface ComparisonView {
  /** "This run took 44 s vs 4 s (+40 s)" */
  headline: string;
  /** The differences in words, most telling first. */
  findings: string[];
  rows: SpanRow[];
  newLogs: NewLogLine[];
  comparison: RunComparison;
}

const MAX_SPAN_FINDINGS = 3;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const under = (below: number) => (below ? ` (and ${plural(below, 'span')} under it)` : '');

/** Compares the runs and says what differs, in the words of someone on call. */
export function comparisonView(bad: RunInput, good: RunInput): ComparisonView {
  const c = compareRuns(bad, good);
  const findings: string[] = [];
  const singleRoot = bad.tree.roots.length === 1;
  const slower = c.matched.filter(
    (m) => !(singleRoot && m.path.length === 1) && isNotable(m.deltaMs, m.goodMs, c.goodMs)
  );
  for (const m of slower.slice(0, MAX_SPAN_FINDINGS)) {
    findings.push(`${m.operation} took ${formatMs(m.badMs)} vs ${formatMs(m.goodMs)} (${formatDelta(m.deltaMs)})`);
  }
  const messages = new Set<string>();
  for (const e of c.newErrors) {
    if (!messages.has(e.message)) {
      messages.add(e.message);
      findings.push(`new error: ${e.message}`);
    }
  }
  c.newSpans.forEach((s) => findings.push(`new span: ${s.operation}${under(s.below)}`));
  c.missingSpans.forEach((s) => findings.push(`missing span: ${s.operation}${under(s.below)}`));
  if (c.newLogs.length) {
    findings.push(`${plural(c.newLogs.length, 'log line')} only in this run`);
  }

  const errorOf = new Map(c.newErrors.map((e) => [e.index, e.message]));
  const matchOf = new Map(c.matched.map((m) => [m.bad, m]));
  const newOf = new Map(c.newSpans.map((s) => [s.index, s]));
  const rows: SpanRow[] = [];
  for (let d = 0; d < bad.tree.spans.length; d++) {
    const span = bad.tree.spans[d];
    const base = { operation: span.operationName, depth: bad.tree.depth[d], error: errorOf.get(d) };
    const m = matchOf.get(d);
    const n = newOf.get(d);
    if (m) {
      const change = !isNotable(m.deltaMs, m.goodMs, c.goodMs) ? 'same' : m.deltaMs > 0 ? 'slower' : 'faster';
      rows.push({
        ...base,
        key: m.key,
        path: m.path.join(' › '),
        change,
        badMs: m.badMs,
        goodMs: m.goodMs,
        delta: formatDelta(m.deltaMs),
        below: 0,
      });
    } else if (n) {
      rows.push({ ...base, key: n.key, path: n.path.join(' › '), change: 'new', badMs: n.durationMs, below: n.below });
    }
  }
  for (const s of c.missingSpans) {
    rows.push({
      key: s.key,
      operation: s.operation,
      depth: s.path.length - 1,
      path: s.path.join(' › '),
      change: 'missing',
      goodMs: s.durationMs,
      below: s.below,
    });
  }
  return {
    headline: `This run took ${formatMs(c.badMs)} vs ${formatMs(c.goodMs)} (${formatDelta(c.deltaMs)})`,
    findings,
    rows,
    newLogs: c.newLogs,
    comparison: c,
  };
}
