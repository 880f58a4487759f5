import { useEffect } from 'react';
import { rangeUtil } from '@grafana/data';

/** Calls `refresh` every `interval` ("30s", "1m"; '' or invalid = off), like a dashboard's auto refresh. */
export function useAutoRefresh(interval: string, refresh: () => void): void {
  useEffect(() => {
    if (!interval || !rangeUtil.isValidTimeSpan(interval)) {
      return;
    }
    const ms = Math.max(rangeUtil.intervalToMs(interval), 1000);
    const id = setInterval(refresh, ms);
    return () => clearInterval(id);
  }, [interval, refresh]);
}
