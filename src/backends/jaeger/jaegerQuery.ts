import { toWellFormed } from '../queryEscape';
import { recordFrom } from '../../model/ownKeys';

/**
 * Jaeger query-API parameters (the `/api/*` API Jaeger UI and Grafana's Jaeger data source use).
 * Times are microseconds; `tags` is a JSON object of exact tag matches (AND-ed by Jaeger).
 */
export interface JaegerSearch {
  service: string;
  /** ms epoch */
  start: number;
  /** ms epoch */
  end: number;
  limit: number;
  tags?: Record<string, string>;
  operation?: string;
}

/** Query-string parameters for `GET /api/traces`. */
export function searchParams(s: JaegerSearch): Record<string, string> {
  const params: Record<string, string> = {
    service: s.service,
    start: String(Math.floor(s.start * 1000)),
    end: String(Math.ceil(s.end * 1000)),
    limit: String(Math.max(1, Math.floor(s.limit))),
    lookback: 'custom',
  };
  if (s.operation) {
    params.operation = s.operation;
  }
  if (s.tags && Object.keys(s.tags).length) {
    params.tags = tagsJson(s.tags);
  }
  return params;
}

/** The `tags` parameter: JSON.stringify escapes quotes, backslashes and control characters. */
export function tagsJson(tags: Record<string, string>): string {
  return JSON.stringify(recordFrom(Object.entries(tags).map(([k, v]) => [toWellFormed(k), toWellFormed(v)])));
}

/**
 * Search for the recent traces of `assets`: one request whatever their number. Jaeger ANDs tags,
 * so only a single asset can be filtered server side; several are filtered in the browser.
 */
export function assetTraceSearch(
  service: string,
  assetTag: string,
  assets: string[],
  start: number,
  end: number,
  limit: number
): JaegerSearch {
  return { service, start, end, limit, tags: assets.length === 1 ? { [assetTag]: assets[0] } : undefined };
}

const TRACE_ID = /^[0-9a-fA-F]{1,32}$/;

/** Jaeger trace ids are up to 32 hex digits; anything else is refused before a request is made. */
export const isValidTraceId = (id: string) => TRACE_ID.test(id);

/** Path of one trace (the id is validated by the caller and encoded anyway; lone surrogates would make encodeURIComponent throw). */
export const tracePath = (traceId: string) => `/api/traces/${encodeURIComponent(toWellFormed(traceId))}`;
