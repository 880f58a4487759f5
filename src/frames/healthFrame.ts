import { DataFrame, FieldConfig, FieldType, MappingType, QueryResultMetaNotice, ValueMapping } from '@grafana/data';
import { AssetHealth, AssetSeverity, AssetStatus, ResolvedMapping } from '../model';
import { HEALTH_FIELDS as F } from './frameFields';
import { FrameSpec, readFrame, writeFrame } from './frameKit';
import { ALL_SEVERITIES, ALL_STATUSES, severityOf } from '../rules/healthRules';
import { quoteString } from '../backends/queryEscape';
import { assetPageLink, exploreLink, LinkTargets, traceDrilldownLink, traceExploreLinks } from './dataLinks';

export type { AppUrls, LinkTargets } from './dataLinks';
export { assetPageLink, exploreLink, traceDrilldownLink } from './dataLinks';

// Grafana's ${__data…} macro ignores formats, so the row carries its own escaped, quoted literal.
const ROW_ASSET = `\${__data.fields.${F.assetLiteral}}`;

/**
 * Colour per status word, for tables, stats and the lineage rings (theme colour names, not hex). A
 * status says what is wrong; how bad is the `severity` field, with its own colours.
 */
export const STATUS_COLORS: Record<AssetStatus, string> = {
  ok: 'green',
  unknown: 'text',
  quality: 'yellow',
  volume: 'purple',
  errors: 'red',
  stale: 'orange',
  failing: 'dark-red',
};

/** Colour per severity (how bad a status is). */
export const SEVERITY_FIELD_COLORS: Record<AssetSeverity, string> = {
  none: 'green',
  warning: 'orange',
  critical: 'red',
};

export function severityMappings(): ValueMapping[] {
  const options: Record<string, { color: string; text: string; index: number }> = {};
  ALL_SEVERITIES.forEach(
    (s, index) => (options[s] = { color: SEVERITY_FIELD_COLORS[s], text: s.toUpperCase(), index })
  );
  return [{ type: MappingType.ValueToText, options }];
}

export function statusMappings(): ValueMapping[] {
  const options: Record<string, { color: string; text: string; index: number }> = {};
  ALL_STATUSES.forEach((s, index) => (options[s] = { color: STATUS_COLORS[s], text: s.toUpperCase(), index }));
  return [{ type: MappingType.ValueToText, options }];
}

type HealthField = keyof typeof F & keyof AssetHealth;

/** Where a health field's Explore link points (PromQL over the row's own asset literal). */
function promLinks(t: LinkTargets, expr: (m: ResolvedMapping, asset: string) => string): FieldConfig {
  return t.prometheusUid
    ? { links: [exploreLink('Explore in Prometheus', t.prometheusUid, { expr: expr(t.mapping, ROW_ASSET) })] }
    : {};
}

const num = (key: HealthField, config: FieldConfig | ((t: LinkTargets) => FieldConfig) = {}) => ({
  name: F[key],
  key,
  type: FieldType.number,
  config,
});
const str = (key: HealthField, config: FieldConfig | ((t: LinkTargets) => FieldConfig) = {}) => ({
  name: F[key],
  key,
  type: FieldType.string,
  config,
});
const list = (key: HealthField, displayNameFromDS: string) => ({
  name: F[key],
  key,
  type: FieldType.other,
  config: { displayNameFromDS },
});

/** The `health` frame, declared once: one row per asset; the pages read it back with the same declaration. */
export const HEALTH_FRAME: FrameSpec<AssetHealth, LinkTargets> = {
  kind: 'health',
  emptyRow: () => ({ asset: '', status: 'unknown', reasons: [], upstream: [], downstream: [] }),
  fields: [
    str('asset', (t) => {
      const links = [assetPageLink(t.app)];
      if (t.prometheusUid) {
        links.push(exploreLink('Explore metrics', t.prometheusUid, { expr: `{${t.mapping.assetLabel}=${ROW_ASSET}}` }));
      }
      return { links, displayNameFromDS: 'Asset' };
    }),
    str('layer', { displayNameFromDS: 'Layer' }),
    str('owner', { displayNameFromDS: 'Owner' }),
    str('status', { displayNameFromDS: 'Status', mappings: statusMappings() }),
    str('severity', { displayNameFromDS: 'Severity', mappings: severityMappings() }),
    list('reasons', 'Why'),
    { name: F.lastUpdate, key: 'lastUpdate', type: FieldType.time, config: { displayNameFromDS: 'Last update' } },
    num('freshness', (t) => ({
      unit: 's',
      displayNameFromDS: 'Age',
      ...promLinks(t, (m, a) => `time() - ${m.metrics.lastUpdateTimestamp}{${m.assetLabel}=${a}}`),
    })),
    num('freshnessSla', { unit: 's', displayNameFromDS: 'Freshness SLA' }),
    num('passRate', (t) => ({
      unit: 'percent',
      displayNameFromDS: 'Pass rate',
      ...promLinks(t, (m, a) => `${m.metrics.passRate}{${m.assetLabel}=${a}}`),
    })),
    num('runs', (t) => ({
      unit: 'none',
      decimals: 0,
      displayNameFromDS: 'Runs',
      ...promLinks(t, (m, a) => `${m.metrics.executionsTotal}{${m.assetLabel}=${a}}`),
    })),
    num('failures', (t) => ({
      unit: 'none',
      decimals: 0,
      displayNameFromDS: 'Failures',
      ...promLinks(t, (m, a) => `${m.metrics.failuresTotal}{${m.assetLabel}=${a}}`),
    })),
    num('errorRate', { unit: 'percentunit', displayNameFromDS: 'Error rate' }),
    num('avgDuration', { unit: 's', displayNameFromDS: 'Avg duration' }),
    num('p95Duration', { unit: 's', displayNameFromDS: 'p95 duration' }),
    num('p99Duration', { unit: 's', displayNameFromDS: 'p99 duration' }),
    num('rowCount', { unit: 'short', displayNameFromDS: 'Rows' }),
    num('errorLogs', (t) => {
      const m = t.mapping;
      const expr = `${m.lokiSelector} | json | ${m.lokiAssetField}=${ROW_ASSET} | ${m.lokiLevelField}="error"`;
      return {
        unit: 'none',
        decimals: 0,
        displayNameFromDS: 'Error logs',
        links: t.lokiUid ? [exploreLink('Explore error logs', t.lokiUid, { expr })] : undefined,
      };
    }),
    str('lastError', { displayNameFromDS: 'Last error' }),
    str('lastTraceId', (t) => {
      const links = [traceDrilldownLink(t.app), ...traceExploreLinks(t)];
      return { displayNameFromDS: 'Last trace', links };
    }),
    num('lastTraceDuration', { unit: 'ms', displayNameFromDS: 'Last trace duration' }),
    list('upstream', 'Upstream'),
    list('downstream', 'Downstream'),
    list('rootCauses', 'Root causes'),
    { name: F.isRootCause, key: 'isRootCause', type: FieldType.boolean, config: { displayNameFromDS: 'Root cause' } },
    num('rowsPerRun', { unit: 'short', decimals: 0, displayNameFromDS: 'Rows per run' }),
    num('usualRowsPerRun', { unit: 'short', decimals: 0, displayNameFromDS: 'Usual rows per run' }),
    str('usualRowsPerRunFrom', { displayNameFromDS: 'Usual from' }),
    list('volumeAnomalies', 'Volume anomalies'),
    {
      name: F.assetLiteral,
      type: FieldType.string,
      write: (r) => quoteString(r.asset),
      config: { displayNameFromDS: 'Asset (query literal)', custom: { hidden: true } },
    },
  ],
};

/** The `health` frame: one row per asset (field names in HEALTH_FIELDS). */
export function healthToFrame(
  rows: AssetHealth[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return writeFrame(HEALTH_FRAME, rows, links, refId, { preferredVisualisationType: 'table', notices });
}

/** Reads a `health` frame back into rows, so pages render exactly what the data source computed. */
export function healthFromFrame(frame: DataFrame): AssetHealth[] {
  // Frames written before severities (or by hand) get their kind's default severity.
  return readFrame(HEALTH_FRAME, frame).map((r) => ({ ...r, severity: severityOf(r) }));
}
