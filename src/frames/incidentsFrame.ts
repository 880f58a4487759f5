import { DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';
import { FreshnessForecast, Incident } from '../model';
import { assetPageLink, LinkTargets } from './dataLinks';
import { FORECAST_FIELDS as P, INCIDENTS_FIELDS as I } from './frameFields';
import { FrameSpec, readFrame, writeFrame } from './frameKit';
import { statusMappings } from './healthFrame';

/**
 * The `incidents` query's frames (issue 12), declared once: `incidents` (one row per root cause) and
 * `forecast` (one row per asset, soonest SLA breach first). Field names are a public contract.
 */

const list = (key: keyof typeof I & keyof Incident, displayNameFromDS: string) => ({
  name: I[key],
  key,
  type: FieldType.other,
  config: { displayNameFromDS },
});

/** One row per root cause, sorted by severity then blast radius. */
export const INCIDENTS_FRAME: FrameSpec<Incident, LinkTargets> = {
  kind: 'incidents',
  emptyRow: () => ({
    root: '',
    status: 'unknown',
    reasons: [],
    impacted: [],
    blastRadius: [],
    owners: [],
    inCycle: false,
  }),
  fields: [
    {
      name: I.root,
      key: 'root',
      type: FieldType.string,
      config: (t) => ({ displayNameFromDS: 'Root cause', links: [assetPageLink(t.app)] }),
    },
    {
      name: I.status,
      key: 'status',
      type: FieldType.string,
      config: { displayNameFromDS: 'Status', mappings: statusMappings() },
    },
    list('reasons', 'Why'),
    { name: I.since, key: 'since', type: FieldType.time, config: { displayNameFromDS: 'Since' } },
    {
      name: I.impactedCount,
      type: FieldType.number,
      write: (r) => r.impacted.length,
      config: { displayNameFromDS: 'Impacted', decimals: 0 },
    },
    list('impacted', 'Impacted assets'),
    {
      name: I.blastRadiusCount,
      type: FieldType.number,
      write: (r) => r.blastRadius.length,
      config: { displayNameFromDS: 'Blast radius', decimals: 0 },
    },
    list('blastRadius', 'Downstream assets'),
    list('owners', 'Owners to notify'),
    {
      name: I.firstSlaBreachAt,
      key: 'firstSlaBreachAt',
      type: FieldType.time,
      config: { displayNameFromDS: 'First SLA breach' },
    },
    {
      name: I.firstSlaBreachAsset,
      key: 'firstSlaBreachAsset',
      type: FieldType.string,
      config: { displayNameFromDS: 'Breaches first' },
    },
    { name: I.inCycle, key: 'inCycle', type: FieldType.boolean, config: { displayNameFromDS: 'On a cycle' } },
  ],
};

/** One row per asset: its freshness forecast. */
export const FORECAST_FRAME: FrameSpec<FreshnessForecast, LinkTargets> = {
  kind: 'forecast',
  emptyRow: () => ({ asset: '', state: 'on-time', blockedBy: [], summary: '' }),
  fields: [
    {
      name: P.asset,
      key: 'asset',
      type: FieldType.string,
      config: (t) => ({ displayNameFromDS: 'Asset', links: [assetPageLink(t.app)] }),
    },
    { name: P.state, key: 'state', type: FieldType.string, config: { displayNameFromDS: 'Forecast' } },
    { name: P.summary, key: 'summary', type: FieldType.string, config: { displayNameFromDS: 'In words' } },
    { name: P.slaBreachAt, key: 'slaBreachAt', type: FieldType.time, config: { displayNameFromDS: 'SLA breach' } },
    {
      name: P.expectedNextUpdate,
      key: 'expectedNextUpdate',
      type: FieldType.time,
      config: { displayNameFromDS: 'Expected update' },
    },
    { name: P.lastUpdate, key: 'lastUpdate', type: FieldType.time, config: { displayNameFromDS: 'Last update' } },
    {
      name: P.cadenceSeconds,
      key: 'cadenceSeconds',
      type: FieldType.number,
      config: { displayNameFromDS: 'Cadence', unit: 's' },
    },
    {
      name: P.cadenceSource,
      key: 'cadenceSource',
      type: FieldType.string,
      config: { displayNameFromDS: 'Cadence from' },
    },
    { name: P.blockedBy, key: 'blockedBy', type: FieldType.other, config: { displayNameFromDS: 'Blocked by' } },
  ],
};

/** The `incidents` frame (notices: dependency cycles, limits). */
export function incidentsToFrame(
  rows: readonly Incident[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
) {
  return writeFrame(INCIDENTS_FRAME, rows, links, refId, { preferredVisualisationType: 'table', notices });
}

/** Reads an `incidents` frame back into incidents. */
export function incidentsFromFrame(frame: DataFrame): Incident[] {
  return readFrame(INCIDENTS_FRAME, frame);
}

/** The `forecast` frame. */
export function forecastToFrame(rows: readonly FreshnessForecast[], refId: string | undefined, links: LinkTargets) {
  return writeFrame(FORECAST_FRAME, rows, links, refId, { preferredVisualisationType: 'table' });
}

/** Reads a `forecast` frame back into forecasts. */
export function forecastFromFrame(frame: DataFrame): FreshnessForecast[] {
  return readFrame(FORECAST_FRAME, frame);
}
