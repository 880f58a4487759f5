import { PLUGIN_BASE_URL, ROUTES } from '../constants';

/** Absolute app URL of a route, e.g. prefixRoute(ROUTES.Assets, 'fct_glucose_readings'). */
export function prefixRoute(route: ROUTES | string, ...params: string[]): string {
  const tail = params.map((p) => `/${encodeURIComponent(p)}`).join('');
  return `${PLUGIN_BASE_URL}/${route}${tail}`;
}

/** URL of one asset's health page. */
export const assetUrl = (asset: string) => prefixRoute(ROUTES.Assets, asset);

/** URL of the Lineage page focused on the incident whose root cause is `root`. */
export const lineageIncidentUrl = (root: string) =>
  `${prefixRoute(ROUTES.Lineage)}?${new URLSearchParams({ incident: root }).toString()}`;

/** URL of the trace drill-down for one trace id. */
export const traceUrl = (traceId: string) => prefixRoute(ROUTES.Traces, traceId);

/** URL of the run comparison: `trace` against `baseline` (without it, the asset's last good run). */
export function compareUrl({ asset, trace, baseline }: { asset?: string; trace: string; baseline?: string }): string {
  const params = new URLSearchParams();
  if (asset) {
    params.set('asset', asset);
  }
  params.set('trace', trace);
  if (baseline) {
    params.set('baseline', baseline);
  }
  return `${prefixRoute(ROUTES.Compare)}?${params.toString()}`;
}

/** URL of the Traces list, optionally filtered to one asset and/or failed traces. */
export function tracesListUrl(filter: { asset?: string; status?: 'error' | 'ok' } = {}): string {
  const params = new URLSearchParams();
  if (filter.asset) {
    params.set('asset', filter.asset);
  }
  if (filter.status) {
    params.set('status', filter.status);
  }
  const query = params.toString();
  return prefixRoute(ROUTES.Traces) + (query ? `?${query}` : '');
}
