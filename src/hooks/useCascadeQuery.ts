import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  CoreApp,
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  LoadingState,
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
  /**
   * Whether one target is still loading: until its last packet, or with `partial` only until its first
   * (a `Streaming` packet, e.g. health's statuses before its p95/p99), so a section shows as soon as its data is in.
   */
  loadingOf: (refId: string, partial?: boolean) => boolean;
}

/** The refId of a response key `${refId}:${queryType}`. */
const refIdOf = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf(':')));

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
  const [result, setResult] = useState<
    Omit<CascadeQueryResult, 'loadingOf'> & { key?: string; arrived: string[]; done: string[] }
  >({
    loading: true,
    series: [],
    errors: [],
    arrived: [],
    done: [],
  });

  useEffect(() => {
    if (!ds) {
      return;
    }
    const packets = new Map<string, DataQueryResponse>();
    const publish = (loading: boolean) => {
      const all = Array.from(packets.values());
      const keys = Array.from(packets.keys());
      setResult({
        key: requestKey,
        loading,
        series: all.flatMap((p) => p.data ?? []),
        errors: all.flatMap((p) => (p.errors?.length ? p.errors : p.error ? [p.error] : [])),
        arrived: keys.map(refIdOf),
        done: keys.filter((k) => packets.get(k)?.state !== LoadingState.Streaming).map(refIdOf),
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
  const loading = stale || result.loading;
  const { arrived, done } = result;
  const loadingOf = useCallback(
    (refId: string, partial = false) => loading && !(partial ? arrived : done).includes(refId),
    [loading, arrived, done]
  );
  return { loading, series: stale ? [] : result.series, errors: stale ? [] : result.errors, loadingOf };
}
