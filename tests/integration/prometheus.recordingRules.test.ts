/**
 * Cascade's recording rules (prometheus/rules/cascade-recording.yml) checked by the real promtool:
 * the file is valid, every rule follows the `level:metric:operations` naming, its unit tests
 * (prometheus/tests/cascade-recording.test.yml: exact window deltas, young series, resets, buckets
 * by asset and le) pass, and every Prometheus that Cascade starts or ships loads it.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { RECORDING_RULES_FILE, RULES_FILE, prometheusConfig } from '../../demo/src/prometheus';

const ROOT = path.resolve(__dirname, '..', '..');
const RULES = path.join(ROOT, 'prometheus', 'rules', 'cascade-recording.yml');
const UNIT_TESTS = path.join(ROOT, 'prometheus', 'tests', 'cascade-recording.test.yml');

const promtool = (...args: string[]) => execFileSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });

interface RecordingRule {
  record: string;
  expr: string;
}
const groups: Array<{ name: string; rules: RecordingRule[] }> = parse(fs.readFileSync(RULES, 'utf8')).groups;

test('promtool check rules accepts the file', () => {
  expect(promtool('check', 'rules', RULES)).toMatch(/SUCCESS: 15 rules found/);
});

test('promtool test rules: the unit tests pass', () => {
  expect(promtool('test', 'rules', UNIT_TESTS)).toMatch(/SUCCESS/);
});

test('a wrong expectation fails the unit tests (they can fail)', () => {
  const broken = path.join(path.dirname(UNIT_TESTS), `.broken-${process.pid}.test.yml`);
  fs.writeFileSync(broken, fs.readFileSync(UNIT_TESTS, 'utf8').replace('value: 49', 'value: 50'));
  try {
    expect(() => promtool('test', 'rules', broken)).toThrow(/FAILED/);
  } finally {
    fs.rmSync(broken, { force: true });
  }
});

test('one group per window, each with the five aggregates, named level:metric:operations', () => {
  expect(groups.map((g) => g.name)).toEqual(['cascade_asset_1h', 'cascade_asset_6h', 'cascade_asset_24h']);
  for (const g of groups) {
    const w = g.name.replace('cascade_asset_', '');
    expect(g.rules.map((r) => r.record)).toEqual([
      `asset_name:asset_executions_total:increase${w}`,
      `asset_name:asset_execution_failures_total:increase${w}`,
      `asset_name:asset_execution_seconds_sum:increase${w}`,
      `asset_name:asset_execution_seconds_count:increase${w}`,
      `asset_name_le:asset_execution_seconds_bucket:increase${w}`,
    ]);
    for (const r of g.rules) {
      const [level, metric, op] = r.record.split(':');
      // The level lists the labels the expression keeps; the expression reads the metric of the name.
      const kept = level === 'asset_name_le' ? 'asset_name, le' : level;
      expect(r.expr).toContain(`sum by (${kept}) `);
      expect(r.expr).toContain(`${metric} offset ${op.replace('increase', '')}`);
    }
  }
});

test('the sandbox / bench Prometheus and docker compose load the recording rules next to the alert rules', () => {
  expect(RECORDING_RULES_FILE).toBe(RULES);
  expect(prometheusConfig({ targets: ['x:1'], rulesFiles: [RULES_FILE, RECORDING_RULES_FILE] })).toContain(
    JSON.stringify(RULES)
  );
  const compose = parse(fs.readFileSync(path.join(ROOT, 'prometheus', 'prometheus.yml'), 'utf8'));
  expect(compose.rule_files).toContain('/etc/prometheus/rules/cascade-recording.yml');
  const sandboxStack = fs.readFileSync(path.join(ROOT, 'sandbox', 'server', 'stack.ts'), 'utf8');
  expect(sandboxStack).toMatch(/rulesFiles: \[RULES_FILE, RECORDING_RULES_FILE\]/);
});
