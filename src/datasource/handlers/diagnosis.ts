import { DataQueryRequest, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, merge, Observable, of } from 'rxjs';
import { parseErrorToQueryError } from '../../backends/client';
import {
  diagnosisRangeQuery,
  diagnosisStep,
  VOLUME_BASELINE_OFFSETS,
  volumeWindowQuery,
} from '../../backends/prometheus/diagnosisQueries';
import { diagnosisSignals } from '../../join/diagnosisSignals';
import { CascadeQueryError, DiagnosisSignals, resolveRules } from '../../model';
import { diagnose, Diagnosis } from '../../rules/diagnose';
import { resolveVolumeRules } from '../../rules/volumeAnomalies';
import { CascadeQuery } from '../types';
import { forecastToFrame, incidentsToFrame } from '../../frames/incidentsFrame';
import { healthToFrame } from '../../frames/healthFrame';
import { compareTimeToBreach } from '../../rules/freshnessForecast';
import { backendUid, HandlerContext, QueryHandler, rangeOf, respond } from './context';
import { healthRows } from './health';

/** Requests the diagnosis adds to the health query's: 1 Prometheus range query + 2 instant queries. */
export const DIAGNOSIS_EXTRA_REQUESTS = 3;

/** The diagnosis signals: one range query over the range and the volume of the same window a day and a week earlier. */
function diagnosisPart(
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

/**
 * The health rows diagnosed (root causes, volume anomalies, forecasts, incidents): the health
 * query's requests plus DIAGNOSIS_EXTRA_REQUESTS, whatever the number of assets.
 */
export function diagnosedRows(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>
): Observable<{ diagnosis: Diagnosis; errors: CascadeQueryError[]; notices: QueryResultMetaNotice[] }> {
  return forkJoin([healthRows(ctx, target, request), diagnosisPart(ctx, target, request)]).pipe(
    map(([health, extra]) => {
      const rules = resolveRules(ctx.settings.rules, target.rules);
      const diagnosis = diagnose(health.rows, extra.signals, {
        rules,
        volume: resolveVolumeRules(rules.volume),
        fromMs: request.range.from.valueOf(),
        toMs: request.range.to.valueOf(),
      });
      const notices = [...health.notices];
      for (const cycle of diagnosis.analysis.cycles) {
        notices.push({
          severity: 'warning',
          text: `Dependency cycle: ${cycle.join(' → ')} (its unhealthy members are all roots)`,
        });
      }
      return { diagnosis, errors: [...health.errors, ...extra.errors], notices };
    })
  );
}

/**
 * `incidents`: one row per root cause (`incidents` frame), the freshness forecast (`forecast` frame,
 * soonest SLA breach first) and the diagnosed health rows (`health` frame: volume anomalies applied,
 * rootCauses and isRootCause), from the health requests + DIAGNOSIS_EXTRA_REQUESTS.
 */
export const incidentsHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) =>
      diagnosedRows(ctx, t, request).pipe(
        map(({ diagnosis, errors, notices }) =>
          respond(
            t,
            [
              incidentsToFrame(diagnosis.incidents, t.refId, ctx.links, notices),
              forecastToFrame([...diagnosis.forecasts].sort(compareTimeToBreach), t.refId, ctx.links),
              healthToFrame(diagnosis.rows, t.refId, ctx.links),
            ],
            errors
          )
        )
      )
    )
  );
