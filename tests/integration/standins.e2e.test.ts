/**
 * Issue 2 done-when: the demo's logs (pushed to Loki's API) and traces (exported over OTLP) carry
 * the same trace ids and asset names. Captured through the stand-ins' query APIs, over HTTP.
 */
import { DemoHandle, defaultAssets, startDemo } from '../../demo/src';
import type { JaegerSpan, JaegerTrace } from '../../demo/src/standins/jaeger/model';

jest.setTimeout(30000);

const FAILING = 'mrt_glucose_readings';
let demo: DemoHandle;

type LokiStreams = { data: { result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }> } };

async function logs(query: string): Promise<Array<Record<string, string | number>>> {
  const url = `${demo.lokiUrl}/loki/api/v1/query_range?query=${encodeURIComponent(query)}&limit=5000&direction=forward`;
  const body = (await (await fetch(url)).json()) as LokiStreams;
  return body.data.result.flatMap((s) => s.values.map(([, line]) => JSON.parse(line)));
}

async function trace(id: string): Promise<JaegerTrace> {
  const res = await fetch(`${demo.jaegerUrl}/api/traces/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()).data[0];
}

const tag = (s: JaegerSpan, key: string) => s.tags.find((t) => t.key === key)?.value;

beforeAll(async () => {
  demo = await startDemo({ autoRun: false, seed: 11, failureRate: 0, failingAsset: FAILING });
  for (let i = 0; i < 3; i++) {
    await demo.pipeline.runAll();
  }
});

afterAll(async () => {
  await demo?.stop();
});

test('every run has one trace in Jaeger and its log lines in Loki, joined by trace id and asset name', async () => {
  const lines = await logs('{job="dagster"} | json');
  const search = await (await fetch(`${demo.jaegerUrl}/api/traces?service=dagster&limit=1000`)).json();
  const traces = search.data as JaegerTrace[];
  const assets = defaultAssets();
  expect(traces).toHaveLength(3 * assets.length);

  const logTraceIds = new Set(lines.map((l) => String(l.trace_id)));
  expect(new Set(traces.map((t) => t.traceID))).toEqual(logTraceIds);

  for (const t of traces) {
    const root = t.spans.find((s) => s.references.length === 0)!;
    const asset = String(tag(root, 'asset_name'));
    expect(root.operationName).toBe(asset);
    expect(t.processes[root.processID].serviceName).toBe('dagster');
    const own = lines.filter((l) => l.trace_id === t.traceID);
    // Every line of the trace names the same asset and points at one of the trace's spans.
    expect(new Set(own.map((l) => l.asset_name))).toEqual(new Set([asset]));
    const spanIds = new Set(t.spans.map((s) => s.spanID));
    for (const l of own) {
      expect(spanIds.has(String(l.span_id))).toBe(true);
    }
    expect(own[0].event).toBe('asset_started');
    expect(own[0].span_id).toBe(root.spanID);
  }
});

test("the last run's trace id in state() finds the run's logs and trace; a failure is on the span that raised", async () => {
  const state = demo.pipeline.state();
  for (const a of defaultAssets()) {
    const id = state[a.name].lastTraceId!;
    const t = await trace(id);
    const lines = await logs(`{job="dagster"} | json | trace_id="${id}"`);
    expect(lines.map((l) => l.event)).toEqual(
      a.name === FAILING
        ? expect.arrayContaining(['asset_started', 'asset_failed'])
        : ['asset_started', 'api_fetch_success', 'validation_complete', 'merge_complete', 'asset_succeeded']
    );
    const names = new Set(t.spans.map((s) => s.operationName));
    if (a.name !== FAILING) {
      expect(names).toEqual(
        new Set([
          a.name,
          'fetch_from_api',
          'http.request',
          'pandera_validation',
          'type_checking',
          'constraint_checking',
          'iceberg_merge',
          'read_snapshot',
          'merge_operation',
          'write_metadata',
          'asset_check',
        ])
      );
      const merge = lines.find((l) => l.event === 'merge_complete')!;
      const mergeSpan = t.spans.find((s) => s.operationName === 'iceberg_merge')!;
      expect(merge.span_id).toBe(mergeSpan.spanID);
      expect(tag(mergeSpan, 'inserts')).toBe(merge.inserts);
      expect(tag(mergeSpan, 'updates')).toBe(merge.updates);
      continue;
    }
    const failed = lines.find((l) => l.event === 'asset_failed')!;
    expect(failed).toMatchObject({ level: 'error', status: 'failure', asset_name: FAILING });
    expect(`${failed.error_type}: ${failed.error_message}`).toBe(state[FAILING].lastError);
    const raised = t.spans.find((s) => s.spanID === failed.span_id)!;
    expect(tag(raised, 'error')).toBe(true);
    expect(raised.logs[0].fields).toEqual(
      expect.arrayContaining([
        { key: 'event', type: 'string', value: 'exception' },
        { key: 'exception.type', type: 'string', value: failed.error_type },
      ])
    );
    const root = t.spans.find((s) => s.references.length === 0)!;
    expect(tag(root, 'otel.status_code')).toBe('ERROR');
  }
});

test('LogQL metric queries over the pushed logs agree with state()', async () => {
  const url = `${demo.lokiUrl}/loki/api/v1/query?query=${encodeURIComponent(
    'sum by (asset_name) (count_over_time({job="dagster"} | json | event="asset_failed" [1h]))'
  )}`;
  const body = await (await fetch(url)).json();
  const state = demo.pipeline.state();
  const failures = Object.fromEntries(
    body.data.result.map((r: { metric: { asset_name: string }; value: [number, string] }) => [
      r.metric.asset_name,
      Number(r.value[1]),
    ])
  );
  expect(failures).toEqual({ [FAILING]: state[FAILING].failures });
  expect(state[FAILING].failures).toBe(3);
});
