/**
 * Span model of the Tempo stand-in: OTLP spans as received (ids as lowercase hex, times as ns bigints),
 * plus the jsonpb (protobuf-JSON) shapes Tempo's HTTP API answers with.
 */

/** OTLP AnyValue as protobuf-JSON writes it (int64 as a string). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
}

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

export interface StoredEvent {
  timeNs: bigint;
  name: string;
  attributes: OtlpKeyValue[];
}

/** One span as the stand-in keeps it. */
export interface StoredSpan {
  /** 32 lowercase hex digits (zero-padded). */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind number: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: OtlpKeyValue[];
  events: StoredEvent[];
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage?: string;
  resource: OtlpKeyValue[];
  scope: { name?: string; version?: string };
}

/** Enum names protobuf-JSON writes (Tempo's trace-by-id answers), indexed by the OTLP number. */
export const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
export const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** The plain value of an attribute (int64 as number, arrays/maps as JSON text), undefined when absent. */
export function plainValue(v: OtlpAnyValue | undefined): string | number | boolean | undefined {
  if (!v) {
    return undefined;
  }
  if (v.stringValue !== undefined) {
    return v.stringValue;
  }
  if (v.boolValue !== undefined) {
    return v.boolValue;
  }
  if (v.intValue !== undefined) {
    return Number(v.intValue);
  }
  if (v.doubleValue !== undefined) {
    return Number(v.doubleValue);
  }
  if (v.bytesValue !== undefined) {
    return v.bytesValue;
  }
  return v.arrayValue || v.kvlistValue ? JSON.stringify(v) : undefined;
}

/** TraceQL/Tempo's type name of an attribute value (tag values v2 `type`). */
export function valueType(v: OtlpAnyValue | undefined): string {
  if (v?.intValue !== undefined) {
    return 'int';
  }
  if (v?.doubleValue !== undefined) {
    return 'float';
  }
  if (v?.boolValue !== undefined) {
    return 'bool';
  }
  return 'string';
}
