import { DataFrame, FieldType, QueryResultMetaNotice, TraceKeyValuePair, TraceLog, TraceSpanRow } from '@grafana/data';
import { TRACE_FIELDS as T } from './frameFields';
import { FieldSpec, FrameSpec, readFrame, warningNotice, writeFrame } from './frameKit';
import { JaegerKeyValue, JaegerReference, JaegerSpan, JaegerTrace } from '../backends/jaeger/parseJaeger';
import { spanStatusCode, tagValue } from '../model';

/** A span reference as the trace frame carries it (Grafana keeps refType for Jaeger). */
export interface TraceFrameReference {
  refType?: string;
  traceID: string;
  spanID: string;
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
  return writeFrame(TRACE_FRAME, rows, undefined, refId, {
    preferredVisualisationType: 'trace',
    custom: { traceFormat: 'jaeger' },
    notices,
  });
}

/** A span row of the trace frame, with its non-parent references. */
export type TraceFrameRow = TraceSpanRow & { references: TraceFrameReference[] };

const field = (name: string, type: FieldType): FieldSpec<TraceFrameRow, undefined> => ({
  name,
  key: name as keyof TraceFrameRow & string,
  type,
});

/** Grafana's trace frame, declared once (field names are Grafana's; every field carries the row property of its name). */
export const TRACE_FRAME: FrameSpec<TraceFrameRow, undefined> = {
  kind: 'trace',
  emptyRow: () => ({
    traceID: '',
    spanID: '',
    parentSpanID: undefined,
    operationName: '',
    serviceName: '',
    serviceTags: [],
    startTime: 0,
    duration: 0,
    logs: [],
    references: [],
    tags: [],
  }),
  fields: [
    field(T.traceID, FieldType.string),
    field(T.spanID, FieldType.string),
    field(T.parentSpanID, FieldType.string),
    field(T.operationName, FieldType.string),
    field(T.serviceName, FieldType.string),
    field(T.serviceTags, FieldType.other),
    field(T.startTime, FieldType.number),
    field(T.duration, FieldType.number),
    field(T.logs, FieldType.other),
    field(T.references, FieldType.other),
    field(T.tags, FieldType.other),
    field(T.kind, FieldType.string),
    field(T.statusCode, FieldType.number),
    field(T.statusMessage, FieldType.string),
    field(T.warnings, FieldType.other),
    field(T.stackTraces, FieldType.other),
  ],
};

/** Reads a trace frame back into span rows (for the drill-down page). */
export const traceFromFrame = (frame: DataFrame): TraceFrameRow[] => readFrame(TRACE_FRAME, frame);
