/**
 * What Grafana does with a dashboard's data source annotations (its core's annotation runner, which
 * the sandbox does not have): prepareAnnotation → prepareQuery → the data source's query() over the
 * dashboard's range → processEvents (Grafana's own frame mapping when the data source has none).
 */
import {
  AnnotationEvent,
  AnnotationQuery,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  dateMath,
  DataQuery,
  TimeRange,
} from '@grafana/data';
import { from, lastValueFrom, toArray } from 'rxjs';

/** A dashboard's range (`now-7d` … `now`) as Grafana's time service resolves it. */
export function resolveRange(from: string, to: string): TimeRange {
  const f = dateMath.toDateTime(from, {})!;
  const t = dateMath.toDateTime(to, { roundUp: true })!;
  return { from: f, to: t, raw: { from, to } };
}

/** Runs one stored annotation through the data source's annotation support; rejects with the query's errors. */
export async function runAnnotation(
  ds: DataSourceApi,
  stored: AnnotationQuery,
  range: TimeRange
): Promise<AnnotationEvent[]> {
  const support = ds.annotations;
  if (!support?.processEvents) {
    throw new Error(`${ds.name} has no annotation support the sandbox can run (processEvents)`);
  }
  const anno = support.prepareAnnotation ? support.prepareAnnotation(stored) : stored;
  const query = support.prepareQuery ? support.prepareQuery(anno) : (anno.target as DataQuery | undefined);
  if (!query) {
    return [];
  }
  const request = {
    requestId: `annotation-${stored.name}`,
    interval: '1m',
    intervalMs: 60_000,
    range,
    rangeRaw: range.raw,
    scopedVars: {},
    targets: [query],
    timezone: 'browser',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest;
  // query() may answer with a Promise or an Observable of packets, as Grafana allows.
  const packets: DataQueryResponse[] = await lastValueFrom(from(ds.query(request)).pipe(toArray()));
  const errors = packets.flatMap((p) => p.errors ?? (p.error ? [p.error] : [])).map((e) => e.message ?? 'query error');
  if (errors.length) {
    throw new Error(errors.join('; '));
  }
  const events = await lastValueFrom(
    support.processEvents(
      anno,
      packets.flatMap((p) => p.data)
    )
  );
  return events ?? [];
}
