import { parsePromValue, PromSeries } from '../prometheus/parsePrometheus';
import { errorBodyText, fail, isRecord, ok, ParseResult, readJson, stringList, stringRecord } from '../parseResult';

/** One log line with every label Loki attached (stream, structured metadata, parsed fields). */
export interface LokiEntry {
  /** nanosecond epoch, exactly as Loki sent it */
  tsNs: string;
  /** ms epoch */
  tsMs: number;
  line: string;
  labels: Record<string, string>;
}

const NS = /^\d{1,20}$/;

/** Newest first, compared exactly on the nanosecond strings. */
export function compareNsDesc(a: string, b: string): number {
  if (a.length !== b.length) {
    return b.length - a.length;
  }
  return a < b ? 1 : a > b ? -1 : 0;
}

function lokiData(body: unknown): ParseResult<{ resultType: string; result: unknown[] }> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v)) {
    return fail('shape', 'Loki response is not a JSON object');
  }
  if (v.status !== 'success') {
    const msg =
      typeof v.message === 'string' ? v.message : typeof v.error === 'string' ? v.error : JSON.stringify(v.status);
    return fail('backend', `Loki status ${msg}`);
  }
  const d = v.data;
  if (!isRecord(d) || typeof d.resultType !== 'string' || !Array.isArray(d.result)) {
    return fail('shape', 'Loki response has no data.resultType / data.result');
  }
  // `stats` changes layout every release and is ignored on purpose.
  return ok({ resultType: d.resultType, result: d.result }, stringList(v.warnings));
}

/**
 * Log query result (`resultType: streams`), in either encoding: `[ts, line]`, or with the
 * categorize-labels flag `[ts, line, {structuredMetadata, parsed}]`. Entries are merged across
 * streams newest first and cut at `maxLines`.
 */
export function parseLokiStreams(
  body: unknown,
  maxLines = Infinity
): ParseResult<{ entries: LokiEntry[]; truncated: number }> {
  const r = lokiData(body);
  if (!r.ok) {
    return r;
  }
  if (r.value.resultType !== 'streams') {
    return fail('shape', `expected a streams result, got ${r.value.resultType}`);
  }
  const entries: LokiEntry[] = [];
  let skipped = 0;
  for (const stream of r.value.result) {
    if (!isRecord(stream) || !Array.isArray(stream.values)) {
      skipped++;
      continue;
    }
    const streamLabels = stringRecord(stream.stream);
    for (const value of stream.values) {
      if (
        !Array.isArray(value) ||
        value.length < 2 ||
        typeof value[0] !== 'string' ||
        !NS.test(value[0]) ||
        typeof value[1] !== 'string'
      ) {
        skipped++;
        continue;
      }
      let labels = streamLabels;
      const extra = value[2];
      if (isRecord(extra) && (extra.structuredMetadata || extra.parsed)) {
        labels = { ...streamLabels, ...stringRecord(extra.structuredMetadata), ...stringRecord(extra.parsed) };
      }
      entries.push({ tsNs: value[0], tsMs: Math.floor(Number(value[0]) / 1e6), line: value[1], labels });
    }
  }
  entries.sort((a, b) => compareNsDesc(a.tsNs, b.tsNs));
  const truncated = Math.max(0, entries.length - maxLines);
  if (truncated) {
    entries.length = maxLines;
  }
  const warnings = skipped ? [...r.warnings, `${skipped} malformed log entr(ies) skipped`] : r.warnings;
  return ok({ entries, truncated }, warnings);
}

/** Metric query result (matrix from query_range, or vector); values may be "NaN"/"+Inf". */
export function parseLokiMatrix(body: unknown): ParseResult<PromSeries[]> {
  const r = lokiData(body);
  if (!r.ok) {
    return r;
  }
  const { resultType, result } = r.value;
  if (resultType !== 'matrix' && resultType !== 'vector') {
    return fail('shape', `expected a matrix result, got ${resultType}`);
  }
  const series: PromSeries[] = [];
  for (const item of result) {
    if (!isRecord(item)) {
      continue;
    }
    const points = resultType === 'matrix' ? item.values : [item.value];
    if (!Array.isArray(points)) {
      continue;
    }
    const timestamps: number[] = [];
    const values: number[] = [];
    for (const p of points) {
      const ts = Array.isArray(p) ? Number(p[0]) : NaN;
      if (Number.isFinite(ts)) {
        timestamps.push(Math.round(ts * 1000));
        values.push(parsePromValue((p as unknown[])[1]));
      }
    }
    series.push({ labels: stringRecord(item.metric), timestamps, values });
  }
  return ok(series, r.warnings);
}

/** The value at the latest timestamp of a series (the whole-range count of a `[range]` query at its end). */
export function lastValue(s: PromSeries): number | undefined {
  let best = -Infinity;
  let value: number | undefined;
  for (let i = 0; i < s.timestamps.length; i++) {
    if (s.timestamps[i] >= best) {
      best = s.timestamps[i];
      value = s.values[i];
    }
  }
  return value;
}

/** Loki errors are plain text (`parse error at line 1, col 1: …`); a JSON `message` is accepted too. */
export function lokiErrorMessage(status: number, body: unknown): string {
  const text = errorBodyText(body);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}
