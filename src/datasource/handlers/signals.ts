import { DataQueryResponse } from '@grafana/data';
import { map, merge, Observable, of } from 'rxjs';
import { backendError, CallResult, parseErrorToQueryError } from '../../backends/client';
import { warningNotice } from '../../frames/frameKit';
import { assetTraceSearch, isValidTraceId, searchParams, tracePath } from '../../backends/jaeger/jaegerQuery';
import { toLogLines } from '../../backends/loki/logLines';
import { logsQuery } from '../../backends/loki/logql';
import { parseJaegerTraces } from '../../backends/jaeger/parseJaeger';
import { parseLokiStreams } from '../../backends/loki/parseLoki';
import { parsePromAlerts, parsePromMatrix, parsePromVector } from '../../backends/prometheus/parsePrometheus';
import { ParseResult } from '../../backends/parseResult';
import { metricsQuery, rateWindow, SYSTEM_STAT_LABEL, systemQuery } from '../../backends/prometheus/promql';
import { alertsToFrame, logsToFrame, metricsToFrames, systemToFrame, tracesToFrame } from '../../frames/signalFrames';
import { traceToFrame } from '../../frames/traceFrame';
import { summarizeTrace } from '../../backends/jaeger/traceSummary';
import { cleanValues } from '../../backends/queryEscape';
import { parseTempoSearch, parseTempoTrace, summarizeSearchHit } from '../../backends/tempo/parseTempo';
import {
  assetTraceSearch as tempoAssetSearch,
  searchParams as tempoSearchParams,
  tracePathV2,
} from '../../backends/tempo/traceql';
import { InterpolatedQuery } from '../templating';
import { Backend, CascadeAlert, SystemUtilization, TraceSummary } from '../../model';
import { CascadeQuery } from '../types';
import { backendUid, HandlerContext, QueryHandler, rangeOf, respond } from './context';

/** Default rows of `logs` / `traces` when the query sets no limit (capped by the configured limits). */
export const DEFAULT_LOG_LIMIT = 1000;
export const DEFAULT_TRACE_LIMIT = 100;

/**
 * One request for one target: not configured → error response; transport or parse failure → error
 * response naming the backend; else `build(parsed value, warnings)`.
 */
function single<T>(
  ctx: HandlerContext,
  t: CascadeQuery,
  backend: Backend,
  path: string | ((uid: string) => string),
  params: Record<string, string>,
  parse: (body: unknown) => ParseResult<T>,
  build: (value: T, warnings: string[]) => DataQueryResponse
): Observable<DataQueryResponse> {
  const { uid, error } = backendUid(ctx, backend);
  if (!uid) {
    return of(respond(t, [], [error!]));
  }
  const p = typeof path === 'string' ? path : path(uid);
  return ctx.client.get({ backend, uid, path: p, params }, t.refId).pipe(
    map((res: CallResult) => {
      if (!res.ok) {
        return respond(t, [], [res.error]);
      }
      const parsed = parse(res.body);
      return parsed.ok
        ? build(parsed.value, parsed.warnings)
        : respond(t, [], [parseErrorToQueryError(backend, parsed.error, t.refId)]);
    })
  );
}

const perTarget =
  (fn: (ctx: HandlerContext, t: CascadeQuery, ...rest: any[]) => Observable<DataQueryResponse>): QueryHandler =>
  (ctx, targets, request) =>
    merge(...targets.map((t) => fn(ctx, t, request)));

const clampLimit = (requested: number | undefined, fallback: number, max: number) =>
  Math.max(1, Math.min(max, Math.floor(requested && requested > 0 ? requested : fallback)));

export const metricsHandler: QueryHandler = perTarget((ctx, t, request) => {
  const r = rangeOf(request.range);
  const metric = t.metric ?? 'duration';
  // Never more than ~11,000 points per series (Prometheus' own limit).
  const step = Math.max(1, Math.round((request.intervalMs ?? 0) / 1000), Math.ceil(r.seconds / 11000));
  const m = ctx.settings.mapping;
  const query = metricsQuery(
    m,
    t.assets,
    metric,
    t.stat ?? 'avg',
    rateWindow(step, ctx.settings.scrapeIntervalSeconds)
  );
  const max = ctx.settings.limits.maxSeries;
  return single(
    ctx,
    t,
    'prometheus',
    '/api/v1/query_range',
    { query, start: String(r.fromMs / 1000), end: String(r.toMs / 1000), step: String(step) },
    (body) => parsePromMatrix(body, max),
    ({ series, truncated }) => {
      const frames = metricsToFrames(series, m.assetLabel, m.checkLabel, metric, t.refId);
      if (truncated && frames[0]) {
        frames[0].meta = {
          ...frames[0].meta,
          notices: [warningNotice(`Showing ${max} of ${max + truncated} series (limit maxSeries).`)],
        };
      }
      return respond(t, frames);
    }
  );
});

export const logsHandler: QueryHandler = perTarget((ctx, t, request) => {
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const limit = clampLimit(t.limit, DEFAULT_LOG_LIMIT, ctx.settings.limits.maxLogLines);
  const query = logsQuery(m, {
    assets: t.assets,
    levels: (t as InterpolatedQuery).levels ?? (t.level ? [t.level] : undefined),
    search: t.search,
    traceId: t.traceId,
  });
  return single(
    ctx,
    t,
    'loki',
    '/loki/api/v1/query_range',
    { query, start: r.lokiStart, end: r.lokiEnd, limit: String(limit), direction: 'backward' },
    (body) => parseLokiStreams(body, limit),
    ({ entries, truncated }) => {
      const notices =
        entries.length + truncated >= limit
          ? [
              warningNotice(
                `Showing the newest ${limit} log lines (limit); narrow the range or filters to see older ones.`
              ),
            ]
          : [];
      return respond(t, [logsToFrame(toLogLines(entries, m), t.refId, ctx.links, notices)]);
    }
  );
});

export const tracesHandler: QueryHandler = perTarget((ctx, t, request) => {
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const limit = clampLimit(t.limit, DEFAULT_TRACE_LIMIT, ctx.settings.limits.maxTraces);
  const assets = t.assets ?? [];
  if (ctx.traces.backend === 'tempo') {
    return tempoTraces(ctx, t, assets, r.fromMs, r.toMs, limit);
  }
  const search = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, assets, r.fromMs, r.toMs, limit);
  const wanted = new Set(assets);
  return single(ctx, t, 'jaeger', '/api/traces', searchParams(search), parseJaegerTraces, (traces, warnings) => {
    const rows = traces
      .map((x) => summarizeTrace(x, m.jaegerAssetTag))
      .filter(
        (x): x is TraceSummary =>
          x !== undefined && (wanted.size === 0 || (x.asset !== undefined && wanted.has(x.asset)))
      )
      .sort((a, b) => b.start - a.start)
      // A backend that ignores `limit` must not grow the frame past it.
      .slice(0, limit);
    const notices = warnings.map((w) => warningNotice(`Jaeger: ${w}`));
    if (traces.length >= limit) {
      notices.push(warningNotice(`Showing the ${limit} most recent traces (limit).`));
    }
    return respond(t, [tracesToFrame(rows, t.refId, ctx.links, notices)]);
  });
});

/**
 * Tempo: ONE TraceQL search whatever the number of assets (backends/tempo/traceql.ts), each hit a row;
 * the assets are filtered here too when the query had to drop them (too long for a URL).
 */
function tempoTraces(ctx: HandlerContext, t: CascadeQuery, assets: string[], from: number, to: number, limit: number) {
  const m = ctx.settings.mapping;
  const search = tempoAssetSearch(m.jaegerService, m.jaegerAssetTag, assets, from, to, limit);
  const wanted = new Set(cleanValues(assets));
  return single(ctx, t, 'tempo', '/api/search', tempoSearchParams(search), parseTempoSearch, (hits, warnings) => {
    const rows = hits
      .map((h) => summarizeSearchHit(h, m.jaegerAssetTag))
      .filter((x) => wanted.size === 0 || (x.asset !== undefined && wanted.has(x.asset)))
      .sort((a, b) => b.start - a.start)
      .slice(0, limit);
    const notices = warnings.map((w) => warningNotice(`Tempo: ${w}`));
    if (hits.length >= limit) {
      notices.push(warningNotice(`Showing the ${limit} most recent traces (limit).`));
    }
    if (search.filterInBrowser) {
      notices.push(
        warningNotice(`Too many assets for one TraceQL query: traces of all assets were searched, then filtered.`)
      );
    }
    return respond(t, [tracesToFrame(rows, t.refId, ctx.links, notices)]);
  });
}

export const traceHandler: QueryHandler = perTarget((ctx, t) => {
  const id = (t.traceId ?? '').trim();
  if (!isValidTraceId(id)) {
    const message = id ? `"${id.slice(0, 64)}" is not a trace id (up to 32 hex digits)` : 'no trace id given';
    return of(respond(t, [], [backendError(ctx.traces.backend, message, t.refId)]));
  }
  if (ctx.traces.backend === 'tempo') {
    // Tempo 2.7+ answers an unknown id with 200 and an empty trace; older ones with 404.
    return single(
      ctx,
      t,
      'tempo',
      tracePathV2(id),
      {},
      (body) => parseTempoTrace(body, id),
      (trace) =>
        trace
          ? respond(t, [traceToFrame(trace, t.refId, ctx.settings.limits.maxSpans, 'Tempo')])
          : respond(t, [], [backendError('tempo', `trace ${id} not found`, t.refId)])
    );
  }
  return single(ctx, t, 'jaeger', tracePath(id), {}, parseJaegerTraces, (traces) => {
    const trace = traces.find((x) => x.traceID.toLowerCase() === id.toLowerCase()) ?? traces[0];
    if (!trace) {
      return respond(t, [], [backendError('jaeger', `trace ${id} not found`, t.refId)]);
    }
    return respond(t, [traceToFrame(trace, t.refId, ctx.settings.limits.maxSpans)]);
  });
});

const STATE_ORDER: Record<string, number> = { firing: 0, pending: 1 };

export const alertsHandler: QueryHandler = perTarget((ctx, t) => {
  const A = ctx.settings.mapping.assetLabel;
  const wanted = new Set(t.assets ?? []);
  return single(ctx, t, 'prometheus', '/api/v1/alerts', {}, parsePromAlerts, (raw) => {
    const alerts: CascadeAlert[] = raw
      .map((a) => ({
        alertname: a.labels.alertname ?? '',
        state: a.state,
        asset: a.labels[A],
        severity: a.labels.severity,
        summary: a.annotations.summary,
        description: a.annotations.description,
        activeAt: a.activeAt,
        value: a.value,
        labels: a.labels,
      }))
      .filter((a) => wanted.size === 0 || (a.asset !== undefined && wanted.has(a.asset)))
      .sort(
        (a, b) => (STATE_ORDER[a.state] ?? 2) - (STATE_ORDER[b.state] ?? 2) || (a.activeAt ?? 0) - (b.activeAt ?? 0)
      );
    return respond(t, [alertsToFrame(alerts, t.refId, ctx.links.app)]);
  });
});

// A Map, so a stat label such as `constructor` cannot resolve to an inherited property.
const SYSTEM_KEYS = new Map<string, keyof SystemUtilization>([
  ['disk', 'diskUsagePercent'],
  ['memory', 'memoryUsagePercent'],
  ['lake', 'lakeSizeBytes'],
  ['healthy', 'containersHealthy'],
  ['total', 'containersTotal'],
]);

export const systemHandler: QueryHandler = perTarget((ctx, t, request) => {
  const r = rangeOf(request.range);
  return single(
    ctx,
    t,
    'prometheus',
    '/api/v1/query',
    { query: systemQuery(ctx.settings.mapping), time: r.promTime },
    parsePromVector,
    (samples) => {
      const s: SystemUtilization = {};
      for (const x of samples) {
        const key = SYSTEM_KEYS.get(x.labels[SYSTEM_STAT_LABEL]);
        if (key && Number.isFinite(x.value)) {
          s[key] = x.value;
        }
      }
      return respond(t, [systemToFrame(s, t.refId)]);
    }
  );
});
