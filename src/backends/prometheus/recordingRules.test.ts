import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { resolveMapping } from '../../model';
import { healthPromKeys, HEALTH_PROM_KEYS } from './promql';
import {
  recordedHealthQueries,
  recordedNames,
  recordedWindow,
  recordedWindowsFrom,
  recordingRulesProbeQuery,
  RECORDED_WINDOWS,
} from './recordingRules';

const m = resolveMapping(undefined);
const RULES_FILE = path.resolve(__dirname, '../../../prometheus/rules/cascade-recording.yml');

const vector = (names: string[]) => ({
  status: 'success',
  data: { resultType: 'vector', result: names.map((n) => ({ metric: { __name__: n }, value: [1, '10'] })) },
});

describe('recording rules, data source side', () => {
  it('uses a recorded window only for exactly that range', () => {
    expect(recordedWindow(3600)).toBe('1h');
    expect(recordedWindow(21600.4)).toBe('6h');
    expect(recordedWindow(86400)).toBe('24h');
    expect(recordedWindow(7200)).toBeUndefined();
    expect(recordedWindow(3599)).toBeUndefined();
  });

  it('reads exactly the series the shipped rules file records', () => {
    const file = parse(fs.readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ rules: Array<{ record: string }> }> };
    const recorded = file.groups.flatMap((g) => g.rules.map((r) => r.record)).sort();
    const read = [...RECORDED_WINDOWS.values()].flatMap((w) => Object.values(recordedNames(m, w))).sort();
    expect(read).toEqual(recorded);
  });

  it('builds the health aggregates from the recorded series, narrowed to the assets asked for', () => {
    const q = recordedHealthQueries(m, ['a"b'], '6h');
    expect(q.runs).toBe('asset_name:asset_executions_total:increase6h{asset_name="a\\"b"}');
    expect(q.avgDuration).toBe(
      'asset_name:asset_execution_seconds_sum:increase6h{asset_name="a\\"b"} / asset_name:asset_execution_seconds_count:increase6h{asset_name="a\\"b"}'
    );
    expect(q.p99Duration).toBe(
      'histogram_quantile(0.99, asset_name_le:asset_execution_seconds_bucket:increase6h{asset_name="a\\"b"})'
    );
    expect(recordedHealthQueries(m, [], '1h').failures).toBe('asset_name:asset_execution_failures_total:increase1h');
  });

  it('follows a custom asset label and metric names', () => {
    const custom = resolveMapping({ assetLabel: 'dataset', metrics: { executionsTotal: 'runs_total' } as any });
    expect(recordedNames(custom, '1h').runs).toBe('dataset:runs_total:increase1h');
    expect(recordedNames(custom, '1h').buckets).toBe('dataset_le:asset_execution_seconds_bucket:increase1h');
  });

  it('probes every window with one query and reads which windows are there', () => {
    expect(recordingRulesProbeQuery(m)).toBe(
      'count by (__name__) ({__name__=~"asset_name:asset_executions_total:increase1h|asset_name:asset_executions_total:increase6h|asset_name:asset_executions_total:increase24h"})'
    );
    expect([...recordedWindowsFrom(vector(['asset_name:asset_executions_total:increase6h']), m)]).toEqual(['6h']);
    expect(recordedWindowsFrom(vector([]), m).size).toBe(0);
    expect(recordedWindowsFrom({ status: 'error', error: 'x' }, m).size).toBe(0);
    expect(recordedWindowsFrom('not json', m).size).toBe(0);
  });

  it('leaves out the quantiles a query does not ask for', () => {
    expect(healthPromKeys()).toEqual(HEALTH_PROM_KEYS);
    expect(healthPromKeys(['p95'])).toEqual(HEALTH_PROM_KEYS.filter((k) => k !== 'p99Duration'));
    expect(healthPromKeys([])).toEqual(HEALTH_PROM_KEYS.filter((k) => k !== 'p95Duration' && k !== 'p99Duration'));
  });
});
