import { TestDataSourceResponse } from '@grafana/data';
import { forkJoin, map, Observable, of } from 'rxjs';
import { BACKEND_LABEL, parseErrorToQueryError } from '../backends/client';
import { streamProbeQuery } from '../backends/loki/logql';
import { parseJaegerServices } from '../backends/jaeger/parseJaeger';
import { parseTempoTagValues } from '../backends/tempo/parseTempo';
import { tagValuesPath } from '../backends/tempo/traceql';
import { parseLokiStreams } from '../backends/loki/parseLoki';
import { parsePromVector } from '../backends/prometheus/parsePrometheus';
import { expectedMetricNames, presenceQuery } from '../backends/prometheus/promql';
import { HandlerContext } from './handlers/context';
import { Backend } from '../model';

/** Result of checking one backend. `warning` = reachable but the pipeline's data is not there. */
export interface BackendCheck {
  backend: Backend;
  status: 'ok' | 'warning' | 'error' | 'unconfigured';
  message: string;
}

const LOG_PROBE_HOURS = 24;

function unconfigured(backend: Backend): Observable<BackendCheck> {
  return of({ backend, status: 'unconfigured', message: 'not configured' });
}

function checkPrometheus(ctx: HandlerContext): Observable<BackendCheck> {
  const uid = ctx.settings.prometheusUid;
  if (!uid) {
    return unconfigured('prometheus');
  }
  const expected = expectedMetricNames(ctx.settings.mapping);
  return ctx.client
    .get({ backend: 'prometheus', uid, path: '/api/v1/query', params: { query: presenceQuery(expected) } })
    .pipe(
      map((res): BackendCheck => {
        if (!res.ok) {
          return { backend: 'prometheus', status: 'error', message: res.error.message ?? 'request failed' };
        }
        const parsed = parsePromVector(res.body);
        if (!parsed.ok) {
          return {
            backend: 'prometheus',
            status: 'error',
            message: parseErrorToQueryError('prometheus', parsed.error).message ?? 'unreadable response',
          };
        }
        const present = new Set(parsed.value.map((s) => s.labels.__name__));
        const missing = expected.filter((n) => !present.has(n));
        return missing.length
          ? {
              backend: 'prometheus',
              status: 'warning',
              message: `reachable; ${expected.length - missing.length}/${expected.length} expected metrics present, missing: ${missing.join(', ')}`,
            }
          : {
              backend: 'prometheus',
              status: 'ok',
              message: `reachable; all ${expected.length} expected metrics present`,
            };
      })
    );
}

function checkLoki(ctx: HandlerContext): Observable<BackendCheck> {
  const uid = ctx.settings.lokiUid;
  if (!uid) {
    return unconfigured('loki');
  }
  const end = Date.now();
  const start = end - LOG_PROBE_HOURS * 3600 * 1000;
  const selector = streamProbeQuery(ctx.settings.mapping);
  const params = { query: selector, start: `${start}000000`, end: `${end}000000`, limit: '1', direction: 'backward' };
  return ctx.client.get({ backend: 'loki', uid, path: '/loki/api/v1/query_range', params }).pipe(
    map((res): BackendCheck => {
      if (!res.ok) {
        return { backend: 'loki', status: 'error', message: res.error.message ?? 'request failed' };
      }
      const parsed = parseLokiStreams(res.body);
      if (!parsed.ok) {
        return {
          backend: 'loki',
          status: 'error',
          message: parseErrorToQueryError('loki', parsed.error).message ?? 'unreadable response',
        };
      }
      return parsed.value.entries.length
        ? { backend: 'loki', status: 'ok', message: `reachable; stream ${selector} has logs` }
        : {
            backend: 'loki',
            status: 'warning',
            message: `reachable; no logs for ${selector} in the last ${LOG_PROBE_HOURS} h`,
          };
    })
  );
}

/** The trace backend: Jaeger's service list, or Tempo's values of `resource.service.name`; either must hold the service. */
function checkTraces(ctx: HandlerContext): Observable<BackendCheck> {
  const uid = ctx.traces.uid;
  if (!uid) {
    return unconfigured('jaeger');
  }
  return ctx.traces.backend === 'tempo' ? checkTempo(ctx, uid) : checkJaeger(ctx, uid);
}

function checkTempo(ctx: HandlerContext, uid: string): Observable<BackendCheck> {
  const service = ctx.settings.mapping.jaegerService;
  return ctx.client.get({ backend: 'tempo', uid, path: tagValuesPath('resource.service.name') }).pipe(
    map((res): BackendCheck => {
      if (!res.ok) {
        return { backend: 'tempo', status: 'error', message: res.error.message ?? 'request failed' };
      }
      const parsed = parseTempoTagValues(res.body);
      if (!parsed.ok) {
        return {
          backend: 'tempo',
          status: 'error',
          message: parseErrorToQueryError('tempo', parsed.error).message ?? 'unreadable response',
        };
      }
      return parsed.value.includes(service)
        ? { backend: 'tempo', status: 'ok', message: `reachable; service "${service}" present` }
        : {
            backend: 'tempo',
            status: 'warning',
            message: `reachable; service "${service}" not found (has: ${parsed.value.slice(0, 10).join(', ') || 'none'})`,
          };
    })
  );
}

function checkJaeger(ctx: HandlerContext, uid: string): Observable<BackendCheck> {
  const service = ctx.settings.mapping.jaegerService;
  return ctx.client.get({ backend: 'jaeger', uid, path: '/api/services' }).pipe(
    map((res): BackendCheck => {
      if (!res.ok) {
        return { backend: 'jaeger', status: 'error', message: res.error.message ?? 'request failed' };
      }
      const parsed = parseJaegerServices(res.body);
      if (!parsed.ok) {
        return {
          backend: 'jaeger',
          status: 'error',
          message: parseErrorToQueryError('jaeger', parsed.error).message ?? 'unreadable response',
        };
      }
      return parsed.value.includes(service)
        ? { backend: 'jaeger', status: 'ok', message: `reachable; service "${service}" present` }
        : {
            backend: 'jaeger',
            status: 'warning',
            message: `reachable; service "${service}" not found (has: ${parsed.value.slice(0, 10).join(', ') || 'none'})`,
          };
    })
  );
}

const stripLabel = (c: BackendCheck) => c.message.replace(new RegExp(`^${BACKEND_LABEL[c.backend]}: `), '');

/** Summary for "Save & test": error if any configured backend fails or none is configured, warning if data is missing. */
export function summarizeChecks(checks: BackendCheck[]): TestDataSourceResponse {
  const configured = checks.filter((c) => c.status !== 'unconfigured');
  const lines = checks.map(
    (c) => `${BACKEND_LABEL[c.backend]}: ${c.status === 'unconfigured' ? 'not configured' : stripLabel(c)}`
  );
  if (configured.length === 0) {
    return {
      status: 'error',
      message: 'No backend configured: pick at least one of Prometheus, Loki or Jaeger/Tempo.',
      details: { message: lines.join('\n') },
    };
  }
  const failed = configured.filter((c) => c.status === 'error');
  const warned = configured.filter((c) => c.status === 'warning');
  const status = failed.length ? 'error' : warned.length ? 'warning' : 'success';
  const head = failed.length
    ? `${failed.map((c) => BACKEND_LABEL[c.backend]).join(', ')} failed`
    : warned.length
      ? `Connected, but ${warned.map((c) => BACKEND_LABEL[c.backend]).join(', ')} lack pipeline data`
      : `All ${configured.length} configured backends are working`;
  return { status, message: `${head}. ${lines.join(' · ')}`, details: { message: lines.join('\n') } };
}

/** Checks every backend in parallel through the proxy. */
export function checkBackends(ctx: HandlerContext): Observable<TestDataSourceResponse> {
  return forkJoin([checkPrometheus(ctx), checkLoki(ctx), checkTraces(ctx)]).pipe(map(summarizeChecks));
}
