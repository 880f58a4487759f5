import { idToHex } from '../jaeger/otlp';
import { OtlpKeyValue, StoredSpan } from './model';

/** OTLP/JSON ExportTraceServiceRequest as exporters send it (hex ids, numeric enums, ns as string or number). */
interface OtlpSpanIn {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number | string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: Array<{ timeUnixNano: string | number; name: string; attributes?: OtlpKeyValue[] }>;
  status?: { code?: number | string; message?: string };
}

export interface OtlpExportRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ scope?: { name?: string; version?: string }; spans?: OtlpSpanIn[] }>;
  }>;
}

const KIND_BY_NAME: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_BY_NAME: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

const enumNumber = (v: number | string | undefined, names: Record<string, number>) =>
  typeof v === 'number' ? v : v === undefined ? 0 : (names[v] ?? Number(v)) || 0;

const ns = (v: string | number) => BigInt(typeof v === 'number' ? Math.round(v) : v);

/** OTLP JSON → stored spans; throws on a malformed request (the receiver answers 400). */
export function ingestOtlp(req: OtlpExportRequest): StoredSpan[] {
  if (
    typeof req !== 'object' ||
    req === null ||
    (req.resourceSpans !== undefined && !Array.isArray(req.resourceSpans))
  ) {
    throw new Error('invalid ExportTraceServiceRequest: resourceSpans must be an array');
  }
  const out: StoredSpan[] = [];
  for (const rs of req.resourceSpans ?? []) {
    const resource = rs.resource?.attributes ?? [];
    for (const ss of rs.scopeSpans ?? []) {
      const scope = { name: ss.scope?.name, version: ss.scope?.version };
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: idToHex(s.traceId, 16),
          spanId: idToHex(s.spanId, 8),
          parentSpanId: s.parentSpanId ? idToHex(s.parentSpanId, 8) : undefined,
          name: s.name,
          kind: enumNumber(s.kind, KIND_BY_NAME),
          startNs: ns(s.startTimeUnixNano),
          endNs: ns(s.endTimeUnixNano),
          attributes: s.attributes ?? [],
          events: (s.events ?? []).map((e) => ({
            timeNs: ns(e.timeUnixNano),
            name: e.name,
            attributes: e.attributes ?? [],
          })),
          statusCode: enumNumber(s.status?.code, STATUS_BY_NAME),
          statusMessage: s.status?.message || undefined,
          resource,
          scope,
        });
      }
    }
  }
  return out;
}
