/**
 * Loads a generated pipeline-run trace into the Jaeger stand-in the way a pipeline would: OTLP/HTTP
 * JSON to `/v1/traces` (in batches, like an SDK exporter), plus structlog-style lines for some of
 * its spans pushed to Loki's push API, so the drill-down has logs to interleave.
 * The spans come from the project's trace generator (src/testing/traceData.ts).
 */
import { generateTrace, GENERATED_TRACE_START } from '../../src/testing/traceData';
import { mulberry32 } from '../../src/testing/prng';

const BATCH = 5000;

type Attr = { key: string; value: { stringValue?: string; intValue?: string } };
const attr = (key: string, value: unknown): Attr =>
  typeof value === 'number'
    ? { key, value: { intValue: String(Math.round(value)) } }
    : { key, value: { stringValue: String(value) } };

const ns = (ms: number) => `${Math.round(ms * 1000)}000`;

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
  }
}

/** Generates a trace of `spans` spans ending ~1 minute ago, sends it and its logs; returns the trace id. */
export async function seedTrace(jaegerUrl: string, lokiUrl: string, spans: number, seed = 7): Promise<string> {
  const traceId = `be0c${spans.toString(16).padStart(12, '0')}${seed.toString(16).padStart(16, '0')}`;
  const rows = generateTrace(spans, { seed, traceId, window: 60 });
  // The generator's trace lasts a minute; move it into the page's default time range.
  const shift = Date.now() - 120_000 - GENERATED_TRACE_START;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({
      traceId,
      spanId: r.spanID,
      parentSpanId: r.parentSpanID,
      name: r.operationName,
      kind: 1,
      startTimeUnixNano: ns(r.startTime + shift),
      endTimeUnixNano: ns(r.startTime + shift + r.duration),
      attributes: (r.tags ?? []).map((t) => attr(t.key, t.value)),
      status: r.statusCode === 2 ? { code: 2, message: r.statusMessage } : { code: 0 },
    }));
    await post(`${jaegerUrl}/v1/traces`, {
      resourceSpans: [
        {
          resource: { attributes: [attr('service.name', 'dagster')] },
          scopeSpans: [{ scope: { name: 'cascade-bench' }, spans: batch }],
        },
      ],
    });
  }
  // One log line for every 10th span (at most 2,000), half with the span id, inside the span's interval.
  const rng = mulberry32(seed);
  const values: Array<[string, string]> = [];
  for (let i = 0; i < rows.length && values.length < 2000; i += 10) {
    const r = rows[i];
    const at = r.startTime + shift + rng() * r.duration;
    const line = {
      event: `${r.operationName}_step`,
      asset_name: 'fct_glucose_readings',
      level: r.statusCode === 2 ? 'error' : 'info',
      timestamp: new Date(at).toISOString(),
      trace_id: traceId,
      ...(i % 20 === 0 ? { span_id: r.spanID } : {}),
    };
    values.push([ns(at), JSON.stringify(line)]);
  }
  values.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  await post(`${lokiUrl}/loki/api/v1/push`, { streams: [{ stream: { job: 'dagster' }, values }] });
  return traceId;
}
