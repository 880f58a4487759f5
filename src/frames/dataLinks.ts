import { DataLink } from '@grafana/data';
import { ResolvedMapping } from '../model';

/**
 * Where the app's pages live. The data source receives them as configuration (see datasource/settings.ts)
 * instead of importing the app's routes, so the frames do not depend on the app.
 */
export interface AppUrls {
  /** Asset page base; the asset name is appended as a path segment. */
  assetPage: string;
  /** Trace drill-down base; the trace id is appended as a path segment. */
  trace: string;
}

/** Where data links point: the app's pages, and Explore with the backends' uids and the names used in their queries. */
export interface LinkTargets {
  prometheusUid?: string;
  lokiUid?: string;
  /** The trace backend's uid (a Jaeger or a Tempo data source) and which of the two it is. */
  jaegerUid?: string;
  tracesType?: 'jaeger' | 'tempo';
  mapping: ResolvedMapping;
  app: AppUrls;
}

/** App page of the field's value (an asset name); `percentencode` keeps odd names intact in the path. */
export const assetPageLink = (app: AppUrls, fieldValue = '${__value.raw:percentencode}'): DataLink => ({
  title: 'Asset health',
  url: `${app.assetPage}/${fieldValue}`,
});

/** Cascade's trace drill-down for the field's value (a trace id). */
export const traceDrilldownLink = (app: AppUrls): DataLink => ({
  title: 'Trace drill-down',
  url: `${app.trace}/\${__value.raw:percentencode}`,
});

/** An Explore link to another data source with a query (Grafana "internal" data link). */
export function exploreLink(title: string, uid: string, query: Record<string, unknown>): DataLink {
  return { title, url: '', internal: { datasourceUid: uid, datasourceName: uid, query: { refId: 'A', ...query } } };
}

/**
 * Explore links for the field's value (a trace id) on the trace backend: Jaeger's trace id query, or
 * a Tempo TraceQL query that is the trace id (Tempo's data source opens it as a lookup).
 */
export function traceExploreLinks(links: Pick<LinkTargets, 'jaegerUid' | 'tracesType'>): DataLink[] {
  if (!links.jaegerUid) {
    return [];
  }
  return links.tracesType === 'tempo'
    ? [exploreLink('Open in Tempo (Explore)', links.jaegerUid, { queryType: 'traceql', query: '${__value.raw}' })]
    : [exploreLink('Open in Jaeger (Explore)', links.jaegerUid, { query: '${__value.raw}' })];
}
