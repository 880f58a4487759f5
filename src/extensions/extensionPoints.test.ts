import { PluginExtensionPoints } from '@grafana/data';
import { EXTENSION_POINTS } from './extensionPoints';

describe('EXTENSION_POINTS', () => {
  it("spells @grafana/data's PluginExtensionPoints ids exactly", () => {
    expect(EXTENSION_POINTS).toEqual({
      traceViewDetails: PluginExtensionPoints.TraceViewDetails,
      traceViewAttributes: PluginExtensionPoints.TraceViewResourceAttributes,
      alertInstanceAction: PluginExtensionPoints.AlertInstanceAction,
      dashboardPanelMenu: PluginExtensionPoints.DashboardPanelMenu,
      exploreToolbarAction: PluginExtensionPoints.ExploreToolbarAction,
      commandPalette: PluginExtensionPoints.CommandPalette,
    });
  });
});
