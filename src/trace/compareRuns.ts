import { CascadeLogLine, tagValue } from '../model';
import { attachLogs } from './traceLogs';
import { TraceSpanInput, TraceTree } from './traceTree';

/** One run to compare: its span tree and its log lines. */
export interface RunInput {
  tree: TraceTree;
  logs: CascadeLogLine[];
}

/** A span found in both runs, matched by its path of operation names. */
export interface SpanDelta {
  key: string;
  operation: string;
  /** Operation names from the root down to this span. */
  path: string[];
  /** Display indices in the bad and the good tree. */
  bad: number;
  good: number;
  badMs: number;
  goodMs: number;
  /** badMs − goodMs: positive when the bad run was slower. */
  deltaMs: number;
}

/** The top span of a subtree that only one run has (its descendants are counted, not listed). */
export interface SpanOnlyIn {
  key: string;
  operation: string;
  path: string[];
  /** Display index in the run that has it. */
  index: number;
  durationMs: number;
  /** Spans below it, all also only in that run. */
  below: number;
}

/** An error span of the bad run that the good run does not have with the same message. */
export interface NewError {
  key: string;
  operation: string;
  path: string[];
  index: number;
  message: string;
}

/** A log line of the bad run whose message template the good run never logged. */
export interface NewLogLine {
  line: CascadeLogLine;
  /** The operation of the span it belongs to, when it belongs to one. */
  operation?: string;
  template: string;
}

/** What differs between a bad run and a good run of the same asset. */
export interface RunComparison {
  badMs: number;
  goodMs: number;
  deltaMs: number;
  /** Spans of both runs, largest |delta| first (ties: bad run display order). */
  matched: SpanDelta[];
  /** Spans only the bad run has (tops of new subtrees, bad display order). */
  newSpans: SpanOnlyIn[];
  /** Spans only the good run has (tops of missing subtrees, good display order). */
  missingSpans: SpanOnlyIn[];
  newErrors: NewError[];
  /** Log lines only the bad run has, oldest first. */
  newLogs: NewLogLine[];
}

/**
 * The match key of every span, by display index: the path from the root of (operation name, index
 * among same-named siblings in start order). Roots are siblings of each other. Names are
 * URI-encoded, so keys of different paths never collide.
 */
export function spanKeys(tree: TraceTree): string[] {
  const keys = new Array<string>(tree.spans.length);
  const seen = new Map<string, number>();
  tree.spans.forEach((s, d) => {
    const parentKey = tree.parent[d] < 0 ? '' : keys[tree.parent[d]];
    const slot = `${parentKey}/${encodeURIComponent(s.operationName)}`;
    const i = seen.get(slot) ?? 0;
    seen.set(slot, i + 1);
    keys[d] = `${slot}#${i}`;
  });
  return keys;
}

/** Operation names from the root down to span d. */
export function spanPath(tree: TraceTree, d: number): string[] {
  const out: string[] = [];
  for (let p = d; p >= 0; p = tree.parent[p]) {
    out.push(tree.spans[p].operationName);
  }
  return out.reverse();
}

/** An error span's message: its exception event ("Type: message"), else its status message. */
export function spanErrorMessage(span: TraceSpanInput): string {
  for (const log of span.logs ?? []) {
    const type = tagValue(log.fields, 'exception.type');
    const message = tagValue(log.fields, 'exception.message');
    if (typeof type === 'string' || typeof message === 'string') {
      return [type, message].filter((v) => typeof v === 'string' && v).join(': ');
    }
  }
  return span.statusMessage || 'error';
}

/**
 * A log message with what changes from run to run taken out: timestamps become <ts>; UUIDs, hex ids
 * (8+ hex digits with a letter) and numbers, whole or decimal, become <#> (pass_rate=100 and
 * pass_rate=99.5 read alike, as do an all-digit id and a number).
 */
export function logTemplate(body: string): string {
  return body
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<ts>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<#>')
    .replace(/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<#>')
    .replace(/\d+(\.\d+)?/g, '<#>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Compares a bad run with a good run of the same asset: spans matched by `spanKeys`, their duration
 * differences, the subtrees only one run has, the bad run's new errors and the log lines whose
 * template the good run never logged. Linear in spans plus log lines (plus sorting).
 */
export function compareRuns(bad: RunInput, good: RunInput): RunComparison {
  const badKeys = spanKeys(bad.tree);
  const goodKeys = spanKeys(good.tree);
  const goodByKey = new Map(goodKeys.map((k, d) => [k, d]));
  const badByKey = new Map(badKeys.map((k, d) => [k, d]));

  const matched: SpanDelta[] = [];
  const newErrors: NewError[] = [];
  badKeys.forEach((key, d) => {
    const g = goodByKey.get(key);
    const span = bad.tree.spans[d];
    if (g !== undefined) {
      const goodMs = good.tree.spans[g].duration;
      matched.push({
        key,
        operation: span.operationName,
        path: spanPath(bad.tree, d),
        bad: d,
        good: g,
        badMs: span.duration,
        goodMs,
        deltaMs: span.duration - goodMs,
      });
    }
    if (bad.tree.error[d]) {
      const message = spanErrorMessage(span);
      const before = g !== undefined && good.tree.error[g] ? spanErrorMessage(good.tree.spans[g]) : undefined;
      if (before === undefined || logTemplate(before) !== logTemplate(message)) {
        newErrors.push({ key, operation: span.operationName, path: spanPath(bad.tree, d), index: d, message });
      }
    }
  });
  matched.sort((a, b) => Math.abs(b.deltaMs) - Math.abs(a.deltaMs) || a.bad - b.bad);

  const badMs = bad.tree.end - bad.tree.start;
  const goodMs = good.tree.end - good.tree.start;
  return {
    badMs,
    goodMs,
    deltaMs: badMs - goodMs,
    matched,
    newSpans: onlyIn(bad.tree, badKeys, goodByKey),
    missingSpans: onlyIn(good.tree, goodKeys, badByKey),
    newErrors,
    newLogs: newLogLines(bad, good),
  };
}

/** Tops of the subtrees of `tree` whose keys `other` lacks (a subtree is contiguous in display order). */
function onlyIn(tree: TraceTree, keys: string[], other: Map<string, number>): SpanOnlyIn[] {
  const out: SpanOnlyIn[] = [];
  let d = 0;
  while (d < keys.length) {
    if (other.has(keys[d])) {
      d++;
      continue;
    }
    const end = tree.subtreeEnd[d];
    out.push({
      key: keys[d],
      operation: tree.spans[d].operationName,
      path: spanPath(tree, d),
      index: d,
      durationMs: tree.spans[d].duration,
      below: end - d - 1,
    });
    d = end;
  }
  return out;
}

function newLogLines(bad: RunInput, good: RunInput): NewLogLine[] {
  const known = new Set(good.logs.map((l) => logTemplate(l.body)));
  const attached = attachLogs(bad.tree, bad.logs);
  const operationOf = new Map<CascadeLogLine, string>();
  for (let d = 0; d < bad.tree.spans.length; d++) {
    for (let k = attached.start[d]; k < attached.start[d + 1]; k++) {
      operationOf.set(attached.lines[k], bad.tree.spans[d].operationName);
    }
  }
  return [...bad.logs]
    .sort((a, b) => a.timestamp - b.timestamp)
    .flatMap((line) => {
      const template = logTemplate(line.body);
      return known.has(template) ? [] : [{ line, operation: operationOf.get(line), template }];
    });
}
