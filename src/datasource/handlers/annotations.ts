import { map, merge, of } from 'rxjs';
import { parseErrorToQueryError } from '../../backends/client';
import { annotationRangeQuery, annotationStep } from '../../backends/prometheus/annotationQueries';
import { warningNotice } from '../../frames/frameKit';
import { annotationsToFrame } from '../../frames/annotationsFrame';
import { annotationEvents } from '../../join/annotationEvents';
import { ANNOTATION_KINDS, AnnotationKind, resolveRules } from '../../model';
import { CascadeQuery } from '../types';
import { backendUid, QueryHandler, rangeOf, respond } from './context';

/** Most events one annotations query returns (the newest are kept, with a notice). */
export const MAX_ANNOTATIONS = 2000;

/** The query's kinds, known ones only; none chosen = all three. */
export function annotationKindsOf(q: Pick<CascadeQuery, 'annotationKinds'>): AnnotationKind[] {
  const chosen = ANNOTATION_KINDS.filter((k) => q.annotationKinds?.includes(k));
  return chosen.length ? chosen : [...ANNOTATION_KINDS];
}

/**
 * `annotations`: failed runs, SLA breaches (the health rules' SLA per asset) and alert spells of the
 * chosen assets over the range, as the `annotations` frame. One Prometheus range query per target,
 * whatever the number of assets.
 */
export const annotationsHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) => {
      const { uid, error } = backendUid(ctx, 'prometheus');
      if (!uid) {
        return of(respond(t, [], [error!]));
      }
      const r = rangeOf(request.range);
      const kinds = annotationKindsOf(t);
      const step = annotationStep(r.seconds, ctx.settings.scrapeIntervalSeconds);
      // Steps end at the range's end, so the last one sees the latest state (what is still open).
      const stepMs = step * 1000;
      const endMs = Math.round(r.toMs);
      const startMs = endMs - Math.floor((endMs - r.fromMs) / stepMs) * stepMs;
      const params = {
        query: annotationRangeQuery(ctx.settings.mapping, t.assets, kinds),
        start: String(startMs / 1000),
        end: String(endMs / 1000),
        step: String(step),
      };
      return ctx.client.get({ backend: 'prometheus', uid, path: '/api/v1/query_range', params }, t.refId).pipe(
        map((res) => {
          if (!res.ok) {
            return respond(t, [], [res.error]);
          }
          const rules = resolveRules(ctx.settings.rules, t.rules);
          const window = { fromMs: startMs, toMs: endMs, stepMs };
          const out = annotationEvents(res.body, ctx.settings.mapping, kinds, rules, window);
          if (out.errors.length) {
            return respond(
              t,
              [],
              out.errors.map((e) => parseErrorToQueryError('prometheus', e, t.refId))
            );
          }
          const dropped = out.events.length - MAX_ANNOTATIONS;
          const notices =
            dropped > 0
              ? [warningNotice(`${dropped} older events left out: only the newest ${MAX_ANNOTATIONS} are shown`)]
              : [];
          const events = dropped > 0 ? out.events.slice(dropped) : out.events;
          return respond(t, [annotationsToFrame(events, t.refId, ctx.links, notices)]);
        })
      );
    })
  );
