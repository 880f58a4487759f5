/**
 * Test-only stand-ins for the Grafana services a data source gets injected (backendSrv and
 * templateSrv exist only inside Grafana), plus small factories. Real servers are exercised in
 * tests/integration/.
 */
import { dateTime, DataQueryRequest, DataSourceInstanceSettings, ScopedVars, TypedVariableModel } from '@grafana/data';
import type { BackendSrvRequest, FetchResponse, TemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';
import { FetchLike } from '../backends/client';
import { CascadeDataSourceBase } from '../datasource/base';
import { CascadeDataSourceOptions, CascadeQuery } from '../datasource/types';

export type Answer = { status?: number; body: unknown } | 'never';

/** A backendSrv whose `fetch` records every request and answers via `route`. Tracks open requests. */
export function fakeBackendSrv(route: (req: BackendSrvRequest) => Answer) {
  const requests: BackendSrvRequest[] = [];
  let open = 0;
  const srv: FetchLike = {
    fetch: <T>(req: BackendSrvRequest) =>
      new Observable<FetchResponse<T>>((subscriber) => {
        requests.push(req);
        const answer = route(req);
        open++;
        let done = false;
        const finish = () => {
          if (!done) {
            done = true;
            open--;
          }
        };
        if (answer !== 'never') {
          const status = answer.status ?? 200;
          const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          finish();
          if (status >= 400) {
            subscriber.error({ status, data: body, config: req });
          } else {
            subscriber.next({ data: body as T, status, ok: true } as FetchResponse<T>);
            subscriber.complete();
          }
        }
        return finish;
      }),
  };
  return { srv, requests, openRequests: () => open };
}

/** Template variables as Grafana's TemplateSrv formats them: a format function gets the value list. */
export function fakeTemplateSrv(vars: Record<string, string | string[]>): TemplateSrv {
  const pattern = /\$(\w+)|\$\{(\w+)(?::\w+)?\}|\[\[(\w+)(?::\w+)?\]\]/g;
  return {
    getVariables: () => Object.keys(vars).map((name) => ({ name }) as TypedVariableModel),
    containsTemplate: (target?: string) =>
      !!target && Array.from(target.matchAll(pattern)).some((m) => (m[1] ?? m[2] ?? m[3]) in vars),
    replace: (target?: string, _scoped?: ScopedVars, format?: string | ((v: string | string[]) => string)) =>
      (target ?? '').replace(pattern, (all, a, b, c) => {
        const name = a ?? b ?? c;
        if (!(name in vars)) {
          return all;
        }
        const v = vars[name];
        if (typeof format === 'function') {
          return format(v);
        }
        return Array.isArray(v) ? `{${v.join(',')}}` : v;
      }),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv;
}

export const BACKEND_UIDS: CascadeDataSourceOptions = { prometheusUid: 'prom', lokiUid: 'loki', jaegerUid: 'jaeger' };

export function instanceSettings(
  jsonData: CascadeDataSourceOptions = BACKEND_UIDS
): DataSourceInstanceSettings<CascadeDataSourceOptions> {
  return {
    id: 1,
    uid: 'cascade',
    type: 'cascade-pipeline-datasource',
    name: 'Cascade',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: { id: 'cascade-pipeline-datasource' } as DataSourceInstanceSettings['meta'],
  } as DataSourceInstanceSettings<CascadeDataSourceOptions>;
}

/** The data source engine over a fake backendSrv (and optional template variables); Node-safe. */
export function makeDataSource(
  route: (req: BackendSrvRequest) => Answer,
  opts: { jsonData?: CascadeDataSourceOptions; vars?: Record<string, string | string[]> } = {}
) {
  const backend = fakeBackendSrv(route);
  const ds = new CascadeDataSourceBase(instanceSettings(opts.jsonData), backend.srv, fakeTemplateSrv(opts.vars ?? {}));
  return { ds, ...backend };
}

/** A request over the last `hours` ending at `toMs`. */
export function makeRequest(
  targets: Array<Partial<CascadeQuery>>,
  toMs = 1_700_000_000_000,
  hours = 1
): DataQueryRequest<CascadeQuery> {
  const from = dateTime(toMs - hours * 3600_000);
  const to = dateTime(toMs);
  return {
    requestId: 'test',
    interval: '15s',
    intervalMs: 15000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), queryType: 'health', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}

/** Prometheus instant vector body. */
export const promVector = (samples: Array<[Record<string, string>, number | string]>, t = 1_700_000_000) => ({
  status: 'success',
  data: { resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [t, String(v)] })) },
});

export const emptyVector = promVector([]);
export const emptyStreams = { status: 'success', data: { resultType: 'streams', result: [] } };
export const emptyMatrix = { status: 'success', data: { resultType: 'matrix', result: [] } };
export const emptyTraces = { data: [], total: 0, limit: 0, offset: 0, errors: null };

/** Answers every backend with an empty but valid result. */
export function emptyBackends(req: BackendSrvRequest): Answer {
  const url = req.url;
  if (url.includes('/loki/')) {
    return { body: /sum by|count_over_time/.test(req.params?.query ?? '') ? emptyMatrix : emptyStreams };
  }
  if (url.includes('/api/traces')) {
    return { body: emptyTraces };
  }
  if (url.endsWith('/api/services')) {
    return { body: { data: ['dagster'], total: 1, limit: 0, offset: 0, errors: null } };
  }
  if (url.endsWith('/api/v1/alerts')) {
    return { body: { status: 'success', data: { alerts: [] } } };
  }
  if (url.endsWith('/api/v1/query_range')) {
    return { body: emptyMatrix };
  }
  return { body: emptyVector };
}
