/**
 * Issue 2 done-when: a real Prometheus (Debian binary) scrapes the demo pipeline; every metric of
 * the signal contract is read back through Prometheus' HTTP API and compared with the simulator's
 * own state(). Nothing is mocked.
 */
import { DemoHandle, defaultAssets, RULES_FILE, startDemo, startPrometheus } from '../../demo/src';
import { BYTES_PER_ROW, CONTAINERS, durationBuckets, OPERATIONS } from '../../demo/src/metrics';

jest.setTimeout(60000);

const FAILING = 'stg_glucose_entries';
const STALE = 'publish_to_postgres';
const DIP = { asset: 'fct_glucose_readings', check: 'no_duplicates', passRate: 90 };

type Sample = { metric: Record<string, string>; value: [number, string] };

let demo: DemoHandle;
let prom: Awaited<ReturnType<typeof startPrometheus>>;

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${prom.url}${path}`);
  const body = await res.json();
  if (body.status !== 'success') {
    throw new Error(`${path}: ${JSON.stringify(body)}`);
  }
  return body.data as T;
}

const query = (q: string) =>
  api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent(q)}`).then((d) => d.result);

/** Series of one metric without Prometheus' target labels. */
async function series(match: string): Promise<Array<Record<string, string>>> {
  const data = await api<Array<Record<string, string>>>(`/api/v1/series?match[]=${encodeURIComponent(match)}`);
  return data.map(({ job, instance, ...rest }) => {
    expect(job).toBe('cascade-demo');
    expect(instance).toBe(demo.metricsTarget);
    return rest;
  });
}

/** asset_name → value (one series per asset expected). */
async function byAsset(q: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of await query(q)) {
    expect(out[s.metric.asset_name]).toBeUndefined();
    out[s.metric.asset_name] = Number(s.value[1]);
  }
  return out;
}

const sortKeys = (list: Array<Record<string, string>>) =>
  list.map((l) => JSON.stringify(l, Object.keys(l).sort())).sort();

beforeAll(async () => {
  demo = await startDemo({
    autoRun: false,
    standins: false,
    seed: 7,
    failureRate: 0.2,
    failingAsset: FAILING,
    staleAsset: STALE,
    validationDip: DIP,
  });
  prom = await startPrometheus({ targets: [demo.metricsTarget], scrapeInterval: '1s' });
});

afterAll(async () => {
  await prom?.stop();
  await demo?.stop();
});

test('Prometheus sees the zero-initialised counters before the first run, then every contract metric equals state()', async () => {
  await prom.waitForScrapes(1);
  const assets = defaultAssets();
  expect(await byAsset('asset_executions_total')).toEqual(Object.fromEntries(assets.map((a) => [a.name, 0])));
  expect(await byAsset('asset_execution_failures_total')).toEqual(Object.fromEntries(assets.map((a) => [a.name, 0])));

  for (let i = 0; i < 3; i++) {
    await demo.pipeline.runAll();
    await prom.waitForScrapes(1);
  }
  const state = demo.pipeline.state();
  const runnable = assets.filter((a) => a.name !== STALE);
  for (const a of runnable) {
    expect(state[a.name].runs).toBe(3);
  }
  expect(state[FAILING]).toMatchObject({ failures: 3, successes: 0, lastStatus: 'failure' });
  expect(state[STALE].runs).toBe(0);

  // Counters per asset.
  expect(await byAsset('asset_executions_total')).toEqual(
    Object.fromEntries(assets.map((a) => [a.name, state[a.name].runs]))
  );
  expect(await byAsset('asset_execution_failures_total')).toEqual(
    Object.fromEntries(assets.map((a) => [a.name, state[a.name].failures]))
  );

  // Histogram: _count per status equals the outcomes; _sum over both statuses equals the durations.
  for (const status of ['success', 'failure'] as const) {
    const counts = await byAsset(`asset_execution_seconds_count{status="${status}"}`);
    expect(counts).toEqual(
      Object.fromEntries(
        assets.map((a) => [a.name, status === 'success' ? state[a.name].successes : state[a.name].failures])
      )
    );
  }
  const sums = await byAsset('sum by (asset_name) (asset_execution_seconds_sum)');
  for (const a of assets) {
    expect(sums[a.name]).toBeCloseTo(
      state[a.name].durations.reduce((x, y) => x + y, 0),
      9
    );
  }
  const buckets = await series('asset_execution_seconds_bucket');
  expect(buckets).toHaveLength(assets.length * 2 * (durationBuckets().length + 1));
  expect(new Set(buckets.map((b) => b.le)).size).toBe(durationBuckets().length + 1);

  // Last update: exact float round trip; freshness computed at scrape time.
  expect(await byAsset('asset_last_update_timestamp')).toEqual(
    Object.fromEntries(assets.map((a) => [a.name, state[a.name].lastUpdate]))
  );
  for (const s of await query(
    'asset_freshness_seconds - (timestamp(asset_freshness_seconds) - asset_last_update_timestamp)'
  )) {
    // Freshness is computed a few ms after the scrape's start timestamp.
    expect(Math.abs(Number(s.value[1]))).toBeLessThan(1);
  }
  const freshness = await byAsset('asset_freshness_seconds');
  expect(freshness[STALE]).toBeGreaterThan(5 * 3600 - 1);
  expect(freshness[FAILING]).toBeGreaterThan(freshness.dlt_glucose_entries);

  // Row count with the asset's schema label.
  const rows = await query('asset_row_count');
  const withoutTarget = ({ job, instance, ...rest }: Record<string, string>) => rest;
  expect(sortKeys(rows.map((r) => ({ ...withoutTarget(r.metric), v: r.value[1] })))).toEqual(
    sortKeys(
      assets.map((a) => ({
        __name__: 'asset_row_count',
        asset_name: a.name,
        schema: a.schema,
        v: String(state[a.name].rowCount),
      }))
    )
  );

  // Rows processed per operation.
  const processed = await query('asset_rows_processed_total');
  expect(processed).toHaveLength(assets.length * OPERATIONS.length);
  for (const s of processed) {
    expect(Number(s.value[1])).toBe(state[s.metric.asset_name].rowsProcessed[s.metric.operation]);
  }

  // Pass rates per check, including the dip.
  const rates = await query('validation_pass_rate');
  expect(rates).toHaveLength(assets.reduce((n, a) => n + a.checks.length, 0));
  for (const s of rates) {
    expect(Number(s.value[1])).toBe(state[s.metric.asset_name].passRates[s.metric.check_name]);
  }
  expect(state[DIP.asset].passRates[DIP.check]).toBe(DIP.passRate);

  // Lineage and ownership.
  expect(sortKeys(await series('asset_info'))).toEqual(
    sortKeys(assets.map((a) => ({ __name__: 'asset_info', asset_name: a.name, layer: a.layer, owner: a.owner })))
  );
  expect(sortKeys(await series('asset_dependency'))).toEqual(
    sortKeys(
      assets.flatMap((a) => a.upstream.map((u) => ({ __name__: 'asset_dependency', asset_name: a.name, upstream: u })))
    )
  );
  for (const s of await query('asset_info == 1 or asset_dependency == 1')) {
    expect(s.value[1]).toBe('1');
  }

  // System gauges.
  const disk = await query('disk_usage_percent');
  expect(disk.map((d) => d.metric.mount_point)).toEqual(['/']);
  expect(Number(disk[0].value[1])).toBeGreaterThan(0);
  expect(Number(disk[0].value[1])).toBeLessThanOrEqual(100);
  const mem = await query('memory_usage_percent');
  expect(Number(mem[0].value[1])).toBeGreaterThan(0);
  expect(Number(mem[0].value[1])).toBeLessThanOrEqual(100);
  const health = await query('container_health');
  expect(health.map((h) => h.metric.container_name).sort()).toEqual([...CONTAINERS].sort());
  const lake = await query('storage_lake_size_bytes');
  expect(Number(lake[0].value[1])).toBe(assets.reduce((n, a) => n + state[a.name].rowCount, 0) * BYTES_PER_ROW);
});

test("the seed's three rules are loaded and the stale asset's DatasetFreshness alert is active", async () => {
  const data = await api<{
    groups: Array<{ name: string; file: string; rules: Array<{ name: string; query: string; duration: number }> }>;
  }>('/api/v1/rules');
  expect(data.groups).toHaveLength(1);
  expect(data.groups[0].name).toBe('data_quality');
  expect(data.groups[0].file).toBe(RULES_FILE);
  expect(data.groups[0].rules.map((r) => [r.name, r.duration])).toEqual([
    ['DatasetFreshness', 300],
    ['ValidationFailure', 60],
    ['AssetErrorRate', 300],
  ]);

  // `for: 5m` cannot elapse in a test: "pending" proves the expression matched; "firing" would need 5 min.
  type Alert = { labels: Record<string, string>; annotations: Record<string, string>; state: string };
  let alerts: Alert[] = [];
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    alerts = (await api<{ alerts: Alert[] }>('/api/v1/alerts')).alerts;
    if (
      alerts.some((a) => a.labels.alertname === 'DatasetFreshness') &&
      alerts.some((a) => a.labels.alertname === 'ValidationFailure') &&
      alerts.some((a) => a.labels.alertname === 'AssetErrorRate')
    ) {
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const freshness = alerts.filter((a) => a.labels.alertname === 'DatasetFreshness');
  expect(freshness.map((a) => a.labels.asset_name)).toEqual([STALE]);
  expect(['pending', 'firing']).toContain(freshness[0].state);
  // Annotations read as words (humanizeDuration, humanize), not raw floats like 5.0377013889286255h.
  expect(freshness[0].annotations.description).toMatch(new RegExp(`^${STALE} not updated for \\d+h \\d+m [\\d.]+s$`));
  const validation = alerts.filter((a) => a.labels.alertname === 'ValidationFailure');
  expect(validation.map((a) => [a.labels.asset_name, a.labels.check_name])).toEqual([[DIP.asset, DIP.check]]);
  expect(validation[0].annotations.description).toBe(`Pass rate: ${DIP.passRate}%`);
  // The failing asset fails every run: failures/executions = 1 > 0.1 (others may fail at random too).
  expect(alerts.filter((a) => a.labels.alertname === 'AssetErrorRate').map((a) => a.labels.asset_name)).toContain(
    FAILING
  );
});
