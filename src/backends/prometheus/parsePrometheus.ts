import { errorBodyText, fail, isRecord, ok, ParseResult, readJson, stringList, stringRecord } from '../parseResult';

/** One sample of an instant vector. Native histogram samples keep `histogram` and have value NaN. */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
  /** ms epoch */
  timestamp: number;
  histogram?: { count: number; sum: number };
}

/** One series of a range query. */
export interface PromSeries {
  labels: Record<string, string>;
  /** ms epoch */
  timestamps: number[];
  values: number[];
}

/** An alert as `/api/v1/alerts` returns it, normalised. */
export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  /** ms epoch */
  activeAt?: number;
  value?: number;
}

/** Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf". */
export function parsePromValue(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v !== 'string') {
    return NaN;
  }
  switch (v) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return v.trim() === '' ? NaN : Number(v);
  }
}

/** Timestamps are float seconds; null when not a finite number. */
function parseTimestampMs(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 1000) : null;
}

interface Envelope {
  data: unknown;
}

/** `{status:'success', data, warnings?, infos?}` or the typed error `{status:'error', errorType, error}`. */
export function parsePromEnvelope(body: unknown): ParseResult<Envelope> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v)) {
    return fail('shape', 'Prometheus response is not a JSON object');
  }
  if (v.status === 'error') {
    const type = typeof v.errorType === 'string' ? v.errorType : 'error';
    return fail('backend', `${type}: ${typeof v.error === 'string' ? v.error : 'unknown error'}`, type);
  }
  if (v.status !== 'success') {
    return fail('shape', `unexpected Prometheus status ${JSON.stringify(v.status)}`);
  }
  return ok({ data: v.data }, [...stringList(v.warnings), ...stringList(v.infos)]);
}

function queryResult(body: unknown, expected: string[]): ParseResult<{ resultType: string; result: unknown[] }> {
  const env = parsePromEnvelope(body);
  if (!env.ok) {
    return env;
  }
  const d = env.value.data;
  if (!isRecord(d) || typeof d.resultType !== 'string') {
    return fail('shape', 'Prometheus query response has no data.resultType');
  }
  if (!expected.includes(d.resultType)) {
    return fail('shape', `expected a ${expected.join(' or ')} result, got ${d.resultType}`);
  }
  if (d.resultType !== 'scalar' && !Array.isArray(d.result)) {
    return fail('shape', 'Prometheus query response has no data.result array');
  }
  return ok(
    {
      resultType: d.resultType,
      result: d.resultType === 'scalar' ? [{ metric: {}, value: d.result }] : (d.result as unknown[]),
    },
    env.warnings
  );
}

/** Instant query result (vector, or scalar as one unlabelled sample). Malformed samples are skipped with a warning. */
export function parsePromVector(body: unknown): ParseResult<PromSample[]> {
  const r = queryResult(body, ['vector', 'scalar']);
  if (!r.ok) {
    return r;
  }
  const samples: PromSample[] = [];
  let skipped = 0;
  for (const item of r.value.result) {
    if (!isRecord(item)) {
      skipped++;
      continue;
    }
    const labels = stringRecord(item.metric);
    if (Array.isArray(item.value) && item.value.length >= 2) {
      const ts = parseTimestampMs(item.value[0]);
      if (ts === null) {
        skipped++;
        continue;
      }
      samples.push({ labels, timestamp: ts, value: parsePromValue(item.value[1]) });
    } else if (Array.isArray(item.histogram) && item.histogram.length >= 2 && isRecord(item.histogram[1])) {
      const ts = parseTimestampMs(item.histogram[0]);
      const h = item.histogram[1];
      if (ts === null) {
        skipped++;
        continue;
      }
      samples.push({
        labels,
        timestamp: ts,
        value: NaN,
        histogram: { count: parsePromValue(h.count), sum: parsePromValue(h.sum) },
      });
    } else {
      skipped++;
    }
  }
  const warnings = skipped ? [...r.warnings, `${skipped} malformed sample(s) skipped`] : r.warnings;
  return ok(samples, warnings);
}

/** Range query result; at most `maxSeries` series are kept (`truncated` says how many were dropped). */
export function parsePromMatrix(
  body: unknown,
  maxSeries = Infinity
): ParseResult<{ series: PromSeries[]; truncated: number }> {
  const r = queryResult(body, ['matrix']);
  if (!r.ok) {
    return r;
  }
  const series: PromSeries[] = [];
  let skipped = 0;
  const all = r.value.result;
  for (const item of all.slice(0, maxSeries)) {
    if (!isRecord(item) || !Array.isArray(item.values)) {
      skipped++;
      continue;
    }
    const timestamps: number[] = [];
    const values: number[] = [];
    for (const point of item.values) {
      if (Array.isArray(point) && point.length >= 2) {
        const ts = parseTimestampMs(point[0]);
        if (ts !== null) {
          timestamps.push(ts);
          values.push(parsePromValue(point[1]));
        }
      }
    }
    series.push({ labels: stringRecord(item.metric), timestamps, values });
  }
  const warnings = skipped ? [...r.warnings, `${skipped} malformed series skipped`] : r.warnings;
  return ok({ series, truncated: Math.max(0, all.length - maxSeries) }, warnings);
}

/** `/api/v1/alerts`: firing and pending alerts. */
export function parsePromAlerts(body: unknown): ParseResult<PromAlert[]> {
  const env = parsePromEnvelope(body);
  if (!env.ok) {
    return env;
  }
  const d = env.value.data;
  if (!isRecord(d) || !Array.isArray(d.alerts)) {
    return fail('shape', 'Prometheus alerts response has no data.alerts array');
  }
  const alerts: PromAlert[] = [];
  for (const a of d.alerts) {
    if (!isRecord(a)) {
      continue;
    }
    const activeAt = typeof a.activeAt === 'string' ? Date.parse(a.activeAt) : NaN;
    const value = a.value === undefined ? undefined : parsePromValue(a.value);
    alerts.push({
      labels: stringRecord(a.labels),
      annotations: stringRecord(a.annotations),
      state: typeof a.state === 'string' ? a.state : 'unknown',
      activeAt: Number.isFinite(activeAt) ? activeAt : undefined,
      value,
    });
  }
  return ok(alerts, env.warnings);
}

/** Error text of a failed Prometheus HTTP response: its JSON `errorType: error`, else the body's first line. */
export function promErrorMessage(status: number, body: unknown): string {
  const env = parsePromEnvelope(body);
  if (!env.ok && env.error.kind === 'backend') {
    return env.error.message;
  }
  const text = errorBodyText(body);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}
