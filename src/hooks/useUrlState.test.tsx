import { act, renderHook } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { LocationServiceRouter } from '../testing/testUtils';
import { useUrlList, useUrlState } from './useUrlState';

const wrapper = ({ children }: { children: React.ReactNode }) => (
  <LocationServiceRouter>{children}</LocationServiceRouter>
);

describe('useUrlState', () => {
  beforeEach(() => locationService.push('/a/cascade-pipeline-app/assets?from=now-1h'));

  it('reads, writes and removes a parameter without adding history entries', () => {
    const { result } = renderHook(() => useUrlState('status', 'all'), { wrapper });
    expect(result.current[0]).toBe('all');
    const length = locationService.getHistory().length;
    act(() => result.current[1]('failing'));
    expect(result.current[0]).toBe('failing');
    expect(locationService.getLocation().search).toBe('?from=now-1h&status=failing');
    act(() => result.current[1]('all'));
    expect(locationService.getLocation().search).toBe('?from=now-1h');
    expect(locationService.getHistory().length).toBe(length);
  });

  it('keeps lists comma-separated', () => {
    const { result } = renderHook(() => useUrlList('layer'), { wrapper });
    act(() => result.current[1](['bronze', 'gold']));
    expect(result.current[0]).toEqual(['bronze', 'gold']);
    expect(locationService.getSearchObject().layer).toBe('bronze,gold');
    act(() => result.current[1]([]));
    expect(result.current[0]).toEqual([]);
  });
});
