import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { TimeRange, rangeUtil, RawTimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';

const DEFAULT_RAW: RawTimeRange = { from: 'now-6h', to: 'now' };

/**
 * The page's time range, kept in the URL (`from`/`to`, as Grafana dashboards do) so deep links
 * reproduce the view. `refresh()` re-evaluates relative ranges and bumps `refreshKey`.
 */
export function useUrlTimeRange(defaultRaw: RawTimeRange = DEFAULT_RAW) {
  const { search } = useLocation();
  const [refreshKey, setRefreshKey] = useState(0);
  const raw = useMemo<RawTimeRange>(() => {
    const params = new URLSearchParams(search);
    return { from: params.get('from') ?? (defaultRaw.from as string), to: params.get('to') ?? (defaultRaw.to as string) };
  }, [search, defaultRaw.from, defaultRaw.to]);
  // refreshKey is a dependency on purpose: "now" moves on each refresh.
  const range: TimeRange = useMemo(() => rangeUtil.convertRawToRange(raw), [raw, refreshKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const setRange = useCallback((next: TimeRange) => {
    const toParam = (v: RawTimeRange['from']) => (typeof v === 'string' ? v : String(v.valueOf()));
    locationService.partial({ from: toParam(next.raw.from), to: toParam(next.raw.to) });
  }, []);
  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  return { range, setRange, refresh, refreshKey };
}
