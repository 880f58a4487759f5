/**
 * The Grafana extension points Cascade adds links to. Their ids are the values of @grafana/data's
 * `PluginExtensionPoints` (13.2), spelled out here because the enum is Grafana's runtime object: an
 * older Grafana's enum lacks newer members (TraceViewResourceAttributes is not in 12.0's), and a
 * missing member would register the link for `undefined`. extensionPoints.test.ts checks each id
 * against the enum.
 */
export const EXTENSION_POINTS = {
  /** Span details in Grafana's trace view (Grafana renders only Profiles Drilldown's link here, see links.ts). */
  traceViewDetails: 'grafana/traceview/details',
  /** Links beside a span's or resource's attribute in the trace view, matched to the row by `category`. */
  traceViewAttributes: 'grafana/traceview/resource-attributes',
  /** The actions menu of an alert instance. */
  alertInstanceAction: 'grafana/alerting/instance/action',
  /** A dashboard panel's menu (Extensions). */
  dashboardPanelMenu: 'grafana/dashboard/panel/menu',
  /** The Explore toolbar's "Add" menu. */
  exploreToolbarAction: 'grafana/explore/toolbar/action',
  /** Grafana's command palette (Ctrl/Cmd+K). */
  commandPalette: 'grafana/commandpalette/action',
} as const;

export type ExtensionPointId = (typeof EXTENSION_POINTS)[keyof typeof EXTENSION_POINTS];
