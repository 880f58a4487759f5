import { TraceSummary } from '../model';
import { filterTraces, traceAssets, traceStatusFilter } from './traceList';

const trace = (traceID: string, asset: string, status: 'ok' | 'error', start: number, errors = 0): TraceSummary => ({
  traceID,
  asset,
  status,
  start,
  duration: 10,
  spans: 3,
  errors,
});

const traces = [
  trace('a1', 'fct_a', 'ok', 1),
  trace('a2', 'fct_a', 'error', 2, 1),
  trace('b1', 'stg_b', 'ok', 3, 2),
  trace('b2', 'stg_b', 'ok', 4),
];

describe('filterTraces', () => {
  it('keeps one asset', () => {
    expect(filterTraces(traces, { asset: 'fct_a' }).map((t) => t.traceID)).toEqual(['a2', 'a1']);
  });
  it('keeps failed traces (error status or an error span), or only clean ones', () => {
    expect(filterTraces(traces, { status: 'error' }).map((t) => t.traceID)).toEqual(['b1', 'a2']);
    expect(filterTraces(traces, { status: 'ok' }).map((t) => t.traceID)).toEqual(['b2', 'a1']);
    expect(filterTraces(traces, { asset: 'stg_b', status: 'error' }).map((t) => t.traceID)).toEqual(['b1']);
  });
  it('keeps everything without filters, failed first then newest', () => {
    expect(filterTraces(traces, {}).map((t) => t.traceID)).toEqual(['b1', 'a2', 'b2', 'a1']);
  });
});

describe('traceAssets / traceStatusFilter', () => {
  it('lists the assets once, sorted, with the selected one', () => {
    expect(traceAssets(traces)).toEqual(['fct_a', 'stg_b']);
    expect(traceAssets([], 'x')).toEqual(['x']);
  });
  it('reads a status from the URL', () => {
    expect(traceStatusFilter('error')).toBe('error');
    expect(traceStatusFilter('nonsense')).toBe('all');
  });
});
