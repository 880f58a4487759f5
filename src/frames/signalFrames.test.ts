import { LINKS } from '../testing/testPipeline';
import { DataFrameType, FieldType } from '@grafana/data';
import { resolveMapping } from '../model';
import { LOG_FIELDS } from './frameFields';
import { errorMessage, lastErrorByAsset, toLogLines } from '../backends/loki/logLines';
import { parseLokiStreams } from '../backends/loki/parseLoki';
import { parsePromMatrix } from '../backends/prometheus/parsePrometheus';
import {
  alertsFromFrame,
  alertsToFrame,
  logsFromFrame,
  logsToFrame,
  metricsFromFrames,
  metricsToFrames,
  systemFromFrame,
  systemToFrame,
  tracesFromFrame,
  tracesToFrame,
} from './signalFrames';
import { fixtureText } from '../testing/fixtures';

const m = resolveMapping(undefined);
const links = { jaegerUid: 'jaeger', mapping: m, app: LINKS.app };

const line = (tsNs: string, fields: Record<string, unknown>, labels: Record<string, string> = { job: 'dagster' }) =>
  [tsNs, JSON.stringify(fields), labels] as const;

function dagsterLogs() {
  const values = [
    line('1700000000000000003', {
      event: 'asset_failed',
      asset_name: 'fct',
      level: 'error',
      error_type: 'KeyError',
      error_message: 'x',
      trace_id: 't1',
      span_id: 's1',
    }),
    line('1700000000000000002', { event: 'asset_failed', asset_name: 'fct', level: 'error', error_message: 'older' }),
    line('1700000000000000001', { event: 'asset_started', asset_name: 'raw', level: 'info' }),
  ];
  return {
    status: 'success',
    data: { resultType: 'streams', result: [{ stream: { job: 'dagster' }, values: values.map(([t, l]) => [t, l]) }] },
  };
}

describe('logs', () => {
  it('builds a log-lines frame with asset, level and trace ids from JSON lines', () => {
    const parsed = parseLokiStreams(dagsterLogs());
    if (!parsed.ok) {
      throw new Error('fixture');
    }
    const lines = toLogLines(parsed.value.entries, m);
    const frame = logsToFrame(lines, 'L', links, []);
    expect(frame.meta).toMatchObject({ type: DataFrameType.LogLines, preferredVisualisationType: 'logs' });
    expect(frame.fields.map((f) => f.name)).toEqual(Object.values(LOG_FIELDS));
    expect(frame.fields[0].type).toBe(FieldType.time);
    const back = logsFromFrame(frame);
    expect(back[0]).toMatchObject({
      asset: 'fct',
      severity: 'error',
      traceId: 't1',
      spanId: 's1',
      tsNs: '1700000000000000003',
      timestamp: 1700000000000,
    });
    expect(back[2]).toMatchObject({ asset: 'raw', severity: 'info' });
    expect(back[2].traceId).toBeUndefined();
    expect(new Set(back.map((l) => l.id)).size).toBe(3);
    expect(frame.fields.find((f) => f.name === 'traceId')!.config.links?.[0].url).toBe(
      '/a/cascade-pipeline-app/traces/${__value.raw:percentencode}'
    );
    expect(lastErrorByAsset(parsed.value.entries, m).get('fct')).toEqual({ message: 'KeyError: x', at: 1700000000000 });
  });

  it('uses Loki-extracted labels (| json) when present, ids unique for duplicate lines', () => {
    const parsed = parseLokiStreams(fixtureText('loki/query_range_streams_grafana_testdata.json'));
    if (!parsed.ok) {
      throw new Error('fixture');
    }
    const lines = toLogLines(parsed.value.entries, resolveMapping({ lokiAssetField: 'location' }));
    expect(lines[1].asset).toBe('moon🌙');
    expect(lines[1].body).toBe('log line info 2');
    expect(lines[1].id).not.toBe(lines[2].id);
    expect(errorMessage({}, 'raw line')).toBe('raw line');
  });
});

describe('metrics', () => {
  it('one frame per series labelled by asset (and check), display name = asset', () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { asset_name: 'a', check_name: 'range' },
            values: [
              [1, '99'],
              [2, 'NaN'],
            ],
          },
          { metric: { asset_name: 'b' }, values: [[1, '1']] },
        ],
      },
    };
    const parsed = parsePromMatrix(body);
    if (!parsed.ok) {
      throw new Error('fixture');
    }
    const frames = metricsToFrames(parsed.value.series, 'asset_name', 'check_name', 'passRate', 'M');
    expect(frames[0].fields[1].config).toEqual({ displayNameFromDS: 'a · range', unit: 'percent' });
    expect(frames[0].fields[1].labels).toEqual({ asset_name: 'a', check_name: 'range' });
    expect(frames[0].meta?.type).toBe(DataFrameType.TimeSeriesMulti);
    expect(metricsFromFrames(frames)).toEqual([
      { asset: 'a', check: 'range', timestamps: [1000, 2000], values: [99, null] },
      { asset: 'b', check: undefined, timestamps: [1000], values: [1] },
    ]);
  });
});

describe('traces, alerts, system', () => {
  it('round-trip their rows', () => {
    const traces = [
      {
        traceID: 't',
        asset: 'a',
        start: 5,
        duration: 7,
        spans: 3,
        errors: 1,
        status: 'error' as const,
        operation: 'materialize',
      },
    ];
    expect(tracesFromFrame(tracesToFrame(traces, 'T', links))).toEqual(traces);
    const alerts = [
      {
        alertname: 'DatasetFreshness',
        state: 'firing',
        asset: 'a',
        severity: 'warning',
        summary: 's',
        description: 'd',
        activeAt: 9,
        value: 2.5,
        labels: { alertname: 'DatasetFreshness', asset_name: 'a' },
      },
    ];
    expect(alertsFromFrame(alertsToFrame(alerts, 'A', links.app))).toEqual(alerts);
    const sys = {
      diskUsagePercent: 45,
      memoryUsagePercent: 62,
      lakeSizeBytes: 280e9,
      containersHealthy: 7,
      containersTotal: 8,
    };
    const frame = systemToFrame(sys, 'S');
    expect(frame.length).toBe(1);
    expect(systemFromFrame(frame)).toEqual(sys);
  });
});
