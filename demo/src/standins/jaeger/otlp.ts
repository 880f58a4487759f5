import { JaegerKeyValue, JaegerProcess, StoredSpan } from './model';

/** OTLP/JSON (ExportTraceServiceRequest) shapes the stand-in reads; lenient about ids and numbers. */
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: Array<{ timeUnixNano: string | number; name: string; attributes?: OtlpKeyValue[] }>;
  links?: Array<{ traceId: string; spanId: string }>;
  status?: { code?: number; message?: string };
}
export interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string; version?: string }; spans?: OtlpSpan[] }>;
  }>;
}

const KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

/** OTLP JSON ids are hex per the spec; proto-JSON encoders may send base64. */
export function idToHex(id: string, bytes: number): string {
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(id)) {
    return id.toLowerCase();
  }
  const hex = Buffer.from(id, 'base64').toString('hex');
  if (hex.length !== bytes * 2) {
    throw new Error(`invalid ${bytes * 8}-bit id "${id}"`);
  }
  return hex;
}

/** Jaeger prints 128-bit trace ids without the high half when it is zero (model.TraceID.String). */
export function canonicalTraceId(hex32: string): string {
  const padded = hex32.toLowerCase().padStart(32, '0');
  return padded.startsWith('0000000000000000') ? padded.slice(16) : padded;
}

function toKeyValue(kv: OtlpKeyValue): JaegerKeyValue {
  const v = kv.value ?? {};
  if (v.stringValue !== undefined) {
    return { key: kv.key, type: 'string', value: v.stringValue };
  }
  if (v.boolValue !== undefined) {
    return { key: kv.key, type: 'bool', value: v.boolValue };
  }
  if (v.intValue !== undefined) {
    return { key: kv.key, type: 'int64', value: Number(v.intValue) };
  }
  if (v.doubleValue !== undefined) {
    return { key: kv.key, type: 'float64', value: Number(v.doubleValue) };
  }
  if (v.bytesValue !== undefined) {
    return { key: kv.key, type: 'binary', value: v.bytesValue };
  }
  // Arrays and maps become JSON strings, as Jaeger's OTLP translator does.
  return { key: kv.key, type: 'string', value: JSON.stringify(plain(v)) };
}

function plain(v: OtlpAnyValue): unknown {
  if (v.arrayValue) {
    return (v.arrayValue.values ?? []).map(plain);
  }
  if (v.kvlistValue) {
    return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, plain(kv.value ?? {})]));
  }
  return (
    v.stringValue ??
    v.boolValue ??
    (v.intValue !== undefined ? Number(v.intValue) : undefined) ??
    v.doubleValue ??
    v.bytesValue ??
    null
  );
}

/** ns (string or number) → µs integer, without losing precision on large values. */
function nsToMicros(ns: string | number): bigint {
  return BigInt(typeof ns === 'number' ? Math.round(ns) : ns) / BigInt(1000);
}

/** Converts an OTLP export request into Jaeger UI-model spans, like Jaeger's OTLP receiver + query. */
export function convertOtlp(req: OtlpTraceRequest): StoredSpan[] {
  if (
    typeof req !== 'object' ||
    req === null ||
    (req.resourceSpans !== undefined && !Array.isArray(req.resourceSpans))
  ) {
    throw new Error('invalid ExportTraceServiceRequest: resourceSpans must be an array');
  }
  const out: StoredSpan[] = [];
  for (const rs of req.resourceSpans ?? []) {
    const attrs = rs.resource?.attributes ?? [];
    const serviceName = attrs.find((a) => a.key === 'service.name')?.value?.stringValue ?? '';
    const process: JaegerProcess = { serviceName, tags: attrs.filter((a) => a.key !== 'service.name').map(toKeyValue) };
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        const traceID = canonicalTraceId(idToHex(s.traceId, 16));
        const start = nsToMicros(s.startTimeUnixNano);
        const end = nsToMicros(s.endTimeUnixNano);
        const tags = (s.attributes ?? []).map(toKeyValue);
        if (ss.scope?.name) {
          tags.push({ key: 'otel.scope.name', type: 'string', value: ss.scope.name });
        }
        if (ss.scope?.version) {
          tags.push({ key: 'otel.scope.version', type: 'string', value: ss.scope.version });
        }
        const spanKind = KINDS[s.kind ?? 0] ?? '';
        if (spanKind) {
          tags.push({ key: 'span.kind', type: 'string', value: spanKind });
        }
        if (s.status?.code === 2) {
          tags.push({ key: 'error', type: 'bool', value: true });
          tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
          if (s.status.message) {
            tags.push({ key: 'otel.status_description', type: 'string', value: s.status.message });
          }
        } else if (s.status?.code === 1) {
          tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
        }
        tags.push({ key: 'internal.span.format', type: 'string', value: 'proto' });
        const references = [];
        if (s.parentSpanId) {
          references.push({ refType: 'CHILD_OF' as const, traceID, spanID: idToHex(s.parentSpanId, 8) });
        }
        for (const l of s.links ?? []) {
          references.push({
            refType: 'FOLLOWS_FROM' as const,
            traceID: canonicalTraceId(idToHex(l.traceId, 16)),
            spanID: idToHex(l.spanId, 8),
          });
        }
        out.push({
          process,
          spanKind,
          span: {
            traceID,
            spanID: idToHex(s.spanId, 8),
            operationName: s.name,
            references,
            startTime: Number(start),
            duration: Number(end - start),
            tags,
            logs: (s.events ?? []).map((e) => ({
              timestamp: Number(nsToMicros(e.timeUnixNano)),
              fields: [
                { key: 'event', type: 'string' as const, value: e.name },
                ...(e.attributes ?? []).map(toKeyValue),
              ],
            })),
            warnings: null,
          },
        });
      }
    }
  }
  return out;
}
