import { cleanValues, escapeRegex, toWellFormed } from '../queryEscape';

/**
 * TraceQL for Tempo's `/api/search` (`q=`). Strings follow the rules BOTH Tempo and Grafana's TraceQL
 * grammar (@grafana/lezer-traceql) accept: inside "…" only `\\` and `\"` are escapes, so a value with a
 * control character is matched by an anchored regex that spells it `\x{…}` (RE2) instead. Regexes
 * are anchored explicitly (`^(?:…)$`), so the match is exact whether or not Tempo anchors them.
 */

/** Attribute names Tempo and the grammar read without quotes (`span.asset_name`, `resource.service.name`). */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_.\-/:]*$/;
/** What no TraceQL attribute name can contain, quoted or not (the grammar has no escapes in quoted names). */
const UNWRITABLE_NAME = /["\\\u0000-\u001f\u007f]/;
const CONTROL = /[\u0000-\u001f\u007f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The URL-encoded `q` is kept under this many bytes so the request line stays below the 8 KiB
 * common limits on the way (nginx's default large_client_header_buffers, Go's and Grafana's proxies
 * allow more). Beyond it the asset condition is dropped and assets are filtered in the browser.
 */
export const MAX_QUERY_URL_BYTES = 6000;

/** A configured attribute name can be written in TraceQL (no quote, backslash or control character). */
export const isValidTraceQLAttribute = (name: string) => name !== '' && !UNWRITABLE_NAME.test(name);

/** `scope.name`, quoted (`span."a b"`) when the name is not a plain identifier; throws for unwritable names. */
export function traceqlAttribute(scope: 'span' | 'resource', name: string): string {
  if (!isValidTraceQLAttribute(name)) {
    throw new Error(
      `"${name}" cannot be a TraceQL attribute name (quotes, backslashes and control characters cannot be escaped)`
    );
  }
  return BARE_NAME.test(name) ? `${scope}.${name}` : `${scope}."${name}"`;
}

/** A TraceQL string literal: `\\` and `\"` escaped; callers keep control characters out (see exactMatch). */
export function traceqlString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** `value` as an RE2 pattern of exactly that text, control characters spelled `\x{…}`. */
function re2Literal(value: string): string {
  return escapeRegex(value).replace(CONTROL, (c) => `\\x{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * One condition selecting exactly `values` of a field: `f = "a"` for one plain value, else
 * `f =~ "^(?:a|b)$"`; '' for none (no restriction).
 */
export function exactMatch(field: string, values: readonly string[]): string {
  const vals = cleanValues(values).map(toWellFormed);
  if (vals.length === 0) {
    return '';
  }
  if (vals.length === 1 && !HAS_CONTROL.test(vals[0])) {
    return `${field} = ${traceqlString(vals[0])}`;
  }
  return `${field} =~ ${traceqlString(`^(?:${vals.map(re2Literal).join('|')})$`)}`;
}

/** `/api/search` parameters: TraceQL, limit, spans per span set and the range in epoch seconds. */
export interface TempoSearch {
  q: string;
  limit: number;
  spss: number;
  /** ms epoch */
  start: number;
  /** ms epoch */
  end: number;
  /** The asset condition did not fit MAX_QUERY_URL_BYTES: the assets are to be filtered in the browser. */
  filterInBrowser: boolean;
}

/**
 * The recent runs of `assets` (all assets when empty) in ONE search whatever their number:
 * `{ resource.service.name = "dagster" && span.asset_name =~ "^(?:a|b)$" } | select(status)`.
 * The span carrying the asset attribute (the asset's run span) is the matched one; select(status)
 * returns its status with it, so a failed run is known without fetching the trace.
 */
export function assetTraceSearch(
  service: string,
  assetTag: string,
  assets: readonly string[],
  start: number,
  end: number,
  limit: number
): TempoSearch {
  const attr = traceqlAttribute('span', assetTag);
  const svc = exactMatch('resource.service.name', [service]);
  // `!= ""` holds only for spans that carry the attribute: every asset's run span.
  const anyAsset = `${attr} != ""`;
  const build = (assetCondition: string) =>
    `{ ${[svc, assetCondition].filter(Boolean).join(' && ')} } | select(status)`;
  let q = build(exactMatch(attr, assets) || anyAsset);
  let filterInBrowser = false;
  if (encodeURIComponent(q).length > MAX_QUERY_URL_BYTES) {
    q = build(anyAsset);
    filterInBrowser = true;
  }
  return { q, limit: Math.max(1, Math.floor(limit)), spss: 3, start, end, filterInBrowser };
}

/** Query-string parameters for `GET /api/search` (Tempo takes epoch seconds). */
export function searchParams(s: TempoSearch): Record<string, string> {
  return {
    q: s.q,
    limit: String(s.limit),
    spss: String(s.spss),
    start: String(Math.floor(s.start / 1000)),
    end: String(Math.ceil(s.end / 1000)),
  };
}

/** Path of one trace in Tempo's v2 API (OTLP JSON); the id is validated by the caller (hex, ≤ 32 digits). */
export const tracePathV2 = (traceId: string) => `/api/v2/traces/${encodeURIComponent(toWellFormed(traceId))}`;

/** Path of the v2 tag-values endpoint for a scoped attribute (`resource.service.name`). */
export const tagValuesPath = (scopedTag: string) => `/api/v2/search/tag/${encodeURIComponent(scopedTag)}/values`;
