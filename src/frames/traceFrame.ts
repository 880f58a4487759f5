import { DataFrame, FieldType, QueryResultMetaNotice, TraceKeyValuePair, TraceLog, TraceSpanRow } from '@grafana/data';
import { TRACE_FIELDS as T } from './frameFields';
import { asNumber, asString, buildTable, readRows, warningNotice } from './frameKit';
import { JaegerKeyValue, JaegerReference, JaegerSpan, JaegerTrace } from '../backends/jaeger/parseJaeger';
import { tagValue } from '../backends/jaeger/traceSummary';

/** A span reference as the trace frame carries it (Grafana keeps refType for Jaeger). */
export interface TraceFrameReference {
  refType?: string;
  traceID: string;
  spanID: string;
}

/** OTLP status code from Jaeger tags: 0 unset, 1 ok, 2 error (`otel.status_code`, or `error=true`). */
export function spanStatusCode(tags: JaegerKeyValue[]): number | undefined {
  const code = tagValue(tags, 'otel.status_code');
  if (code === 'ERROR') {
    return 2;
  }
  if (code === 'OK') {
    return 1;
  }
  const err = tagValue(tags, 'error');
  if (err === true || err === 'true') {
    return 2;
  }
  return code === 'UNSET' ? 0 : undefined;
}

/**
 * The parent: the first CHILD_OF reference inside the same trace. (Grafana's Jaeger data source takes
 * the first CHILD_OF of any trace; a parent in another trace would make the span an orphan here.)
 */
export function parentReference(span: JaegerSpan): JaegerReference | undefined {
  return span.references.find((r) => r.refType === 'CHILD_OF' && r.traceID === span.traceID);
}

/** One frame row from a Jaeger span: µs → ms, process resolved, references minus the parent. */
export function spanToRow(span: JaegerSpan, trace: JaegerTrace): TraceSpanRow & { references: TraceFrameReference[] } {
  const process = trace.processes[span.processID];
  const parent = parentReference(span);
  const kind = tagValue(span.tags, 'span.kind');
  const message = tagValue(span.tags, 'otel.status_description');
  return {
    traceID: span.traceID,
    spanID: span.spanID,
    parentSpanID: parent?.spanID,
    operationName: span.operationName,
    serviceName: process?.serviceName ?? '',
    serviceTags: (process?.tags ?? []) as TraceKeyValuePair[],
    startTime: span.startTime / 1000,
    duration: span.duration / 1000,
    logs: span.logs.map((l): TraceLog => ({ timestamp: l.timestamp / 1000, fields: l.fields as TraceKeyValuePair[] })),
    references: span.references
      .filter((r) => !(parent && r.spanID === parent.spanID && r.traceID === parent.traceID))
      .map((r) => ({ refType: r.refType, traceID: r.traceID, spanID: r.spanID })),
    tags: span.tags as TraceKeyValuePair[],
    kind: typeof kind === 'string' ? kind : undefined,
    statusCode: spanStatusCode(span.tags),
    statusMessage: typeof message === 'string' ? message : undefined,
    warnings: span.warnings ?? undefined,
    stackTraces: span.stackTraces,
  };
}

/**
 * Grafana's trace frame for one Jaeger trace (`preferredVisualisationType: 'trace'`), the shape its
 * own Jaeger data source produces, so the trace panel and Explore render it. Beyond `maxSpans` the
 * earliest spans are kept and a notice says so; trace-level warnings become notices naming `source`.
 * A Tempo trace is parsed into the same model (backends/tempo/parseTempo.ts), so it gets the same frame.
 */
export function traceToFrame(trace: JaegerTrace, refId?: string, maxSpans = Infinity, source = 'Jaeger'): DataFrame {
  let spans = trace.spans;
  const notices: QueryResultMetaNotice[] = (trace.warnings ?? []).map((w) => warningNotice(`${source}: ${w}`));
  if (spans.length > maxSpans) {
    spans = [...spans].sort((a, b) => a.startTime - b.startTime).slice(0, maxSpans);
    notices.push(warningNotice(`Showing the first ${maxSpans} of ${trace.spans.length} spans (limit maxSpans).`));
  }
  const rows = spans.map((s) => spanToRow(s, trace));
  type Row = (typeof rows)[number];
  const col = (name: string, type: FieldType, get: (r: Row) => unknown) => ({ name, type, get });
  return buildTable<Row>(
    'trace',
    refId,
    [
      col(T.traceID, FieldType.string, (r) => r.traceID),
      col(T.spanID, FieldType.string, (r) => r.spanID),
      col(T.parentSpanID, FieldType.string, (r) => r.parentSpanID),
      col(T.operationName, FieldType.string, (r) => r.operationName),
      col(T.serviceName, FieldType.string, (r) => r.serviceName),
      col(T.serviceTags, FieldType.other, (r) => r.serviceTags),
      col(T.startTime, FieldType.number, (r) => r.startTime),
      col(T.duration, FieldType.number, (r) => r.duration),
      col(T.logs, FieldType.other, (r) => r.logs),
      col(T.references, FieldType.other, (r) => r.references),
      col(T.tags, FieldType.other, (r) => r.tags),
      col(T.kind, FieldType.string, (r) => r.kind),
      col(T.statusCode, FieldType.number, (r) => r.statusCode),
      col(T.statusMessage, FieldType.string, (r) => r.statusMessage),
      col(T.warnings, FieldType.other, (r) => r.warnings ?? null),
      col(T.stackTraces, FieldType.other, (r) => r.stackTraces ?? null),
    ],
    rows,
    { preferredVisualisationType: 'trace', custom: { traceFormat: 'jaeger' }, notices }
  );
}

/** Reads a trace frame back into span rows (for the drill-down page). */
export function traceFromFrame(frame: DataFrame): Array<TraceSpanRow & { references: TraceFrameReference[] }> {
  return readRows(frame, (get) => ({
    traceID: asString(get(T.traceID)) ?? '',
    spanID: asString(get(T.spanID)) ?? '',
    parentSpanID: asString(get(T.parentSpanID)),
    operationName: asString(get(T.operationName)) ?? '',
    serviceName: asString(get(T.serviceName)) ?? '',
    serviceTags: (get(T.serviceTags) as TraceKeyValuePair[]) ?? [],
    startTime: asNumber(get(T.startTime)) ?? 0,
    duration: asNumber(get(T.duration)) ?? 0,
    logs: (get(T.logs) as TraceLog[]) ?? [],
    references: (get(T.references) as TraceFrameReference[]) ?? [],
    tags: (get(T.tags) as TraceKeyValuePair[]) ?? [],
    kind: asString(get(T.kind)),
    statusCode: asNumber(get(T.statusCode)),
    statusMessage: asString(get(T.statusMessage)),
    warnings: (get(T.warnings) as string[] | null) ?? undefined,
    stackTraces: (get(T.stackTraces) as string[] | null) ?? undefined,
  }));
}
