import { LabelFilterExpr, LabelMatcher, LogSelector, MetricExpr, Stage } from './logql';
import { LogEntry, labelsKey, LogStore } from './store';

/** A log line that passed a selector's pipeline, with the labels Loki would attach to it. */
export interface MatchedEntry {
  entry: LogEntry;
  streamLabels: Record<string, string>;
  parsed: Record<string, string>;
}

/** Counters for the `stats` object of a response. */
export interface EvalStats {
  linesProcessed: number;
  bytesProcessed: number;
  postFilterLines: number;
  metadataBytes: number;
}

export function newStats(): EvalStats {
  return { linesProcessed: 0, bytesProcessed: 0, postFilterLines: 0, metadataBytes: 0 };
}

/** Thrown for queries real Loki rejects with 400 (e.g. no non-empty matcher). */
export class QueryError extends Error {}

const EMPTY_MATCHER_ERROR =
  'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will';

/** Go RE2 regexes are mostly JS-compatible; `(?i)` and friends become flags. */
export function goRegex(src: string, anchored: boolean): RegExp {
  let flags = '';
  const m = src.match(/^\(\?([imsU]+)\)/);
  if (m) {
    flags = m[1].replace(/[U]/g, '');
    src = src.slice(m[0].length);
  }
  try {
    return new RegExp(anchored ? `^(?:${src})$` : src, flags);
  } catch (e) {
    throw new QueryError(`parse error : error parsing regexp: ${(e as Error).message}`);
  }
}

function matcherFn(m: LabelMatcher): (v: string) => boolean {
  switch (m.op) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~': {
      const re = goRegex(m.value, true);
      return (v) => re.test(v);
    }
    case '!~': {
      const re = goRegex(m.value, true);
      return (v) => !re.test(v);
    }
  }
}

/** Loki label-name sanitising for parsed fields (json/logfmt). */
function sanitize(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** `| json` without parameters: nested objects flattened with `_`, arrays skipped. */
function parseJson(line: string, out: Record<string, string>, taken: (k: string) => boolean): boolean {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return false;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return false;
  }
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      const name = sanitize(prefix + k);
      if (v !== null && typeof v === 'object') {
        if (!Array.isArray(v)) {
          walk(v as Record<string, unknown>, `${name}_`);
        }
        continue;
      }
      out[taken(name) ? `${name}_extracted` : name] = v === null ? '' : String(v);
    }
  };
  walk(obj as Record<string, unknown>, '');
  return true;
}

function parseLogfmt(line: string, out: Record<string, string>, taken: (k: string) => boolean): boolean {
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const name = sanitize(m[1]);
    let value = m[2];
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    out[taken(name) ? `${name}_extracted` : name] = value;
  }
  return true;
}

type CompiledStage = (line: string, labels: Record<string, string>, parsed: Record<string, string>) => boolean;

function compileLabelFilter(f: LabelFilterExpr): (labels: Record<string, string>) => boolean {
  switch (f.kind) {
    case 'match': {
      const fn = matcherFn(f.matcher);
      return (labels) => fn(labels[f.matcher.name] ?? '');
    }
    case 'number':
      return (labels) => {
        const raw = labels[f.name];
        const v = raw === undefined || raw === '' ? NaN : Number(raw);
        if (Number.isNaN(v)) {
          // Loki keeps such lines with __error__="LabelFilterErr"; the stand-in drops them.
          return false;
        }
        switch (f.op) {
          case '>':
            return v > f.value;
          case '>=':
            return v >= f.value;
          case '<':
            return v < f.value;
          case '<=':
            return v <= f.value;
          case '==':
            return v === f.value;
          case '!=':
            return v !== f.value;
        }
      };
    case 'and': {
      const l = compileLabelFilter(f.left);
      const r = compileLabelFilter(f.right);
      return (labels) => l(labels) && r(labels);
    }
    case 'or': {
      const l = compileLabelFilter(f.left);
      const r = compileLabelFilter(f.right);
      return (labels) => l(labels) || r(labels);
    }
  }
}

function compileStage(s: Stage): CompiledStage {
  switch (s.kind) {
    case 'line':
      if (s.op === '|=') {
        return (line) => line.includes(s.value);
      }
      if (s.op === '!=') {
        return (line) => !line.includes(s.value);
      }
      {
        const re = goRegex(s.value, false);
        return s.op === '|~' ? (line) => re.test(line) : (line) => !re.test(line);
      }
    case 'json':
    case 'logfmt': {
      const parse = s.kind === 'json' ? parseJson : parseLogfmt;
      return (line, labels, parsed) => {
        const extracted: Record<string, string> = {};
        if (!parse(line, extracted, (k) => k in labels)) {
          labels.__error__ = 'JSONParserErr';
          labels.__error_details__ = 'invalid JSON';
          return true;
        }
        Object.assign(labels, extracted);
        Object.assign(parsed, extracted);
        return true;
      };
    }
    case 'label': {
      const fn = compileLabelFilter(s.filter);
      return (_line, labels) => fn(labels);
    }
  }
}

/** Compiles a selector's stream matchers; real Loki refuses selectors that all match "". */
export function checkSelector(sel: LogSelector): Array<{ name: string; fn: (v: string) => boolean }> {
  if (!sel.matchers.some((m) => (m.op === '=' || m.op === '=~') && !matcherFn(m)(''))) {
    throw new QueryError(EMPTY_MATCHER_ERROR);
  }
  return sel.matchers.map((m) => ({ name: m.name, fn: matcherFn(m) }));
}

/** Runs a log selector over [startNs, endNs) and hands every matching line to `visit`. */
export function selectLogs(
  store: LogStore,
  sel: LogSelector,
  startNs: bigint,
  endNs: bigint,
  stats: EvalStats,
  visit: (m: MatchedEntry, labels: Record<string, string>) => void
): void {
  const streamMatch = checkSelector(sel);
  const stages = sel.stages.map(compileStage);
  for (const stream of store.allStreams()) {
    if (!streamMatch.every((m) => m.fn(stream.labels[m.name] ?? ''))) {
      continue;
    }
    const entries = stream.entries;
    for (let i = lowerBound(entries, startNs); i < entries.length && entries[i].ns < endNs; i++) {
      const entry = entries[i];
      stats.linesProcessed++;
      stats.bytesProcessed += entry.line.length;
      const labels: Record<string, string> = { ...stream.labels, ...entry.meta };
      const parsed: Record<string, string> = {};
      let keep = true;
      for (const stage of stages) {
        if (!stage(entry.line, labels, parsed)) {
          keep = false;
          break;
        }
      }
      if (keep) {
        stats.postFilterLines++;
        visit({ entry, streamLabels: stream.labels, parsed }, labels);
      }
    }
  }
}

function lowerBound(entries: LogEntry[], ns: bigint): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].ns < ns) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** One series of a metric result: labels and [ms, value] points. */
export interface Series {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

/** Evaluates a metric query at every step in [startMs, endMs] (inclusive), Loki-style. */
export function evalMetric(
  store: LogStore,
  expr: MetricExpr,
  startMs: number,
  endMs: number,
  stepMs: number,
  stats: EvalStats
): Series[] {
  const steps: number[] = [];
  for (let t = startMs; t <= endMs; t += stepMs) {
    steps.push(t);
  }
  return evalAt(store, expr, steps, stats);
}

function evalAt(store: LogStore, expr: MetricExpr, steps: number[], stats: EvalStats): Series[] {
  if (expr.type === 'range') {
    return evalRange(store, expr, steps, stats);
  }
  const inner = evalAt(store, expr.inner, steps, stats);
  const groups = new Map<string, { labels: Record<string, string>; byStep: Map<number, number[]> }>();
  for (const s of inner) {
    const labels = groupLabels(s.labels, expr.grouping);
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) {
      g = { labels, byStep: new Map() };
      groups.set(key, g);
    }
    for (const [t, v] of s.points) {
      const list = g.byStep.get(t) ?? [];
      list.push(v);
      g.byStep.set(t, list);
    }
  }
  const out: Series[] = [];
  for (const g of groups.values()) {
    const points: Array<[number, number]> = [...g.byStep.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, vs]) => [t, combine(expr.op, vs)]);
    out.push({ labels: g.labels, points });
  }
  return out;
}

function groupLabels(
  labels: Record<string, string>,
  grouping?: { mode: 'by' | 'without'; labels: string[] }
): Record<string, string> {
  if (!grouping) {
    return {};
  }
  if (grouping.mode === 'by') {
    const out: Record<string, string> = {};
    for (const l of grouping.labels) {
      if (labels[l] !== undefined && labels[l] !== '') {
        out[l] = labels[l];
      }
    }
    return out;
  }
  const out = { ...labels };
  for (const l of grouping.labels) {
    delete out[l];
  }
  return out;
}

function combine(op: string, vs: number[]): number {
  switch (op) {
    case 'sum':
      return vs.reduce((a, b) => a + b, 0);
    case 'avg':
      return vs.reduce((a, b) => a + b, 0) / vs.length;
    case 'count':
      return vs.length;
    case 'max':
      return Math.max(...vs);
    default:
      return Math.min(...vs);
  }
}

function evalRange(
  store: LogStore,
  expr: Extract<MetricExpr, { type: 'range' }>,
  steps: number[],
  stats: EvalStats
): Series[] {
  if (steps.length === 0) {
    return [];
  }
  const first = steps[0] - expr.rangeMs;
  const last = steps[steps.length - 1];
  // Per series: sorted (ms, bytes) samples of matching lines.
  const series = new Map<string, { labels: Record<string, string>; samples: Array<[number, number]> }>();
  selectLogs(store, expr.selector, msToNs(first), msToNs(last) + BigInt(1), stats, (m, labels) => {
    delete labels.__error_details__;
    const key = labelsKey(labels);
    let s = series.get(key);
    if (!s) {
      s = { labels, samples: [] };
      series.set(key, s);
    }
    s.samples.push([Number(m.entry.ns / BigInt(1000)) / 1000, Buffer.byteLength(m.entry.line)]);
  });
  const out: Series[] = [];
  const seconds = expr.rangeMs / 1000;
  for (const s of series.values()) {
    s.samples.sort((a, b) => a[0] - b[0]);
    const points: Array<[number, number]> = [];
    let lo = 0;
    let hi = 0;
    let bytes = 0;
    for (const t of steps) {
      // Window (t - range, t]: advance both edges monotonically.
      while (hi < s.samples.length && s.samples[hi][0] <= t) {
        bytes += s.samples[hi][1];
        hi++;
      }
      while (lo < hi && s.samples[lo][0] <= t - expr.rangeMs) {
        bytes -= s.samples[lo][1];
        lo++;
      }
      const count = hi - lo;
      if (count === 0) {
        continue;
      }
      const value =
        expr.op === 'count_over_time'
          ? count
          : expr.op === 'rate'
            ? count / seconds
            : expr.op === 'bytes_over_time'
              ? bytes
              : bytes / seconds;
      points.push([t, value]);
    }
    if (points.length > 0) {
      out.push({ labels: s.labels, points });
    }
  }
  return out;
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1000)) * BigInt(1000);
}
