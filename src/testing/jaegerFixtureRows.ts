import { fixtureJson, fixtureText } from './fixtures';
import { parseJaegerTraces } from '../backends/jaeger/parseJaeger';
import { traceFromFrame, traceToFrame } from '../frames/traceFrame';
import { TraceSpanInput } from '../trace/traceTree';

/**
 * Test-only: a real Jaeger payload from tests/fixtures turned into `trace` frame rows by the data
 * source's own parser and frame builder/reader, i.e. what the trace page gets from `query()`.
 */
export function jaegerFixtureRows(file: string): TraceSpanInput[] {
  return rowsFromBody(fixtureText(`jaeger/${file}`));
}

/** Test-only: the single HotROD span capture wrapped in a trace envelope (its parent is not in it). */
export function hotrodSpanRows(): TraceSpanInput[] {
  const span = fixtureJson<{ traceID: string; processID: string }>('jaeger/span_with_error_logs_hotrod_real.json');
  const body = {
    data: [
      { traceID: span.traceID, spans: [span], processes: { [span.processID]: { serviceName: 'driver', tags: [] } } },
    ],
    errors: null,
  };
  return rowsFromBody(body);
}

function rowsFromBody(body: unknown): TraceSpanInput[] {
  const parsed = parseJaegerTraces(body);
  if (!parsed.ok) {
    throw new Error(parsed.error.message);
  }
  return traceFromFrame(traceToFrame(parsed.value[0]));
}
