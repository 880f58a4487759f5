import { RawTimeRange, urlUtil } from '@grafana/data';
import { CascadeDataSourceOptions } from '../datasource/types';
import { resolveMapping } from '../model';
import { quoteString } from '../backends/queryEscape';
import { assetTraceSearch } from '../backends/tempo/traceql';

/** A link to one of the asset's signals in Grafana Explore. */
export interface SignalLink {
  signal: 'Prometheus' | 'Loki' | 'Jaeger' | 'Tempo';
  title: string;
  href: string;
}

const rawToString = (v: RawTimeRange['from']) => (typeof v === 'string' ? v : String(v.valueOf()));

/**
 * Grafana Explore URL (schemaVersion 1 `panes` format) for one query on one data source, keeping the
 * page's time range (relative ranges stay relative).
 */
export function exploreUrl(
  datasource: { uid: string; type: string },
  query: Record<string, unknown>,
  range: RawTimeRange
): string {
  const panes = {
    cascade: {
      datasource: datasource.uid,
      queries: [{ refId: 'A', datasource, ...query }],
      range: { from: rawToString(range.from), to: rawToString(range.to) },
    },
  };
  return urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify(panes) });
}

/**
 * Explore links for an asset's metrics, logs and traces, built from the Cascade data source's
 * backend uids and signal mapping. Backends that are not configured get no link.
 */
export function signalLinks(
  asset: string,
  json: CascadeDataSourceOptions | undefined,
  range: RawTimeRange,
  traces: { backend: 'jaeger' | 'tempo'; uid?: string } = {
    backend: json?.tracesType ?? 'jaeger',
    uid: json?.tracesUid || json?.jaegerUid,
  }
): SignalLink[] {
  const m = resolveMapping(json?.mapping);
  const value = quoteString(asset);
  const links: SignalLink[] = [];
  if (json?.prometheusUid) {
    links.push({
      signal: 'Prometheus',
      title: 'Metrics in Explore',
      href: exploreUrl({ uid: json.prometheusUid, type: 'prometheus' }, { expr: `{${m.assetLabel}=${value}}` }, range),
    });
  }
  if (json?.lokiUid) {
    links.push({
      signal: 'Loki',
      title: 'Logs in Explore',
      href: exploreUrl(
        { uid: json.lokiUid, type: 'loki' },
        { expr: `${m.lokiSelector} | json | ${m.lokiAssetField}=${value}` },
        range
      ),
    });
  }
  if (traces.uid && traces.backend === 'tempo') {
    const { q } = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, [asset], 0, 0, 20);
    links.push({
      signal: 'Tempo',
      title: 'Traces in Explore',
      href: exploreUrl({ uid: traces.uid, type: 'tempo' }, { queryType: 'traceql', query: q }, range),
    });
  } else if (traces.uid) {
    links.push({
      signal: 'Jaeger',
      title: 'Traces in Explore',
      href: exploreUrl(
        { uid: traces.uid, type: 'jaeger' },
        { queryType: 'search', service: m.jaegerService, tags: `${m.jaegerAssetTag}=${value}` },
        range
      ),
    });
  }
  return links;
}

/** The asset in the Dagster UI (`<base>/assets/<key path>`), or undefined when no base URL is set. */
export function dagsterAssetUrl(base: string | undefined, asset: string): string | undefined {
  const b = base?.trim();
  if (!b || !/^https?:\/\//i.test(b)) {
    return undefined;
  }
  const path = asset
    .split('/')
    .filter(Boolean)
    .map((p) => encodeURIComponent(p))
    .join('/');
  return `${b.replace(/\/+$/, '')}/assets/${path}`;
}

/** Why a Dagster base URL cannot be used, or undefined (empty = no Dagster links, which is fine). */
export function dagsterUrlProblem(base: string): string | undefined {
  const b = base.trim();
  if (!b) {
    return undefined;
  }
  try {
    const u = new URL(b);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'Use an http:// or https:// URL.';
  } catch {
    return 'Enter a full URL such as http://dagster:3000.';
  }
}
