import { AssetSpec } from './types';
import { RunPlan } from './simulator';

/** One structlog-style log record (rendered as a JSON line). */
export type LogRecord = Record<string, string | number | boolean>;

/** A log line ready for Loki: ns timestamp string and the JSON line. */
export type LokiEntry = [string, string];

/** Ids and absolute times of a run's spans, as produced by the tracer. */
export interface RunSpanIds {
  traceId: string;
  /** span name → span id */
  spanIds: Record<string, string>;
  /** Epoch ms of the run's start. */
  startMs: number;
}

/** The structlog events of one run, each carrying the run's trace id and its own span's id. */
export function runLogRecords(
  spec: AssetSpec,
  plan: RunPlan,
  ids: RunSpanIds,
  runId: string
): Array<{ timeMs: number; record: LogRecord }> {
  const span = (name: string) => plan.spans.find((s) => s.name === name);
  const at = (seconds: number) => ids.startMs + seconds * 1000;
  const base = (event: string, spanName: string, level = 'info') => ({
    event,
    asset_name: spec.name,
    run_id: runId,
    level,
    trace_id: ids.traceId,
    span_id: ids.spanIds[spanName],
  });
  const out: Array<{ timeMs: number; record: LogRecord }> = [];
  const push = (timeMs: number, record: LogRecord) =>
    out.push({ timeMs, record: { ...record, timestamp: new Date(timeMs).toISOString() } });

  push(at(0), { ...base('asset_started', spec.name), layer: spec.layer, owner: spec.owner });
  const fetch = span('fetch_from_api')!;
  if (plan.failedPhase !== 'fetch_from_api') {
    push(at(fetch.end), {
      ...base('api_fetch_success', 'fetch_from_api'),
      endpoint: String(fetch.attributes.endpoint),
      rows_returned: plan.rows.fetched,
      response_time_ms: ms(fetch.end - fetch.start),
    });
  }
  const validation = span('pandera_validation');
  if (validation && plan.failedPhase !== 'pandera_validation') {
    push(at(validation.end), {
      ...base('validation_complete', 'pandera_validation'),
      validator: 'pandera',
      schema: String(validation.attributes.schema),
      total_rows: plan.rows.fetched,
      valid_rows: plan.rows.valid,
      invalid_rows: plan.rows.invalid,
      pass_rate: Math.round((10000 * plan.rows.valid) / plan.rows.fetched) / 100,
    });
  }
  const merge = span('iceberg_merge');
  if (merge && plan.failedPhase !== 'iceberg_merge') {
    push(at(merge.end), {
      ...base('merge_complete', 'iceberg_merge'),
      table: String(merge.attributes.table),
      inserts: plan.rows.inserts,
      updates: plan.rows.updates,
      merge_time_ms: ms(merge.end - merge.start),
    });
  }
  if (plan.status === 'success') {
    push(at(plan.duration), {
      ...base('asset_succeeded', spec.name),
      status: 'success',
      total_time_ms: ms(plan.duration),
    });
  } else {
    // Logged on the span that raised, where the trace records the exception event.
    push(at(plan.duration), {
      ...base('asset_failed', plan.failedPhase!, 'error'),
      status: 'failure',
      error_type: plan.errorType!,
      error_message: plan.errorMessage!,
      total_time_ms: ms(plan.duration),
    });
  }
  return out;
}

function ms(seconds: number): number {
  return Math.round(seconds * 100000) / 100;
}

/** Epoch ms → Loki's ns timestamp string (exact, no float rounding). */
export function toNs(timeMs: number): string {
  // Whole microseconds fit a double exactly (≈1.8e15 < 2^53); ns are then exact as a string.
  return `${Math.round(timeMs * 1000)}000`;
}

/** Pushes batches of lines to Loki's push API (`POST /loki/api/v1/push`, JSON) under `{job="dagster"}`. */
export class LokiPusher {
  private pending: Array<Promise<void>> = [];
  readonly errors: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly labels: Record<string, string> = { job: 'dagster' },
    private readonly maxLinesPerPush = 5000
  ) {}

  /** Sends the entries in as few requests as possible; resolves when Loki has answered. */
  push(entries: LokiEntry[]): Promise<void> {
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < entries.length; i += this.maxLinesPerPush) {
      sends.push(this.send(entries.slice(i, i + this.maxLinesPerPush)));
    }
    const all = Promise.all(sends).then(() => undefined);
    this.pending.push(all);
    void all.finally(() => {
      this.pending = this.pending.filter((p) => p !== all);
    });
    return all;
  }

  /** Waits for every push in flight. */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async send(values: LokiEntry[]): Promise<void> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/loki/api/v1/push`;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ streams: [{ stream: this.labels, values }] }),
        signal: AbortSignal.timeout(10000),
      });
      if (!res.ok) {
        this.recordError(`Loki push ${url} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
      }
    } catch (e) {
      this.recordError(`Loki push ${url} failed: ${(e as Error).message}`);
    }
  }

  private recordError(message: string): void {
    // Keep the last few for diagnostics; the demo keeps running when Loki is down.
    this.errors.push(message);
    if (this.errors.length > 20) {
      this.errors.shift();
    }
  }
}
