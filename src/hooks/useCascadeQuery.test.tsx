import { act, renderHook } from '@testing-library/react';
import { createDataFrame, dateTime, LoadingState } from '@grafana/data';
import { Subject } from 'rxjs';
import { FakeCascadeDataSource } from '../testing/testUtils';
import { CascadeQuery } from '../datasource/types';
import { useCascadeQuery } from './useCascadeQuery';

const range = { from: dateTime(0), to: dateTime(3600e3), raw: { from: 'now-1h', to: 'now' } };
const frame = (refId: string) => createDataFrame({ refId, fields: [] });

describe('useCascadeQuery', () => {
  it('merges packets by key, keeps one backend failure next to the others, and finishes loading', () => {
    const logs = new Subject<any>();
    const ds = new FakeCascadeDataSource({
      health: (q) => [frame(q.refId)],
      logs: () => logs,
    });
    const queries: CascadeQuery[] = [
      { refId: 'h', queryType: 'health' },
      { refId: 'l', queryType: 'logs' },
    ];
    const { result } = renderHook(() => useCascadeQuery(ds, queries, range, 0, 123));
    expect(result.current.series.map((f) => f.refId)).toEqual(['h']);
    expect(result.current.loading).toBe(true);
    act(() =>
      logs.next({
        key: 'l:logs',
        state: LoadingState.Done,
        data: [],
        errors: [{ message: 'Loki: down', backend: 'loki' }],
      })
    );
    act(() => logs.complete());
    expect(result.current.loading).toBe(false);
    expect(result.current.series.map((f) => f.refId)).toEqual(['h']);
    expect(result.current.errors).toEqual([{ message: 'Loki: down', backend: 'loki' }]);
    expect(ds.requests[0].maxDataPoints).toBe(123);
  });

  it('renders each Streaming packet: a later packet under the same key replaces the earlier one, loading until Done', () => {
    const health = new Subject<any>();
    const ds = new FakeCascadeDataSource({ health: () => health });
    const { result } = renderHook(() => useCascadeQuery(ds, [{ refId: 'h', queryType: 'health' }], range));
    const packet = (state: LoadingState, name: string, errors?: any[]) => ({
      key: 'h:health',
      state,
      data: [createDataFrame({ refId: 'h', name, fields: [] })],
      errors,
    });
    act(() => health.next(packet(LoadingState.Streaming, 'partial', [{ message: 'Loki: down', backend: 'loki' }])));
    expect(result.current.series.map((f) => f.name)).toEqual(['partial']);
    expect(result.current.errors).toEqual([{ message: 'Loki: down', backend: 'loki' }]);
    expect(result.current.loading).toBe(true);
    act(() => health.next(packet(LoadingState.Done, 'complete', [{ message: 'Loki: down', backend: 'loki' }])));
    act(() => health.complete());
    expect(result.current.series.map((f) => f.name)).toEqual(['complete']);
    expect(result.current.errors).toHaveLength(1);
    expect(result.current.loading).toBe(false);
  });

  it('says per target whether it is still loading: until its first packet (partial) or its last', () => {
    const health = new Subject<any>();
    const logs = new Subject<any>();
    const ds = new FakeCascadeDataSource({ health: () => health, logs: () => logs });
    const queries: CascadeQuery[] = [
      { refId: 'h', queryType: 'health' },
      { refId: 'l', queryType: 'logs' },
    ];
    const { result } = renderHook(() => useCascadeQuery(ds, queries, range));
    const packet = (key: string, state: LoadingState) => ({ key, state, data: [frame(key.split(':')[0])] });
    expect([result.current.loadingOf('h', true), result.current.loadingOf('h')]).toEqual([true, true]);
    act(() => health.next(packet('h:health', LoadingState.Streaming)));
    expect([result.current.loadingOf('h', true), result.current.loadingOf('h')]).toEqual([false, true]);
    expect(result.current.loadingOf('l', true)).toBe(true);
    act(() => health.next(packet('h:health', LoadingState.Done)));
    act(() => health.complete());
    expect(result.current.loadingOf('h')).toBe(false);
    expect([result.current.loading, result.current.loadingOf('l')]).toEqual([true, true]);
    act(() => logs.next(packet('l:logs', LoadingState.Done)));
    act(() => logs.complete());
    expect([result.current.loading, result.current.loadingOf('l')]).toEqual([false, false]);
  });

  it('cancels the previous request when the inputs change and on unmount', () => {
    const streams: Array<Subject<any>> = [];
    const ds = new FakeCascadeDataSource({
      health: () => {
        const s = new Subject<any>();
        streams.push(s);
        return s;
      },
    });
    const { result, rerender, unmount } = renderHook(
      ({ key }) => useCascadeQuery(ds, [{ refId: 'h', queryType: 'health' }], range, key),
      { initialProps: { key: 0 } }
    );
    expect(streams[0].observed).toBe(true);
    rerender({ key: 1 });
    expect(streams[0].observed).toBe(false);
    expect(streams[1].observed).toBe(true);
    expect(result.current.loading).toBe(true);
    unmount();
    expect(streams[1].observed).toBe(false);
  });

  it('reads stale results as loading with no data until the new request answers', () => {
    const ds = new FakeCascadeDataSource({ health: (q) => [frame(q.refId)] });
    const { result, rerender } = renderHook(
      ({ refId }) => useCascadeQuery(ds, [{ refId, queryType: 'health' }], range),
      { initialProps: { refId: 'a' } }
    );
    expect(result.current.series.map((f) => f.refId)).toEqual(['a']);
    rerender({ refId: 'b' });
    expect(result.current.series.map((f) => f.refId)).toEqual(['b']);
  });

  it('does nothing without a data source', () => {
    const { result } = renderHook(() => useCascadeQuery(undefined, [{ refId: 'h', queryType: 'health' }], range));
    expect(result.current).toEqual({ loading: true, series: [], errors: [], loadingOf: expect.any(Function) });
    expect(result.current.loadingOf('h')).toBe(true);
  });
});
