/**
 * What Cascade reads from each extension point's context: the subset of the shapes Grafana passes.
 * Where @grafana/data types the context (PluginExtensionPanelContext,
 * PluginExtensionResourceAttributesContext, PluginExtensionCommandPaletteContext), the tests pass
 * values of those types, so the compiler proves these subsets fit. The others are typed only in
 * Grafana's core; their shapes are copied from it (source named on each).
 */

/** A query as dashboards and Explore store it: Grafana's DataQuery plus the fields Cascade reads. */
export interface TargetLike {
  refId?: string;
  hide?: boolean;
  datasource?: { type?: string; uid?: string } | null;
  /** Prometheus and Loki. */
  expr?: unknown;
  /** Cascade. */
  assets?: unknown;
}

/** Grafana's RawTimeRange: `now-6h` style strings or dates. */
export interface RawTimeLike {
  from: unknown;
  to: unknown;
}

/** `grafana/dashboard/panel/menu`: PluginExtensionPanelContext. */
export interface PanelContextLike {
  targets?: readonly TargetLike[];
  timeRange?: RawTimeLike;
  scopedVars?: Record<string, unknown>;
}

/**
 * `grafana/explore/toolbar/action`: Grafana's PluginExtensionExploreContext
 * (public/app/features/explore/extensions/ToolbarExtensionPoint.tsx): exploreId, targets, data,
 * timeRange (raw), timeZone, shouldShowAddCorrelation.
 */
export type ExploreContextLike = PanelContextLike;

/**
 * `grafana/alerting/instance/action`: Grafana's PluginExtensionAlertInstanceContext
 * (public/app/features/alerting/unified/components/rules/AlertInstanceExtensionPoint.tsx):
 * `{ rule?, instance: { labels, annotations, state, activeAt, value } }`.
 */
export interface AlertInstanceContextLike {
  instance?: { labels?: Record<string, string>; activeAt?: string | Date };
}

/**
 * Trace view span contexts. `grafana/traceview/resource-attributes` passes
 * PluginExtensionResourceAttributesContext (span and resource attributes, trace and span ids, time
 * range); `grafana/traceview/details` passes Profiles Drilldown's context (service name, profile
 * type, span selector, time range), which names no span attribute.
 */
export interface TraceSpanContextLike {
  attributes?: Record<string, string[]>;
  spanAttributes?: Record<string, string[]>;
  /** Epoch ms in the attributes context, a raw range in the details one. */
  timeRange?: RawTimeLike;
}
