import { dateTimeFormat, TimeZone } from '@grafana/data';
import { Incident } from '../model';
import { slaBreachWords } from './freshness';

/**
 * Incidents in words for the Overview and the asset page (issue 12):
 * "fct_glucose_readings failing since 14:02 → 3 assets impacted, 2 owners, first SLA breach 15:10".
 */

/** "14:02" (HH:mm in the dashboard's time zone); today's times need no date on an on-call screen. */
function clock(ms: number, timeZone?: TimeZone): string {
  return dateTimeFormat(ms, { timeZone, format: 'HH:mm' });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The incident's one-line headline. Seen from `nowMs` (the range's end), a first SLA breach already
 * past reads "SLA breached 25 min ago", never a past time as if it were coming.
 */
export function incidentHeadline(i: Incident, timeZone?: TimeZone, nowMs?: number): string {
  const since = i.since !== undefined ? ` since ${clock(i.since, timeZone)}` : '';
  const parts = [
    plural(i.impacted.length, 'asset impacted', 'assets impacted'),
    plural(i.owners.length, 'owner', 'owners'),
  ];
  if (i.firstSlaBreachAt !== undefined) {
    const breach = nowMs === undefined ? undefined : slaBreachWords(i.firstSlaBreachAt, nowMs);
    parts.push(breach?.past ? `SLA ${breach.words}` : `first SLA breach ${clock(i.firstSlaBreachAt, timeZone)}`);
  }
  return `${i.root} ${i.status}${since} → ${parts.join(', ')}`;
}

/** What the asset page says about an asset's place in the incidents: "caused by" and "causing". */
export interface AssetCausality {
  /** The root causes upstream of it (empty for roots and healthy assets). */
  causedBy: string[];
  /** When it is a root cause: the unhealthy assets it impacts. */
  causing: string[];
  /** When it is a root cause: every descendant (its blast radius). */
  blastRadius: string[];
}

/** The asset's causality from the incidents (the `incidents` frame read back). */
export function assetCausality(asset: string, incidents: readonly Incident[]): AssetCausality {
  const own = incidents.find((i) => i.root === asset);
  const causedBy = incidents.filter((i) => i.impacted.includes(asset)).map((i) => i.root);
  return { causedBy, causing: own?.impacted ?? [], blastRadius: own?.blastRadius ?? [] };
}
