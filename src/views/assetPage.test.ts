import { AssetHealth, TraceSummary } from '../model';
import { filterAssets, normalizeLevel, renameSeries, runSummary, sortTraces } from './assetPage';
import { metricsToFrames } from '../frames/signalFrames';

const row = (runs?: number, failures?: number): AssetHealth => ({
  asset: 'a',
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  runs,
  failures,
});

describe('runSummary', () => {
  it('derives successes and rates', () => {
    expect(runSummary(row(288, 3))).toEqual({
      runs: 288,
      successes: 285,
      failures: 3,
      successRate: 285 / 288,
      failureRate: 3 / 288,
    });
  });
  it('treats missing failures as none and clamps impossible counts', () => {
    expect(runSummary(row(10))).toMatchObject({ successes: 10, failures: 0 });
    expect(runSummary(row(2, 5))).toMatchObject({ successes: 0, failures: 2 });
  });
  it('has no rates without runs', () => {
    expect(runSummary(row(0, 0))).toMatchObject({ runs: 0, successRate: undefined });
    expect(runSummary(undefined)).toEqual({});
  });
});

describe('sortTraces', () => {
  const t = (traceID: string, start: number, errors = 0, status: TraceSummary['status'] = 'ok'): TraceSummary => ({
    traceID,
    start,
    duration: 1,
    spans: 1,
    errors,
    status,
  });
  it('puts failed traces first, then the newest', () => {
    expect(
      sortTraces([t('old', 1), t('new', 3), t('err', 2, 1, 'error'), t('errOld', 0, 0, 'error')]).map((x) => x.traceID)
    ).toEqual(['err', 'errOld', 'new', 'old']);
  });
});

describe('normalizeLevel', () => {
  it('maps common spellings', () => {
    expect(
      ['ERROR', 'err', 'critical', 'Warn', 'warning', 'INFO', 'debug', 'trace', '', undefined].map(normalizeLevel)
    ).toEqual(['error', 'error', 'error', 'warning', 'warning', 'info', 'debug', 'debug', 'unknown', 'unknown']);
  });
});

describe('renameSeries', () => {
  it('names the value field without touching the input', () => {
    const [frame] = metricsToFrames(
      [{ labels: { asset_name: 'a' }, timestamps: [1], values: [2] }],
      'asset_name',
      'check_name',
      'duration',
      'A'
    );
    const [renamed] = renameSeries([frame], 'p95');
    expect(renamed.fields[1].config.displayNameFromDS).toBe('p95');
    expect(frame.fields[1].config.displayNameFromDS).toBe('a');
    expect(renamed.fields[0]).toBe(frame.fields[0]);
  });
});

describe('filterAssets', () => {
  const rows: AssetHealth[] = [
    { ...row(), asset: 'dlt_x', owner: 'ingest', layer: 'bronze', status: 'failing' },
    { ...row(), asset: 'fct_y', owner: 'platform', layer: 'gold', status: 'ok' },
  ];
  it('matches name or owner, status and layer', () => {
    expect(filterAssets(rows, { search: 'PLAT' }).map((r) => r.asset)).toEqual(['fct_y']);
    expect(filterAssets(rows, { statuses: ['failing'] }).map((r) => r.asset)).toEqual(['dlt_x']);
    expect(filterAssets(rows, { layers: ['gold', 'silver'] }).map((r) => r.asset)).toEqual(['fct_y']);
    expect(filterAssets(rows, {})).toHaveLength(2);
  });
});
