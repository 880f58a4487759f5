import { act, renderHook } from '@testing-library/react';
import { dateTime } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { LocationServiceRouter } from '../testing/testUtils';
import { useUrlTimeRange } from './useUrlTimeRange';

// Runs on Grafana's real locationService (a memory history under test).
const wrapper = ({ children }: { children: React.ReactNode }) => (
  <LocationServiceRouter>{children}</LocationServiceRouter>
);

describe('useUrlTimeRange', () => {
  beforeEach(() => locationService.push('/a/cascade-pipeline-app/overview'));

  it('defaults to the last 6 hours and reads from/to from the URL', () => {
    const { result } = renderHook(() => useUrlTimeRange(), { wrapper });
    expect(result.current.range.raw).toEqual({ from: 'now-6h', to: 'now' });
    act(() => locationService.partial({ from: '1000', to: '2000' }));
    expect(result.current.range.from.valueOf()).toBe(1000);
    expect(result.current.range.to.valueOf()).toBe(2000);
  });

  it('writes relative and absolute ranges to the URL', () => {
    const { result } = renderHook(() => useUrlTimeRange(), { wrapper });
    act(() =>
      result.current.setRange({ from: dateTime(5000), to: dateTime(9000), raw: { from: 'now-1h', to: 'now' } })
    );
    expect(locationService.getSearchObject()).toMatchObject({ from: 'now-1h', to: 'now' });
    act(() =>
      result.current.setRange({
        from: dateTime(5000),
        to: dateTime(9000),
        raw: { from: dateTime(5000), to: dateTime(9000) },
      })
    );
    expect(locationService.getSearchObject()).toMatchObject({ from: '5000', to: '9000' });
  });

  it('keeps the same range object when other URL parameters change, and re-evaluates now on refresh', () => {
    const { result } = renderHook(() => useUrlTimeRange(), { wrapper });
    const first = result.current.range;
    act(() => locationService.partial({ q: 'glucose' }));
    expect(result.current.range).toBe(first);
    act(() => result.current.refresh());
    expect(result.current.range).not.toBe(first);
    expect(result.current.refreshKey).toBe(1);
  });
});
