import { DataQueryRequest, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, merge, Observable } from 'rxjs';
import { CascadeQueryError, resolveRules } from '../../model';
import { diagnose, Diagnosis } from '../../rules/diagnose';
import { resolveVolumeRules } from '../../rules/volumeAnomalies';
import { CascadeQuery } from '../types';
import { forecastToFrame, incidentsToFrame } from '../../frames/incidentsFrame';
import { healthToFrame } from '../../frames/healthFrame';
import { compareTimeToBreach } from '../../rules/freshnessForecast';
import { HandlerContext, QueryHandler, respond } from './context';
import { diagnosisPart } from './diagnosisPart';
import { healthRows } from './health';

export { DIAGNOSIS_EXTRA_REQUESTS } from './diagnosisPart';

/**
 * The health rows diagnosed (root causes, volume anomalies, forecasts, incidents): the health
 * query's requests plus DIAGNOSIS_EXTRA_REQUESTS, whatever the number of assets.
 */
export function diagnosedRows(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>
): Observable<{ diagnosis: Diagnosis; errors: CascadeQueryError[]; notices: QueryResultMetaNotice[] }> {
  return forkJoin([healthRows(ctx, target, request, false), diagnosisPart(ctx, target, request)]).pipe(
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
