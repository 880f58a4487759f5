import { DataQueryRequest } from '@grafana/data';
import { forkJoin, map, Observable, of } from 'rxjs';
import { parseErrorToQueryError } from '../../backends/client';
import {
  diagnosisRangeQuery,
  diagnosisStep,
  VOLUME_BASELINE_OFFSETS,
  volumeWindowQuery,
} from '../../backends/prometheus/diagnosisQueries';
import { diagnosisSignals } from '../../join/diagnosisSignals';
import { CascadeQueryError, DiagnosisSignals } from '../../model';
import { CascadeQuery } from '../types';
import { backendUid, HandlerContext, rangeOf } from './context';

/** Requests the diagnosis adds to the health query's: 1 Prometheus range query + 2 instant queries. */
export const DIAGNOSIS_EXTRA_REQUESTS = 3;

/** The diagnosis signals: one range query over the range and the volume of the same window a day and a week earlier. */
export function diagnosisPart(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>
): Observable<{ signals: Record<string, DiagnosisSignals>; errors: CascadeQueryError[] }> {
  const { uid, error } = backendUid(ctx, 'prometheus');
  if (!uid) {
    return of({ signals: {}, errors: [error!] });
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const assets = target.assets ?? [];
  const step = diagnosisStep(r.seconds, ctx.settings.scrapeIntervalSeconds);
  const endS = r.toMs / 1000;
  const startS = Math.floor(r.fromMs / 1000);
  const range = ctx.client.get(
    {
      backend: 'prometheus',
      uid,
      path: '/api/v1/query_range',
      params: {
        query: diagnosisRangeQuery(m, assets),
        start: String(startS),
        end: String(endS),
        step: String(step),
      },
    },
    target.refId
  );
  const volume = volumeWindowQuery(m, assets, r.seconds);
  const windowAt = (offset: number) =>
    ctx.client.get(
      { backend: 'prometheus', uid, path: '/api/v1/query', params: { query: volume, time: String(endS - offset) } },
      target.refId
    );
  return forkJoin([
    range,
    windowAt(VOLUME_BASELINE_OFFSETS.dayBefore),
    windowAt(VOLUME_BASELINE_OFFSETS.weekBefore),
  ]).pipe(
    map(([rangeRes, dayRes, weekRes]) => {
      const errors = [rangeRes, dayRes, weekRes].flatMap((x) => (x.ok ? [] : [x.error]));
      const body = (x: typeof rangeRes) => (x.ok ? x.body : undefined);
      const bodies = { range: body(rangeRes), dayBefore: body(dayRes), weekBefore: body(weekRes) };
      const parsed = diagnosisSignals(bodies, m, startS * 1000);
      errors.push(...parsed.errors.map((e) => parseErrorToQueryError('prometheus', e, target.refId)));
      return { signals: parsed.signals, errors };
    })
  );
}
