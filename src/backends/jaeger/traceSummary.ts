import { hasErrorTag, tagValue, TraceSummary, AssetTrace } from '../../model';
import { JaegerKeyValue, JaegerSpan, JaegerTrace } from './parseJaeger';

/** A span is an error when tagged `error=true` (Jaeger/OpenTracing) or `otel.status_code=ERROR` (OTLP). */
export const isErrorSpan = (span: JaegerSpan): boolean => hasErrorTag(span.tags);

/** The span with no parent inside the trace (the earliest one when several or none qualify). */
export function rootSpan(trace: JaegerTrace): JaegerSpan | undefined {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  let root: JaegerSpan | undefined;
  let earliest: JaegerSpan | undefined;
  for (const s of trace.spans) {
    if (!earliest || s.startTime < earliest.startTime) {
      earliest = s;
    }
    const hasParent = s.references.some((r) => r.refType === 'CHILD_OF' && ids.has(r.spanID) && r.spanID !== s.spanID);
    if (!hasParent && (!root || s.startTime < root.startTime)) {
      root = s;
    }
  }
  return root ?? earliest;
}

/**
 * The asset a trace belongs to: the asset tag on the root span, else on the first span carrying it
 * (the pipeline tags the asset's materialization span), else on the process.
 */
export function traceAsset(trace: JaegerTrace, assetTag: string, root = rootSpan(trace)): string | undefined {
  const fromTags = (tags: JaegerKeyValue[]) => {
    const v = tagValue(tags, assetTag);
    return typeof v === 'string' && v ? v : undefined;
  };
  if (root) {
    const v = fromTags(root.tags);
    if (v) {
      return v;
    }
  }
  for (const s of trace.spans) {
    const v = fromTags(s.tags) ?? fromTags(trace.processes[s.processID]?.tags ?? []);
    if (v) {
      return v;
    }
  }
  return undefined;
}

/** One row of the `traces` frame. Times in ms. */
export function summarizeTrace(trace: JaegerTrace, assetTag: string): TraceSummary | undefined {
  if (!trace.spans.length) {
    return undefined;
  }
  const root = rootSpan(trace)!;
  let start = Infinity;
  let end = -Infinity;
  let errors = 0;
  for (const s of trace.spans) {
    start = Math.min(start, s.startTime);
    end = Math.max(end, s.startTime + s.duration);
    if (isErrorSpan(s)) {
      errors++;
    }
  }
  return {
    traceID: trace.traceID || root.traceID,
    asset: traceAsset(trace, assetTag, root),
    start: start / 1000,
    duration: (end - start) / 1000,
    spans: trace.spans.length,
    errors,
    status: errors > 0 ? 'error' : 'ok',
    operation: root.operationName,
  };
}

/** Newest trace per asset, for the health join (traces without the asset tag are ignored). */
export function latestTraceByAsset(summaries: TraceSummary[]): Map<string, AssetTrace> {
  const out = new Map<string, AssetTrace>();
  for (const t of summaries) {
    if (!t.asset) {
      continue;
    }
    const prev = out.get(t.asset);
    if (!prev || t.start > prev.start) {
      out.set(t.asset, { traceId: t.traceID, start: t.start, duration: t.duration, error: t.status === 'error' });
    }
  }
  return out;
}
