import { TraceSummary } from '../../model';
import { JaegerKeyValue, JaegerProcess, JaegerReference, JaegerSpan, JaegerTrace } from '../jaeger/parseJaeger';
import { errorBodyText, fail, isRecord, ok, ParseResult, readJson, stringList } from '../parseResult';

/**
 * Parsers of Tempo's HTTP API answers. Trace by id (OTLP JSON as protobuf-JSON: base64 ids, enum
 * names, int64 as strings) becomes the same trace model the Jaeger parser produces, with the tags
 * Jaeger's OTLP translator adds (span.kind, otel.status_code, error, otel.scope.name), so the trace
 * tree, critical path and logs under spans work unchanged.
 */

/** Search results drop the leading zeros of trace ids (Tempo's TraceIDToHexString): pad to 32 hex digits. */
export const padTraceId = (id: string) => id.trim().toLowerCase().padStart(32, '0');

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** An OTLP id as lowercase hex: hex as OTLP/JSON has it, or base64 as Tempo's jsonpb writes it (told apart by length). */
export function otlpIdToHex(id: unknown, bytes: 8 | 16): string | undefined {
  if (typeof id !== 'string' || id === '') {
    return undefined;
  }
  if (id.length === bytes * 2 && HEX.test(id)) {
    return id.toLowerCase();
  }
  if (!BASE64.test(id)) {
    return undefined;
  }
  let bin: string;
  try {
    bin = atob(id.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  if (bin.length !== bytes) {
    return undefined;
  }
  let hex = '';
  for (let i = 0; i < bin.length; i++) {
    hex += bin.charCodeAt(i).toString(16).padStart(2, '0');
  }
  return hex;
}

const NS = /^\d{1,20}$/;

/** ns (jsonpb writes int64 as a string) → µs, exact for any epoch ns. */
function nsToMicros(v: unknown): number {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(Math.round(v)) : typeof v === 'string' ? v : '';
  if (!NS.test(s)) {
    return NaN;
  }
  // Epoch ns exceed 2^53: split so the division is exact.
  return s.length <= 3 ? Number(s) / 1000 : Number(s.slice(0, -3)) + Number(s.slice(-3)) / 1000;
}

const KIND_NAMES: Record<string, string> = {
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
  '1': 'internal',
  '2': 'server',
  '3': 'client',
  '4': 'producer',
  '5': 'consumer',
};
const STATUS_CODES: Record<string, 'OK' | 'ERROR'> = {
  STATUS_CODE_OK: 'OK',
  STATUS_CODE_ERROR: 'ERROR',
  '1': 'OK',
  '2': 'ERROR',
};

/** An OTLP AnyValue as a Jaeger-typed tag value (what Jaeger's OTLP translator does). */
function keyValue(key: string, v: unknown): JaegerKeyValue {
  const a = isRecord(v) ? v : {};
  if (typeof a.stringValue === 'string') {
    return { key, type: 'string', value: a.stringValue };
  }
  if (typeof a.boolValue === 'boolean') {
    return { key, type: 'bool', value: a.boolValue };
  }
  if (a.intValue !== undefined) {
    const n = Number(a.intValue);
    return { key, type: 'int64', value: Number.isSafeInteger(n) ? n : String(a.intValue) };
  }
  if (a.doubleValue !== undefined) {
    return { key, type: 'float64', value: Number(a.doubleValue) };
  }
  if (typeof a.bytesValue === 'string') {
    return { key, type: 'binary', value: a.bytesValue };
  }
  return { key, type: 'string', value: JSON.stringify(a.arrayValue ?? a.kvlistValue ?? null) };
}

function attributes(v: unknown): JaegerKeyValue[] {
  return Array.isArray(v)
    ? v.filter(isRecord).flatMap((kv) => (typeof kv.key === 'string' ? [keyValue(kv.key, kv.value)] : []))
    : [];
}

function otlpSpan(
  v: unknown,
  processID: string,
  scope: Record<string, unknown>,
  fallbackTraceId: string
): JaegerSpan | null {
  if (!isRecord(v)) {
    return null;
  }
  const spanID = otlpIdToHex(v.spanId, 8);
  const traceID = otlpIdToHex(v.traceId, 16) ?? fallbackTraceId;
  const start = nsToMicros(v.startTimeUnixNano);
  const end = nsToMicros(v.endTimeUnixNano);
  if (!spanID || !traceID || !Number.isFinite(start) || !Number.isFinite(end)) {
    return null;
  }
  const references: JaegerReference[] = [];
  const parent = otlpIdToHex(v.parentSpanId, 8);
  if (parent) {
    references.push({ refType: 'CHILD_OF', traceID, spanID: parent });
  }
  for (const link of Array.isArray(v.links) ? v.links.filter(isRecord) : []) {
    const linkSpan = otlpIdToHex(link.spanId, 8);
    if (linkSpan) {
      references.push({ refType: 'FOLLOWS_FROM', traceID: otlpIdToHex(link.traceId, 16) ?? traceID, spanID: linkSpan });
    }
  }
  const tags = attributes(v.attributes);
  if (typeof scope.name === 'string' && scope.name) {
    tags.push({ key: 'otel.scope.name', type: 'string', value: scope.name });
  }
  if (typeof scope.version === 'string' && scope.version) {
    tags.push({ key: 'otel.scope.version', type: 'string', value: scope.version });
  }
  const kind = KIND_NAMES[String(v.kind ?? '')];
  if (kind) {
    tags.push({ key: 'span.kind', type: 'string', value: kind });
  }
  const status = isRecord(v.status) ? v.status : {};
  const code = STATUS_CODES[String(status.code ?? '')];
  if (code === 'ERROR') {
    tags.push({ key: 'error', type: 'bool', value: true });
  }
  if (code) {
    tags.push({ key: 'otel.status_code', type: 'string', value: code });
  }
  if (typeof status.message === 'string' && status.message) {
    tags.push({ key: 'otel.status_description', type: 'string', value: status.message });
  }
  const logs = (Array.isArray(v.events) ? v.events.filter(isRecord) : [])
    .map((e) => ({
      timestamp: nsToMicros(e.timeUnixNano),
      fields: [
        { key: 'event', type: 'string', value: typeof e.name === 'string' ? e.name : '' },
        ...attributes(e.attributes),
      ],
    }))
    .filter((l) => Number.isFinite(l.timestamp));
  return {
    traceID,
    spanID,
    operationName: typeof v.name === 'string' ? v.name : '',
    references,
    startTime: start,
    duration: Math.max(0, end - start),
    tags,
    logs,
    processID,
    warnings: null,
  };
}

/**
 * `GET /api/v2/traces/<id>` (`{trace: {resourceSpans}, status?, message?}`; v1's `{batches}` too) →
 * the trace, or undefined when Tempo has none (v2 answers an unknown id with 200 and an empty trace).
 * `requestedId` (hex) is the trace id when the spans do not carry a readable one.
 */
export function parseTempoTrace(body: unknown, requestedId: string): ParseResult<JaegerTrace | undefined> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const root = json.value;
  if (!isRecord(root)) {
    return fail('shape', 'Tempo response is not a JSON object');
  }
  const trace = isRecord(root.trace) ? root.trace : root;
  const batches = trace.resourceSpans ?? trace.batches;
  if (batches === undefined || (Array.isArray(batches) && batches.length === 0)) {
    return ok(undefined);
  }
  if (!Array.isArray(batches)) {
    return fail('shape', 'Tempo trace resourceSpans is not an array');
  }
  const traceId = padTraceId(requestedId);
  const spans: JaegerSpan[] = [];
  const processes: Record<string, JaegerProcess> = {};
  const processKeys = new Map<string, string>();
  let skipped = 0;
  for (const rs of batches.filter(isRecord)) {
    const resource = attributes(isRecord(rs.resource) ? rs.resource.attributes : undefined);
    const process: JaegerProcess = {
      serviceName: String(resource.find((t) => t.key === 'service.name')?.value ?? ''),
      tags: resource.filter((t) => t.key !== 'service.name'),
    };
    const sig = JSON.stringify(process);
    let pid = processKeys.get(sig);
    if (!pid) {
      pid = `p${processKeys.size + 1}`;
      processKeys.set(sig, pid);
      processes[pid] = process;
    }
    const scopes = Array.isArray(rs.scopeSpans)
      ? rs.scopeSpans
      : Array.isArray(rs.instrumentationLibrarySpans)
        ? rs.instrumentationLibrarySpans
        : [];
    for (const ss of scopes.filter(isRecord)) {
      const scope = isRecord(ss.scope)
        ? ss.scope
        : isRecord(ss.instrumentationLibrary)
          ? ss.instrumentationLibrary
          : {};
      for (const s of Array.isArray(ss.spans) ? ss.spans : []) {
        const parsed = otlpSpan(s, pid, scope, traceId);
        if (parsed) {
          spans.push(parsed);
        } else {
          skipped++;
        }
      }
    }
  }
  if (spans.length === 0 && skipped === 0) {
    return ok(undefined);
  }
  // Start order, parents first on ties (as Jaeger's query service sorts).
  spans.sort((a, b) => a.startTime - b.startTime || a.references.length - b.references.length);
  const warnings: string[] = [];
  if (root.status === 'PARTIAL' || root.status === 1) {
    warnings.push(typeof root.message === 'string' && root.message ? root.message : 'partial trace');
  }
  if (skipped) {
    warnings.push(`${skipped} malformed span(s) skipped`);
  }
  return ok({ traceID: traceId, spans, processes, warnings: warnings.length ? warnings : null }, warnings);
}

/** One span of a search result's span set: its id, times and the attributes the query asked for. */
export interface TempoMatchedSpan {
  spanID: string;
  /** ms epoch */
  start: number;
  /** ms */
  duration: number;
  attributes: Record<string, unknown>;
}

/** One trace of `GET /api/search`. */
export interface TempoSearchHit {
  /** 32 hex digits (leading zeros restored). */
  traceID: string;
  rootServiceName?: string;
  rootTraceName?: string;
  /** ms epoch */
  start: number;
  /** ms (0 when Tempo left it out: jsonpb omits zero) */
  duration: number;
  spans: TempoMatchedSpan[];
  /** Spans matched in the trace (span sets may list fewer: `spss`). */
  matched: number;
}

function searchSpan(v: unknown): TempoMatchedSpan | null {
  if (!isRecord(v) || typeof v.spanID !== 'string') {
    return null;
  }
  const attrs: Record<string, unknown> = {};
  for (const kv of attributes(v.attributes)) {
    attrs[kv.key] = kv.value;
  }
  const durationNs = nsToMicros(v.durationNanos);
  return {
    spanID: v.spanID.toLowerCase(),
    start: nsToMicros(v.startTimeUnixNano) / 1000,
    duration: Number.isFinite(durationNs) ? durationNs / 1000 : 0,
    attributes: attrs,
  };
}

/** `GET /api/search`: `{traces: [{traceID, rootServiceName, startTimeUnixNano, durationMs, spanSets}], metrics}`. */
export function parseTempoSearch(body: unknown): ParseResult<TempoSearchHit[]> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v)) {
    return fail('shape', 'Tempo search response is not a JSON object');
  }
  const traces = v.traces ?? [];
  if (!Array.isArray(traces)) {
    return fail('shape', 'Tempo search response traces is not an array');
  }
  const hits: TempoSearchHit[] = [];
  let skipped = 0;
  for (const t of traces) {
    if (!isRecord(t) || typeof t.traceID !== 'string' || !HEX.test(t.traceID) || t.traceID.length > 32) {
      skipped++;
      continue;
    }
    const start = nsToMicros(t.startTimeUnixNano) / 1000;
    // spanSet (singular) is the deprecated form of spanSets; older Tempo sends only it.
    const sets = Array.isArray(t.spanSets) ? t.spanSets : isRecord(t.spanSet) ? [t.spanSet] : [];
    const spans: TempoMatchedSpan[] = [];
    let matched = 0;
    for (const set of sets.filter(isRecord)) {
      for (const s of Array.isArray(set.spans) ? set.spans : []) {
        const parsed = searchSpan(s);
        if (parsed) {
          spans.push(parsed);
        }
      }
      matched += typeof set.matched === 'number' ? set.matched : 0;
    }
    hits.push({
      traceID: padTraceId(t.traceID),
      rootServiceName: typeof t.rootServiceName === 'string' ? t.rootServiceName : undefined,
      rootTraceName: typeof t.rootTraceName === 'string' ? t.rootTraceName : undefined,
      start: Number.isFinite(start) ? start : 0,
      duration: typeof t.durationMs === 'number' && Number.isFinite(t.durationMs) ? t.durationMs : 0,
      spans,
      matched,
    });
  }
  return ok(hits, skipped ? [`${skipped} malformed trace(s) skipped`] : []);
}

/**
 * A search hit as a `traces` row. The asset is the asset attribute of the matched span; errors are the
 * matched spans whose selected status is error (Tempo's search reports neither the trace's span
 * count nor its other spans' statuses: `spans` is undefined, read the trace for them).
 */
export function summarizeSearchHit(hit: TempoSearchHit, assetTag: string): TraceSummary {
  const withAsset = hit.spans.find((s) => typeof s.attributes[assetTag] === 'string' && s.attributes[assetTag] !== '');
  const errors = hit.spans.filter((s) => s.attributes.status === 'error').length;
  return {
    traceID: hit.traceID,
    asset: withAsset ? String(withAsset.attributes[assetTag]) : undefined,
    start: hit.start,
    duration: hit.duration,
    spans: undefined,
    errors,
    status: errors > 0 ? 'error' : 'ok',
    operation: hit.rootTraceName,
  };
}

/** `/api/v2/search/tag/<tag>/values` (`[{type, value}]`) or v1 (`[string]`): the values. */
export function parseTempoTagValues(body: unknown): ParseResult<string[]> {
  const json = readJson(body);
  if (!json.ok) {
    return json;
  }
  const v = json.value;
  if (!isRecord(v) || (v.tagValues !== undefined && !Array.isArray(v.tagValues))) {
    return fail('shape', 'Tempo tag values response has no tagValues array');
  }
  const values = (v.tagValues ?? []) as unknown[];
  return ok([
    ...stringList(values),
    ...values.filter(isRecord).flatMap((x) => (typeof x.value === 'string' ? [x.value] : [])),
  ]);
}

/** Tempo's errors are plain text (`invalid TraceQL query: …`); proxies may wrap them as JSON `{message}`. */
export function tempoErrorMessage(status: number, body: unknown): string {
  const text = errorBodyText(body);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}
