import { useEffect, useMemo, useState } from 'react';
import {
  CoreApp,
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  TimeRange,
  getDefaultTimeRange,
  rangeUtil,
} from '@grafana/data';
import { from, isObservable, Observable } from 'rxjs';
import { CascadeQuery } from '../datasource/types';
import { CascadeDataSource } from './useCascadeDatasource';

export interface CascadeQueryResult {
  loading: boolean;
  series: DataFrame[];
  errors: DataQueryError[];
}

let requestCounter = 0;

/** A DataQueryRequest as Grafana's panel query runner builds it. */
export function buildRequest(
  targets: CascadeQuery[],
  range: TimeRange,
  maxDataPoints = 500
): DataQueryRequest<CascadeQuery> {
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints);
  return {
    app: CoreApp.PanelEditor,
    requestId: `cascade-app-${++requestCounter}`,
    interval,
    intervalMs,
    maxDataPoints,
    range,
    rangeRaw: range.raw,
    scopedVars: {},
    targets,
    timezone: 'browser',
    startTime: Date.now(),
  };
}

/**
 * Runs Cascade queries through the data source like a panel does: responses are merged by `key`
 * (one per target) so one failing backend leaves the others' frames on the page. Each packet is
 * rendered as it comes: a target's `Streaming` packets (partial frames) are replaced by its next one.
 * Changing the inputs or unmounting unsubscribes, which cancels in-flight requests.
 */
export function useCascadeQuery(
  ds: CascadeDataSource | undefined,
  queries: CascadeQuery[],
  range: TimeRange = getDefaultTimeRange(),
  refreshKey = 0,
  /** Points per series, as a panel's width would set it; long baselines need only a few. */
  maxDataPoints = 500
): CascadeQueryResult {
  const queriesKey = JSON.stringify(queries);
  const stableQueries = useMemo(() => JSON.parse(queriesKey) as CascadeQuery[], [queriesKey]);
  const rangeKey = `${range.from.valueOf()}-${range.to.valueOf()}`;
  const requestKey = `${queriesKey}|${rangeKey}|${refreshKey}|${maxDataPoints}`;
  // Results are tagged with the request they answer, so a new request reads as loading at once.
  const [result, setResult] = useState<CascadeQueryResult & { key?: string }>({
    loading: true,
    series: [],
    errors: [],
  });

  useEffect(() => {
    if (!ds) {
      return;
    }
    const packets = new Map<string, DataQueryResponse>();
    const publish = (loading: boolean) => {
      const all = Array.from(packets.values());
      setResult({
        key: requestKey,
        loading,
        series: all.flatMap((p) => p.data ?? []),
        errors: all.flatMap((p) => (p.errors?.length ? p.errors : p.error ? [p.error] : [])),
      });
    };
    const out = ds.query(buildRequest(stableQueries, range, maxDataPoints));
    const stream: Observable<DataQueryResponse> = isObservable(out) ? out : from(out as Promise<DataQueryResponse>);
    const sub = stream.subscribe({
      next: (packet) => {
        packets.set(packet.key ?? `packet-${packets.size}`, packet);
        // Other handlers may still be running: the request is loading until the merged stream completes.
        publish(true);
      },
      error: (err) => {
        packets.set('error', { data: [], errors: [{ message: err?.message ?? String(err) }] });
        publish(false);
      },
      complete: () => publish(false),
    });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ds, stableQueries, rangeKey, refreshKey, maxDataPoints]);

  const stale = result.key !== requestKey;
  return { loading: stale || result.loading, series: stale ? [] : result.series, errors: stale ? [] : result.errors };
}
