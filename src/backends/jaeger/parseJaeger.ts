import { errorBodyText, fail, isRecord, ok, ParseResult, readJson, stringList } from '../parseResult';
import { recordFrom } from '../../model/ownKeys';

/** Jaeger tag / log field (`type` is string, bool, int64, float64 or binary). */
export interface JaegerKeyValue {
  key: string;
  type?: string;
  value: unknown;
}

export interface JaegerReference {
  refType: string;
  traceID: string;
  spanID: string;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: JaegerReference[];
  /** µs epoch */
  startTime: number;
  /** µs */
  duration: number;
  tags: JaegerKeyValue[];
  logs: Array<{ timestamp: number; fields: JaegerKeyValue[] }>;
  processID: string;
  warnings: string[] | null;
  stackTraces?: string[];
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[];
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : NaN;

function keyValues(v: unknown): JaegerKeyValue[] {
  if (!Array.isArray(v)) {
    return [];
  }
  return v
    .filter(isRecord)
    .map((kv) => ({ key: str(kv.key), type: typeof kv.type === 'string' ? kv.type : undefined, value: kv.value }));
}

function span(v: unknown): JaegerSpan | null {
  if (!isRecord(v) || typeof v.spanID !== 'string' || typeof v.traceID !== 'string') {
    return null;
  }
  const startTime = num(v.startTime);
  const duration = num(v.duration);
  if (!Number.isFinite(startTime) || !Number.isFinite(duration)) {
    return null;
  }
  const references = Array.isArray(v.references)
    ? v.references.filter(isRecord).map((r) => ({
        refType: str(r.refType, 'CHILD_OF'),
        traceID: str(r.traceID, v.traceID as string),
        spanID: str(r.spanID),
      }))
    : [];
  const logs = Array.isArray(v.logs)
    ? v.logs
        .filter(isRecord)
        .map((l) => ({ timestamp: num(l.timestamp), fields: keyValues(l.fields) }))
        .filter((l) => Number.isFinite(l.timestamp))
    : [];
  const warnings = stringList(v.warnings);
  const stackTraces = stringList(v.stackTraces);
  return {
    traceID: v.traceID,
    spanID: v.spanID,
    operationName: str(v.operationName),
    references,
    startTime,
    duration,
    tags: keyValues(v.tags),
    logs,
    processID: str(v.processID),
    warnings: warnings.length ? warnings : null,
    stackTraces: stackTraces.length ? stackTraces : undefined,
  };
}

function trace(v: unknown): { trace: JaegerTrace; skipped: number } | null {
  if (!isRecord(v) || !Array.isArray(v.spans)) {
    return null;
  }
  const spans: JaegerSpan[] = [];
  let skipped = 0;
  for (const s of v.spans) {
    const parsed = span(s);
    if (parsed) {
      spans.push(parsed);
    } else {
      skipped++;
    }
  }
  const processes = recordFrom<JaegerProcess>(
    Object.entries(isRecord(v.processes) ? v.processes : {}).flatMap(([id, p]) =>
      isRecord(p) ? [[id, { serviceName: str(p.serviceName), tags: keyValues(p.tags) }] as const] : []
    )
  );
  const warnings = stringList(v.warnings);
  const traceID = str(v.traceID, spans[0]?.traceID ?? '');
  return { trace: { traceID, spans, processes, warnings: warnings.length ? warnings : null }, skipped };
}

function envelopeErrors(v: Record<string, unknown>): string[] {
  if (!Array.isArray(v.errors)) {
    return [];
  }
  return v.errors.filter(isRecord).map((e) => {
    const code = typeof e.code === 'number' ? `${e.code} ` : '';
    const id = typeof e.traceID === 'string' ? ` (trace ${e.traceID})` : '';
    return `${code}${str(e.msg, 'error')}${id}`;
  });
}

/**
 * `GET /api/traces` and `/api/traces/<id>`: `{data: [trace], errors}`. Errors with no data fail;
 * errors next to data (some trace ids not found) become warnings.
 */
export function parseJaegerTraces(body: unknown): ParseResult<JaegerTrace[]> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v)) {
    return fail('shape', 'Jaeger response is not a JSON object');
  }
  const errors = envelopeErrors(v);
  const data = v.data === null || v.data === undefined ? [] : v.data;
  if (!Array.isArray(data)) {
    return fail('shape', 'Jaeger response data is not an array of traces');
  }
  const traces: JaegerTrace[] = [];
  let skipped = 0;
  for (const t of data) {
    const parsed = trace(t);
    if (parsed) {
      traces.push(parsed.trace);
      skipped += parsed.skipped;
    } else {
      skipped++;
    }
  }
  if (errors.length && traces.length === 0) {
    return fail('backend', errors.join('; '));
  }
  const warnings = [...errors];
  if (skipped) {
    warnings.push(`${skipped} malformed trace(s)/span(s) skipped`);
  }
  return ok(traces, warnings);
}

/** `GET /api/services`: service names. */
export function parseJaegerServices(body: unknown): ParseResult<string[]> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v)) {
    return fail('shape', 'Jaeger response is not a JSON object');
  }
  const errors = envelopeErrors(v);
  if (errors.length) {
    return fail('backend', errors.join('; '));
  }
  if (v.data !== null && !Array.isArray(v.data)) {
    return fail('shape', 'Jaeger services response data is not an array');
  }
  return ok(stringList(v.data ?? []));
}

/** Jaeger sends JSON errors as text/plain (`{"errors":[{"code":404,"msg":"trace not found"}]}`). */
export function jaegerErrorMessage(status: number, body: unknown): string {
  const json = readJson(body);
  if (json.ok && isRecord(json.value)) {
    const errors = envelopeErrors(json.value);
    if (errors.length) {
      return errors.join('; ');
    }
  }
  const text = errorBodyText(body);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}
