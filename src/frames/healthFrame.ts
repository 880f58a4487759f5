import { DataFrame, FieldConfig, FieldType, MappingType, QueryResultMetaNotice, ValueMapping } from '@grafana/data';
import { AssetHealth, AssetStatus, ResolvedMapping } from '../model';
import { HEALTH_FIELDS as F, LIST_SEPARATOR, REASON_SEPARATOR } from './frameFields';
import { asNumber, asString, buildTable, ColumnSpec, readRows } from './frameKit';
import { ALL_STATUSES } from '../rules/healthRules';
import { quoteString } from '../backends/queryEscape';
import { assetPageLink, exploreLink, LinkTargets, traceDrilldownLink, traceExploreLinks } from './dataLinks';

export type { AppUrls, LinkTargets } from './dataLinks';
export { assetPageLink, exploreLink, traceDrilldownLink } from './dataLinks';

// Grafana's ${__data…} macro ignores formats, so the row carries its own escaped, quoted literal.
const ROW_ASSET = `\${__data.fields.${F.assetLiteral}}`;

/** Colour and text per status, for tables and stats (theme colour names, not hex). */
export const STATUS_COLORS: Record<AssetStatus, string> = {
  ok: 'green',
  unknown: 'text',
  warning: 'yellow',
  stale: 'orange',
  critical: 'red',
  failing: 'dark-red',
};

export function statusMappings(): ValueMapping[] {
  const options: Record<string, { color: string; text: string; index: number }> = {};
  ALL_STATUSES.forEach((s, index) => (options[s] = { color: STATUS_COLORS[s], text: s.toUpperCase(), index }));
  return [{ type: MappingType.ValueToText, options }];
}

function healthColumns(t: LinkTargets): Array<ColumnSpec<AssetHealth>> {
  const m = t.mapping;
  const A = m.assetLabel;
  const promLinks = (expr: string): FieldConfig =>
    t.prometheusUid ? { links: [exploreLink('Explore in Prometheus', t.prometheusUid, { expr })] } : {};
  const lokiErrors = `${m.lokiSelector} | json | ${m.lokiAssetField}=${ROW_ASSET} | ${m.lokiLevelField}="error"`;
  const num = (name: string, get: (r: AssetHealth) => unknown, config: FieldConfig = {}): ColumnSpec<AssetHealth> => ({
    name,
    type: FieldType.number,
    get,
    config,
  });
  const str = (name: string, get: (r: AssetHealth) => unknown, config: FieldConfig = {}): ColumnSpec<AssetHealth> => ({
    name,
    type: FieldType.string,
    get,
    config,
  });
  const assetLinks = [assetPageLink(t.app)];
  if (t.prometheusUid) {
    assetLinks.push(exploreLink('Explore metrics', t.prometheusUid, { expr: `{${A}=${ROW_ASSET}}` }));
  }
  const traceLinks = [traceDrilldownLink(t.app), ...traceExploreLinks(t)];
  return [
    str(F.asset, (r) => r.asset, { links: assetLinks, displayNameFromDS: 'Asset' }),
    str(F.layer, (r) => r.layer, { displayNameFromDS: 'Layer' }),
    str(F.owner, (r) => r.owner, { displayNameFromDS: 'Owner' }),
    str(F.status, (r) => r.status, { displayNameFromDS: 'Status', mappings: statusMappings() }),
    str(F.reasons, (r) => r.reasons.map((x) => x.split(REASON_SEPARATOR).join(', ')).join(REASON_SEPARATOR), {
      displayNameFromDS: 'Why',
    }),
    {
      name: F.lastUpdate,
      type: FieldType.time,
      get: (r) => r.lastUpdate,
      config: { displayNameFromDS: 'Last update' },
    },
    num(F.freshness, (r) => r.freshness, {
      unit: 's',
      displayNameFromDS: 'Age',
      ...promLinks(`time() - ${m.metrics.lastUpdateTimestamp}{${A}=${ROW_ASSET}}`),
    }),
    num(F.freshnessSla, (r) => r.freshnessSla, { unit: 's', displayNameFromDS: 'Freshness SLA' }),
    num(F.passRate, (r) => r.passRate, {
      unit: 'percent',
      displayNameFromDS: 'Pass rate',
      ...promLinks(`${m.metrics.passRate}{${A}=${ROW_ASSET}}`),
    }),
    num(F.runs, (r) => r.runs, {
      unit: 'none',
      decimals: 0,
      displayNameFromDS: 'Runs',
      ...promLinks(`${m.metrics.executionsTotal}{${A}=${ROW_ASSET}}`),
    }),
    num(F.failures, (r) => r.failures, {
      unit: 'none',
      decimals: 0,
      displayNameFromDS: 'Failures',
      ...promLinks(`${m.metrics.failuresTotal}{${A}=${ROW_ASSET}}`),
    }),
    num(F.errorRate, (r) => r.errorRate, { unit: 'percentunit', displayNameFromDS: 'Error rate' }),
    num(F.avgDuration, (r) => r.avgDuration, { unit: 's', displayNameFromDS: 'Avg duration' }),
    num(F.p95Duration, (r) => r.p95Duration, { unit: 's', displayNameFromDS: 'p95 duration' }),
    num(F.p99Duration, (r) => r.p99Duration, { unit: 's', displayNameFromDS: 'p99 duration' }),
    num(F.rowCount, (r) => r.rowCount, { unit: 'short', displayNameFromDS: 'Rows' }),
    num(F.errorLogs, (r) => r.errorLogs, {
      unit: 'none',
      decimals: 0,
      displayNameFromDS: 'Error logs',
      links: t.lokiUid ? [exploreLink('Explore error logs', t.lokiUid, { expr: lokiErrors })] : undefined,
    }),
    str(F.lastError, (r) => r.lastError, { displayNameFromDS: 'Last error' }),
    str(F.lastTraceId, (r) => r.lastTraceId, { displayNameFromDS: 'Last trace', links: traceLinks }),
    num(F.lastTraceDuration, (r) => r.lastTraceDuration, { unit: 'ms', displayNameFromDS: 'Last trace duration' }),
    str(F.upstream, (r) => r.upstream.join(LIST_SEPARATOR), { displayNameFromDS: 'Upstream' }),
    str(F.downstream, (r) => r.downstream.join(LIST_SEPARATOR), { displayNameFromDS: 'Downstream' }),
    str(F.assetLiteral, (r) => quoteString(r.asset), {
      displayNameFromDS: 'Asset (query literal)',
      custom: { hidden: true },
    }),
  ];
}

/** The `health` frame: one row per asset (field names in HEALTH_FIELDS). */
export function healthToFrame(
  rows: AssetHealth[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return buildTable('health', refId, healthColumns(links), rows, { preferredVisualisationType: 'table', notices });
}

const list = (v: unknown, sep: string): string[] => {
  const s = asString(v);
  return s ? s.split(sep) : [];
};

/** Reads a `health` frame back into rows, so pages render exactly what the data source computed. */
export function healthFromFrame(frame: DataFrame): AssetHealth[] {
  return readRows(frame, (get) => ({
    asset: asString(get(F.asset)) ?? '',
    layer: asString(get(F.layer)),
    owner: asString(get(F.owner)),
    status: (asString(get(F.status)) ?? 'unknown') as AssetStatus,
    reasons: list(get(F.reasons), REASON_SEPARATOR),
    lastUpdate: asNumber(get(F.lastUpdate)),
    freshness: asNumber(get(F.freshness)),
    freshnessSla: asNumber(get(F.freshnessSla)),
    passRate: asNumber(get(F.passRate)),
    runs: asNumber(get(F.runs)),
    failures: asNumber(get(F.failures)),
    errorRate: asNumber(get(F.errorRate)),
    avgDuration: asNumber(get(F.avgDuration)),
    p95Duration: asNumber(get(F.p95Duration)),
    p99Duration: asNumber(get(F.p99Duration)),
    rowCount: asNumber(get(F.rowCount)),
    errorLogs: asNumber(get(F.errorLogs)),
    lastError: asString(get(F.lastError)),
    lastTraceId: asString(get(F.lastTraceId)),
    lastTraceDuration: asNumber(get(F.lastTraceDuration)),
    upstream: list(get(F.upstream), LIST_SEPARATOR),
    downstream: list(get(F.downstream), LIST_SEPARATOR),
  }));
}
