import { DEFAULT_MAPPING } from '../model';
import { assetPagePath, assetSearchPath } from './assetLinks';
import { AlertInstanceContextLike, ExploreContextLike, PanelContextLike, TraceSpanContextLike } from './contexts';
import { Interpolate, oneAssetNamedBy } from './queryAssets';

/** What a configure() returns to show its link: where it points (Grafana hides the link on undefined). */
export interface LinkOverrides {
  path: string;
  description?: string;
}

/** The span attribute (Jaeger tag) carrying the asset: the data source's default mapping. */
export const SPAN_ASSET_ATTRIBUTE = DEFAULT_MAPPING.jaegerAssetTag;
/** The alert label carrying the asset: the seed's rules (and their Grafana-managed copies) use it. */
export const ALERT_ASSET_LABEL = DEFAULT_MAPPING.assetLabel;

const identity: Interpolate = (text) => text;

/** Trace view: shown when the span (or its resource) has the asset attribute. */
export function configureTraceSpan(context: Readonly<TraceSpanContextLike> | undefined): LinkOverrides | undefined {
  const asset =
    context?.spanAttributes?.[SPAN_ASSET_ATTRIBUTE]?.find((v) => v !== '') ??
    context?.attributes?.[SPAN_ASSET_ATTRIBUTE]?.find((v) => v !== '');
  if (asset === undefined) {
    return undefined;
  }
  return { path: assetPagePath(asset, context?.timeRange), description: `Open ${asset} in Cascade` };
}

/** Alert instance: shown when the alert carries the asset label. Opens the asset an hour before the alert. */
export function configureAlertInstance(
  context: Readonly<AlertInstanceContextLike> | undefined
): LinkOverrides | undefined {
  const asset = context?.instance?.labels?.[ALERT_ASSET_LABEL];
  if (!asset) {
    return undefined;
  }
  const activeAt = new Date(context?.instance?.activeAt ?? NaN).valueOf();
  // Grafana reports a never-active instance as 0001-01-01.
  const time = Number.isFinite(activeAt) && activeAt > 0 ? { from: activeAt - 3_600_000, to: 'now' } : undefined;
  return { path: assetPagePath(asset, time), description: `Open ${asset} in Cascade` };
}

/** Dashboard panel menu: shown when the panel's queries name exactly one asset. */
export function configurePanelMenu(
  context: Readonly<PanelContextLike> | undefined,
  interpolate: Interpolate = identity
): LinkOverrides | undefined {
  const asset = oneAssetNamedBy(context?.targets, interpolate, context?.scopedVars);
  if (asset === undefined) {
    return undefined;
  }
  return { path: assetPagePath(asset, context?.timeRange), description: `Open ${asset} in Cascade` };
}

/** Explore toolbar: the panel menu's rule, applied to the pane's queries. */
export function configureExploreToolbar(
  context: Readonly<ExploreContextLike> | undefined,
  interpolate: Interpolate = identity
): LinkOverrides | undefined {
  return configurePanelMenu(context, interpolate);
}

/** Command palette: always there; opens the asset list with its search box focused. */
export function configureCommandPalette(): LinkOverrides {
  return { path: assetSearchPath() };
}
