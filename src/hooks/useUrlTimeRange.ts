import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { dateTime, DateTime, TimeRange, rangeUtil, RawTimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';

const DEFAULT_RAW: RawTimeRange = { from: 'now-6h', to: 'now' };

// Absolute times are epoch milliseconds in the URL, as in Grafana dashboards; the rest is date math.
const fromUrl = (v: string): string | DateTime => (/^\d+$/.test(v) ? dateTime(Number(v)) : v);

/**
 * The page's time range, kept in the URL (`from`/`to`, as Grafana dashboards do) so deep links
 * reproduce the view. `refresh()` re-evaluates relative ranges and bumps `refreshKey`.
 */
export function useUrlTimeRange(defaultRaw: RawTimeRange = DEFAULT_RAW) {
  const { search } = useLocation();
  const [refreshKey, setRefreshKey] = useState(0);
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? (defaultRaw.from as string);
  const to = params.get('to') ?? (defaultRaw.to as string);
  // Keyed on from/to only: changing a page filter must not re-evaluate "now" and re-run every query.
  const raw = useMemo<RawTimeRange>(() => ({ from: fromUrl(from), to: fromUrl(to) }), [from, to]);
  // refreshKey is a dependency on purpose: "now" moves on each refresh.
  const range: TimeRange = useMemo(() => rangeUtil.convertRawToRange(raw), [raw, refreshKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const setRange = useCallback((next: TimeRange) => {
    const toParam = (v: RawTimeRange['from']) => (typeof v === 'string' ? v : String(v.valueOf()));
    locationService.partial({ from: toParam(next.raw.from), to: toParam(next.raw.to) });
  }, []);
  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  return { range, setRange, refresh, refreshKey };
}
