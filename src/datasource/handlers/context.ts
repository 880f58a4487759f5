import { DataFrame, DataQueryRequest, DataQueryResponse, LoadingState, TimeRange } from '@grafana/data';
import { Observable, of } from 'rxjs';
import { BackendClient, BACKEND_LABEL, dedupeErrors } from '../../backends/client';
import { ResolvedSettings } from '../settings';
import { LinkTargets } from '../../frames/healthFrame';
import { Backend, CascadeQueryError } from '../../model';
import { CascadeQuery } from '../types';

/** What every query-type handler gets: the transport, resolved settings and link targets. */
export interface HandlerContext {
  client: BackendClient;
  settings: ResolvedSettings;
  links: LinkTargets;
}

/** A handler answers all targets of one query type; it emits one response per target and never errors. */
export type QueryHandler = (
  ctx: HandlerContext,
  targets: CascadeQuery[],
  request: DataQueryRequest<CascadeQuery>
) => Observable<DataQueryResponse>;

/** The final response of one target: keyed `${refId}:${queryType}` so Grafana merges packets per target. */
export function respond(target: CascadeQuery, data: DataFrame[], errors: CascadeQueryError[] = []): DataQueryResponse {
  const deduped = dedupeErrors(errors.map((e) => ({ ...e, refId: target.refId })));
  const response: DataQueryResponse = { key: `${target.refId}:${target.queryType}`, state: LoadingState.Done, data };
  if (deduped.length) {
    response.errors = deduped;
  }
  return response;
}

/** Uid of a backend, or the error a query gets when that backend is not configured. */
export function backendUid(ctx: HandlerContext, backend: Backend): { uid?: string; error?: CascadeQueryError } {
  const uid =
    backend === 'prometheus'
      ? ctx.settings.prometheusUid
      : backend === 'loki'
        ? ctx.settings.lokiUid
        : ctx.settings.jaegerUid;
  if (uid) {
    return { uid };
  }
  const label = BACKEND_LABEL[backend];
  return {
    error: {
      message: `${label}: not configured. Pick a ${label} data source in the Cascade data source settings.`,
      backend,
    },
  };
}

/** Range bounds in the units each backend wants. */
export function rangeOf(range: TimeRange) {
  const fromMs = range.from.valueOf();
  const toMs = range.to.valueOf();
  return {
    fromMs,
    toMs,
    seconds: Math.max(1, (toMs - fromMs) / 1000),
    /** Prometheus: float seconds */
    promTime: String(toMs / 1000),
    /** Loki: integer nanoseconds */
    lokiStart: `${Math.floor(fromMs)}000000`,
    lokiEnd: `${Math.ceil(toMs)}000000`,
  };
}

/** Handler for a query type this data source does not know (old dashboards, typos). */
export function unknownType(targets: CascadeQuery[]): Observable<DataQueryResponse> {
  return of(
    ...targets.map((t) => respond(t, [], [{ message: `Cascade: unknown query type "${String(t.queryType)}"` }]))
  );
}
