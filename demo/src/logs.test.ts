import { defaultAssets } from './assets';
import { runLogRecords, toNs } from './logs';
import { assetProfile, planRun } from './simulator';

test('toNs is exact, including at the rounding edge of a millisecond', () => {
  expect(toNs(1700000000000)).toBe('1700000000000000000');
  expect(toNs(1700000000123.4567)).toBe('1700000000123457000');
  expect(toNs(1700000000123.9996)).toBe('1700000000124000000');
  expect(toNs(1700000000123.9996)).toHaveLength(19);
});

test('log records carry the trace id, their span id and the seed fields; failures are errors', () => {
  const [dlt] = defaultAssets();
  const ids = { traceId: 'a'.repeat(32), spanIds: {} as Record<string, string>, startMs: 1700000000000 };
  const ok = planRun(dlt, 0, { seed: 1, intervalMs: 1, failureRate: 0 }, assetProfile(dlt, 1));
  ok.spans.forEach((s, i) => (ids.spanIds[s.name] = String(i).padStart(16, '0')));
  const lines = runLogRecords(dlt, ok, ids, 'run-1').map((l) => l.record);
  expect(lines.map((l) => l.event)).toEqual([
    'asset_started',
    'api_fetch_success',
    'validation_complete',
    'merge_complete',
    'asset_succeeded',
  ]);
  for (const l of lines) {
    expect(l).toMatchObject({ asset_name: dlt.name, trace_id: ids.traceId, run_id: 'run-1', level: 'info' });
    expect(typeof l.timestamp).toBe('string');
  }
  expect(lines[2]).toMatchObject({
    span_id: ids.spanIds.pandera_validation,
    total_rows: ok.rows.fetched,
    valid_rows: ok.rows.valid,
  });
  expect(lines[3]).toMatchObject({
    span_id: ids.spanIds.iceberg_merge,
    inserts: ok.rows.inserts,
    updates: ok.rows.updates,
  });

  const bad = planRun(dlt, 0, { seed: 1, intervalMs: 1, failureRate: 0, failingAsset: dlt.name }, assetProfile(dlt, 1));
  const failed = runLogRecords(dlt, bad, ids, 'run-2').map((l) => l.record);
  const last = failed[failed.length - 1];
  expect(last).toMatchObject({
    event: 'asset_failed',
    level: 'error',
    error_type: bad.errorType,
    error_message: bad.errorMessage,
    span_id: ids.spanIds[bad.failedPhase!],
  });
});
