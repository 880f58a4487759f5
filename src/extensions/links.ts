import { PluginExtensionAddedLinkConfig } from '@grafana/data';
import { assetListPath, assetSearchPath, OPEN_ASSET_TITLE } from './assetLinks';
import {
  configureAlertInstance,
  configureCommandPalette,
  configureExploreToolbar,
  configurePanelMenu,
  configureTraceSpan,
  SPAN_ASSET_ATTRIBUTE,
} from './configure';
import { EXTENSION_POINTS } from './extensionPoints';
import { Interpolate } from './queryAssets';

/**
 * Every link Cascade adds to Grafana, in registration order. plugin.json's `extensions.addedLinks`
 * must list each (same title and targets; Grafana refuses an undeclared link), checked by links.test.ts.
 *
 * `grafana/traceview/details` is registered as issue 15 asks, but Grafana (13.2) renders only the
 * Profiles Drilldown app's link there, with a context that names no span attribute; the link that
 * shows is the one on `grafana/traceview/resource-attributes`, next to the span's asset attribute.
 */
export function cascadeLinks(interpolate: Interpolate): Array<PluginExtensionAddedLinkConfig<object>> {
  // Grafana refuses a link without a path (or onClick); configure() points it at the asset.
  const assetPage = { title: OPEN_ASSET_TITLE, icon: 'external-link-alt' as const, path: assetListPath() };
  return [
    {
      ...assetPage,
      description: 'Open the asset of this span in Cascade',
      targets: [EXTENSION_POINTS.traceViewDetails],
      configure: configureTraceSpan,
    },
    {
      ...assetPage,
      description: 'Open the asset of this span in Cascade',
      targets: [EXTENSION_POINTS.traceViewAttributes],
      // The trace view puts a link beside the attribute row whose key equals its category.
      category: SPAN_ASSET_ATTRIBUTE,
      configure: configureTraceSpan,
    },
    {
      ...assetPage,
      description: 'Open the asset this alert is about in Cascade',
      targets: [EXTENSION_POINTS.alertInstanceAction],
      configure: configureAlertInstance,
    },
    {
      ...assetPage,
      description: 'Open the asset this panel shows in Cascade',
      targets: [EXTENSION_POINTS.dashboardPanelMenu],
      configure: (context) => configurePanelMenu(context, interpolate),
    },
    {
      ...assetPage,
      description: 'Open the asset these queries select in Cascade',
      targets: [EXTENSION_POINTS.exploreToolbarAction],
      configure: (context) => configureExploreToolbar(context, interpolate),
    },
    {
      title: 'Cascade: open asset…',
      description: 'Find an asset of the data pipeline in Cascade',
      icon: 'search',
      targets: [EXTENSION_POINTS.commandPalette],
      path: assetSearchPath(),
      configure: configureCommandPalette,
    },
  ];
}
