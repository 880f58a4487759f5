import { CascadeLogLine } from '../model';
import { JaegerSpan, JaegerTrace } from '../backends/jaeger/parseJaeger';
import { TraceSpanInput } from '../trace/traceTree';
import { mulberry32, randInt } from './prng';

const OPS = [
  'fetch_from_api',
  'auth',
  'network',
  'pandera_validation',
  'type_check',
  'constraint_check',
  'merge_to_iceberg',
  'read_snapshot',
  'write_metadata',
  'asset_check',
];
/** One hand-written span for tests: service `svc`, trace `t`, operation named like the span unless `extra` says otherwise. */
export const spanInput = (
  spanID: string,
  parentSpanID: string | undefined,
  startTime: number,
  duration: number,
  extra: Partial<TraceSpanInput> = {}
): TraceSpanInput => ({
  traceID: 't',
  spanID,
  parentSpanID,
  operationName: spanID,
  serviceName: 'svc',
  serviceTags: [],
  startTime,
  duration,
  ...extra,
});

export const GENERATED_TRACE_START = Date.UTC(2024, 9, 15, 10, 35, 42);

export interface TraceOptions {
  seed?: number;
  /** Fraction of spans marked as errors (OTLP status 2). */
  errorRate?: number;
  /** A new span's parent is drawn from the last `window` spans: small = deep, large = bushy. */
  window?: number;
  traceId?: string;
}

/**
 * A pipeline-run trace of `count` spans, as rows of the `trace` frame (times in ms). Every child
 * lies inside its parent's interval and spans are listed in creation order (parents first).
 * Deterministic for a given seed; used by the unit tests and the benchmark.
 */
export function generateTrace(count: number, options: TraceOptions = {}): TraceSpanInput[] {
  const { seed = 1, errorRate = 0.01, window = 40, traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } = options;
  const rng = mulberry32(seed);
  const rows: TraceSpanInput[] = [];
  const spanId = (i: number) => (0x1000000000 + i).toString(16).padStart(16, '0');
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? undefined : rows[randInt(rng, Math.max(0, i - window), i - 1)];
    const pStart = parent ? parent.startTime : GENERATED_TRACE_START;
    const pDur = parent ? parent.duration : 60_000;
    const startTime = parent ? pStart + rng() * pDur * 0.7 : pStart;
    const duration = parent ? rng() * (pStart + pDur - startTime) : pDur;
    const error = rng() < errorRate;
    rows.push({
      traceID: traceId,
      spanID: spanId(i),
      parentSpanID: parent?.spanID,
      operationName: i === 0 ? 'materialize fct_glucose_readings' : OPS[randInt(rng, 0, OPS.length - 1)],
      serviceName: 'dagster',
      serviceTags: [{ key: 'service.name', value: 'dagster' }],
      startTime,
      duration,
      logs: [],
      references: [],
      tags: [
        { key: 'asset_name', value: 'fct_glucose_readings' },
        { key: 'rows', value: randInt(rng, 0, 5000) },
      ],
      kind: 'internal',
      statusCode: error ? 2 : 0,
      statusMessage: error ? 'division by zero' : undefined,
    });
  }
  return rows;
}

/**
 * Loki lines for a generated trace: `perSpan` lines inside each of the first spans, half of them
 * carrying the span id and half only a timestamp (so both attachment rules are exercised).
 */
export function generateTraceLogs(rows: TraceSpanInput[], total: number, seed = 2): CascadeLogLine[] {
  const rng = mulberry32(seed);
  const lines: CascadeLogLine[] = [];
  for (let k = 0; k < total && rows.length; k++) {
    const span = rows[randInt(rng, 0, rows.length - 1)];
    const timestamp = span.startTime + rng() * span.duration;
    const withId = k % 2 === 0;
    lines.push({
      timestamp,
      tsNs: `${Math.round(timestamp * 1e6)}`,
      body: `${span.operationName}: step ${k}`,
      severity: span.statusCode === 2 ? 'error' : 'info',
      id: `log-${k}`,
      labels: { job: 'dagster' },
      asset: 'fct_glucose_readings',
      traceId: span.traceID,
      spanId: withId ? span.spanID : undefined,
    });
  }
  return lines;
}

/**
 * The same generated trace as a Jaeger API trace (µs, processes, CHILD_OF references), so tests and
 * the benchmark can push it through the data source's own `traceToFrame`.
 */
export function generateJaegerTrace(count: number, options: TraceOptions = {}): JaegerTrace {
  const rows = generateTrace(count, options);
  const spans: JaegerSpan[] = rows.map((r) => ({
    traceID: r.traceID,
    spanID: r.spanID,
    operationName: r.operationName,
    references: r.parentSpanID ? [{ refType: 'CHILD_OF', traceID: r.traceID, spanID: r.parentSpanID }] : [],
    startTime: Math.round(r.startTime * 1000),
    duration: Math.round(r.duration * 1000),
    tags: [
      ...(r.tags ?? []).map((t) => ({
        key: t.key,
        type: typeof t.value === 'number' ? 'int64' : 'string',
        value: t.value,
      })),
      { key: 'span.kind', type: 'string', value: 'internal' },
      ...(r.statusCode === 2
        ? [
            { key: 'otel.status_code', type: 'string', value: 'ERROR' },
            { key: 'otel.status_description', type: 'string', value: r.statusMessage },
          ]
        : []),
    ],
    logs: [],
    processID: 'p1',
    warnings: null,
  }));
  return {
    traceID: rows[0]?.traceID ?? '',
    spans,
    processes: { p1: { serviceName: 'dagster', tags: [{ key: 'service.name', type: 'string', value: 'dagster' }] } },
    warnings: null,
  };
}
