import { DataFrame, DataQueryRequest, DataQueryResponse, LoadingState, TimeRange } from '@grafana/data';
import { Observable, of } from 'rxjs';
import { BackendClient, BACKEND_LABEL, dedupeErrors } from '../../backends/client';
import { ResolvedSettings } from '../settings';
import { LinkTargets } from '../../frames/healthFrame';
import { Backend, CascadeQueryError } from '../../model';
import { CascadeQuery } from '../types';
import { RecordingRulesProbe } from './recordingRulesProbe';

/** The trace backend: which API it speaks and its uid (undefined = not configured). */
export interface TraceBackend {
  backend: 'jaeger' | 'tempo';
  uid?: string;
}

/** Type of a data source by uid, from Grafana's data source settings (DataSourceSrv); undefined when unknown. */
export type DatasourceTypeLookup = (uid: string) => string | undefined;

/**
 * The trace backend of these settings: Tempo when the data source's type (Grafana's settings) is
 * `tempo`, Jaeger when it is `jaeger`; else the type the config editor stored; else Jaeger.
 */
export function resolveTraceBackend(settings: ResolvedSettings, typeOf?: DatasourceTypeLookup): TraceBackend {
  const uid = settings.tracesUid;
  let type: string | undefined;
  try {
    type = uid && typeOf ? typeOf(uid) : undefined;
  } catch {
    // No data source service (Node): fall back to the stored type.
  }
  const backend = type === 'tempo' || type === 'jaeger' ? type : (settings.tracesType ?? 'jaeger');
  return { backend, uid };
}

/** What every query-type handler gets: the transport, resolved settings, the trace backend and link targets. */
export interface HandlerContext {
  client: BackendClient;
  settings: ResolvedSettings;
  /** Detects Cascade's recording rules once per data source instance; absent when they are switched off. */
  recordingRules?: RecordingRulesProbe;
  traces: TraceBackend;
  links: LinkTargets;
}

/** A handler answers all targets of one query type; it emits one response per target and never errors. */
export type QueryHandler = (
  ctx: HandlerContext,
  targets: CascadeQuery[],
  request: DataQueryRequest<CascadeQuery>
) => Observable<DataQueryResponse>;

/**
 * A response of one target, keyed `${refId}:${queryType}`: Grafana (and useCascadeQuery) replace a
 * target's earlier packet with the next one under the same key. `Streaming` packets precede the last,
 * `Done` one; each carries every frame and error known so far.
 */
export function respond(
  target: CascadeQuery,
  data: DataFrame[],
  errors: CascadeQueryError[] = [],
  state: LoadingState.Done | LoadingState.Streaming = LoadingState.Done
): DataQueryResponse {
  const deduped = dedupeErrors(errors.map((e) => ({ ...e, refId: target.refId })));
  const response: DataQueryResponse = { key: `${target.refId}:${target.queryType}`, state, data };
  if (deduped.length) {
    response.errors = deduped;
  }
  return response;
}

/** Uid of a backend, or the error a query gets when that backend is not configured. */
export function backendUid(ctx: HandlerContext, backend: Backend): { uid?: string; error?: CascadeQueryError } {
  const uid =
    backend === 'prometheus' ? ctx.settings.prometheusUid : backend === 'loki' ? ctx.settings.lokiUid : ctx.traces.uid;
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
