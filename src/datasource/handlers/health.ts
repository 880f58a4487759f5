import { DataFrame, DataQueryRequest, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, merge, Observable, of, switchMap } from 'rxjs';
import { HealthSignals, joinAssets } from '../../join/assetJoin';
import { CallResult, parseErrorToQueryError } from '../../backends/client';
import { resolveRules, AssetHealth, Backend, CascadeQueryError } from '../../model';
import { healthToFrame } from '../../frames/healthFrame';
import { warningNotice } from '../../frames/frameKit';
import { assetTraceSearch, searchParams } from '../../backends/jaeger/jaegerQuery';
import { lineageToFrames } from '../../frames/lineageFrame';
import { lineagePositions } from '../../lineage/lineagePositions';
import { jaegerSignals, lokiAssetNames, lokiSignals, prometheusSignals, tempoSignals } from '../../join/healthSignals';
import { assetTraceSearch as tempoAssetSearch, searchParams as tempoSearchParams } from '../../backends/tempo/traceql';
import { assetLinesCountQuery, errorCountQuery, errorLinesQuery } from '../../backends/loki/logql';
import { healthPromKeys, healthQueries, HealthPromKey } from '../../backends/prometheus/promql';
import { recordedHealthQueries, recordedWindow } from '../../backends/prometheus/recordingRules';
import { withRootCauses } from '../../rules/rootCauses';
import { CascadeQuery } from '../types';
import { backendUid, HandlerContext, QueryHandler, rangeOf, respond } from './context';

/** Error lines fetched to find each asset's last error (newest first). */
export const LAST_ERROR_LINES = 1000;

interface Part {
  signals: HealthSignals;
  errors: CascadeQueryError[];
  notices: QueryResultMetaNotice[];
  /** Set when every request of the part failed: the backend did not answer. */
  down?: Backend;
}

const empty = (errors: CascadeQueryError[] = []): Part => ({ signals: {}, errors, notices: [] });

/**
 * Prometheus part: up to HEALTH_PROM_KEYS.length instant queries, in parallel, whatever the asset count
 * (the quantiles only when asked for). When the range is a window Cascade's recording rules record and
 * the rules are there (one probe per data source instance), runs, failures and durations read the
 * recorded series: the same expressions, precomputed at the rules' last evaluation.
 */
function prometheusPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  target: CascadeQuery
): Observable<Part> {
  const refId = target.refId;
  const { uid, error } = backendUid(ctx, 'prometheus');
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const keys = healthPromKeys(target.quantiles);
  const window = recordedWindow(r.seconds);
  const recorded = window && ctx.recordingRules ? ctx.recordingRules.windows(uid, r.toMs) : of(new Set<string>());
  return recorded.pipe(
    switchMap((windows) => {
      const queries = {
        ...healthQueries(m, assets, r.seconds),
        ...(window && windows.has(window) ? recordedHealthQueries(m, assets, window) : {}),
      };
      const calls = keys.map((k) =>
        ctx.client.get(
          { backend: 'prometheus', uid, path: '/api/v1/query', params: { query: queries[k], time: r.promTime } },
          refId
        )
      );
      return forkJoin(calls);
    }),
    map((results) => {
      const part = empty();
      const bodies: Partial<Record<HealthPromKey, unknown>> = {};
      results.forEach((res, i) => (res.ok ? (bodies[keys[i]] = res.body) : part.errors.push(res.error)));
      part.down = results.length && results.every((res) => !res.ok) ? 'prometheus' : undefined;
      const { signals, errors } = prometheusSignals(bodies, m);
      part.signals = signals;
      part.errors.push(...errors.map((e) => parseErrorToQueryError('prometheus', e, refId)));
      return part;
    })
  );
}

/** Loki part: one metric query (error counts per asset) and one log query (last error per asset). */
function lokiPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  refId: string
): Observable<Part> {
  const { uid, error } = backendUid(ctx, 'loki');
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const path = '/loki/api/v1/query_range';
  const step = String(Math.max(1, Math.round(r.seconds)));
  const counts = ctx.client.get(
    {
      backend: 'loki',
      uid,
      path,
      params: { query: errorCountQuery(m, assets, r.seconds), start: r.lokiStart, end: r.lokiEnd, step },
    },
    refId
  );
  const limit = String(Math.min(LAST_ERROR_LINES, ctx.settings.limits.maxLogLines));
  const lines = ctx.client.get(
    {
      backend: 'loki',
      uid,
      path,
      params: { query: errorLinesQuery(m, assets), start: r.lokiStart, end: r.lokiEnd, limit, direction: 'backward' },
    },
    refId
  );
  return forkJoin([counts, lines]).pipe(
    map(([c, l]: CallResult[]) => {
      const part = empty([c, l].flatMap((x) => (x.ok ? [] : [x.error])));
      part.down = !c.ok && !l.ok ? 'loki' : undefined;
      const { signals, errors } = lokiSignals(c.ok ? c.body : undefined, l.ok ? l.body : undefined, m);
      part.signals = signals;
      part.errors.push(...errors.map((e) => parseErrorToQueryError('loki', e, refId)));
      return part;
    })
  );
}

/** Trace part on Jaeger: one search (service + limit), grouped by the asset tag in the browser; Tempo: tempoPart. */
function jaegerPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  refId: string
): Observable<Part> {
  const { uid, error } = backendUid(ctx, ctx.traces.backend);
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const limit = ctx.settings.limits.maxTraces;
  if (ctx.traces.backend === 'tempo') {
    return tempoPart(ctx, uid, assets, r.fromMs, r.toMs, refId);
  }
  const search = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, assets, r.fromMs, r.toMs, limit);
  return ctx.client.get({ backend: 'jaeger', uid, path: '/api/traces', params: searchParams(search) }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return { ...empty([res.error]), down: 'jaeger' as const };
      }
      const { signals, errors, traces } = jaegerSignals(res.body, m);
      const part = empty(errors.map((e) => parseErrorToQueryError('jaeger', e, refId)));
      part.signals = signals;
      if ((traces ?? 0) >= limit) {
        part.notices.push(
          warningNotice(`Last trace per asset is taken from the ${limit} most recent traces (limit maxTraces).`)
        );
      }
      return part;
    })
  );
}

/** Tempo part: one TraceQL search for the assets' runs (whatever their number), newest per asset. */
function tempoPart(
  ctx: HandlerContext,
  uid: string,
  assets: string[],
  from: number,
  to: number,
  refId: string
): Observable<Part> {
  const m = ctx.settings.mapping;
  const limit = ctx.settings.limits.maxTraces;
  const search = tempoAssetSearch(m.jaegerService, m.jaegerAssetTag, assets, from, to, limit);
  return ctx.client.get({ backend: 'tempo', uid, path: '/api/search', params: tempoSearchParams(search) }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return { ...empty([res.error]), down: 'tempo' as const };
      }
      const { signals, errors, traces } = tempoSignals(res.body, m);
      const part = empty(errors.map((e) => parseErrorToQueryError('tempo', e, refId)));
      part.signals = signals;
      if ((traces ?? 0) >= limit) {
        part.notices.push(
          warningNotice(`Last trace per asset is taken from the ${limit} most recent traces (limit maxTraces).`)
        );
      }
      return part;
    })
  );
}

// Logs looked at for asset names when Prometheus is down: at least a day, as a stale asset has not run lately.
const ASSET_NAMES_LOOKBACK_SECONDS = 86_400;

/** The assets that logged anything (one Loki metric query), asked only when Prometheus did not answer. */
function assetsFromLogs(ctx: HandlerContext, request: DataQueryRequest<CascadeQuery>, refId: string): Observable<Part> {
  const { uid } = backendUid(ctx, 'loki');
  if (!uid) {
    return of(empty());
  }
  const r = rangeOf(request.range);
  const seconds = Math.max(r.seconds, ASSET_NAMES_LOOKBACK_SECONDS);
  const params = {
    query: assetLinesCountQuery(ctx.settings.mapping, seconds),
    start: r.lokiEnd,
    end: r.lokiEnd,
    step: String(Math.round(seconds)),
  };
  return ctx.client.get({ backend: 'loki', uid, path: '/loki/api/v1/query_range', params }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return empty([res.error]);
      }
      const { signals, errors } = lokiAssetNames(res.body, ctx.settings.mapping);
      return { ...empty(errors.map((e) => parseErrorToQueryError('loki', e, refId))), signals };
    })
  );
}

/** All three parts joined into rows; a failed or missing backend only empties its own columns. */
export function healthRows(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>
): Observable<{ rows: AssetHealth[]; errors: CascadeQueryError[]; notices: QueryResultMetaNotice[] }> {
  const assets = target.assets ?? [];
  return forkJoin([
    prometheusPart(ctx, assets, request, target),
    lokiPart(ctx, assets, request, target.refId),
    jaegerPart(ctx, assets, request, target.refId),
  ]).pipe(
    switchMap((parts) =>
      parts[0].down && !assets.length && !parts[1].down
        ? assetsFromLogs(ctx, request, target.refId).pipe(map((names) => [...parts, names]))
        : of(parts)
    ),
    map((parts) => {
      const signals: HealthSignals = Object.assign({}, ...parts.map((p) => p.signals));
      const rules = resolveRules(ctx.settings.rules, target.rules);
      signals.unavailable = parts.flatMap((p) => (p.down ? [p.down] : []));
      if (parts[0].down && !assets.length) {
        // Without Prometheus, assets named by the provisioned SLA overrides and the logs keep their row.
        signals.seen = new Set([...(signals.seen ?? []), ...Object.keys(rules.freshnessOverrides)]);
      }
      // Root causes need only the joined rows' statuses and edges: no extra request (issue 12).
      const rows = withRootCauses(joinAssets(signals, rules, request.range.to.valueOf(), assets));
      return { rows, errors: parts.flatMap((p) => p.errors), notices: parts.flatMap((p) => p.notices) };
    })
  );
}

export const healthHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) =>
      healthRows(ctx, t, request).pipe(
        map(({ rows, errors, notices }) => respond(t, [healthToFrame(rows, t.refId, ctx.links, notices)], errors))
      )
    )
  );

export const lineageHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) =>
      healthRows(ctx, t, request).pipe(
        map(({ rows, errors, notices }) => {
          const frames: DataFrame[] = lineageToFrames(rows, ctx.links.app, t.refId, lineagePositions(rows));
          frames[0].meta = { ...frames[0].meta, notices };
          return respond(t, frames, errors);
        })
      )
    )
  );
