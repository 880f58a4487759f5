import { AnnotationKind, ResolvedMapping } from '../../model';
import { labelMatcher } from '../queryEscape';
import { DIAGNOSIS_SIGNAL_LABEL } from './diagnosisQueries';
import { selector } from './promql';

/**
 * The one Prometheus range query behind the `annotations` query type: per asset the failures counter
 * and the last-update timestamp, and Prometheus' own `ALERTS` series for the assets, each part told
 * apart by DIAGNOSIS_SIGNAL_LABEL. One request whatever the number of assets.
 */

/** Values of DIAGNOSIS_SIGNAL_LABEL in the annotations answer. */
export type AnnotationSeries = 'failures' | 'lastUpdate' | 'alert';

/** Prometheus' series of active alerts (labels: alertname, alertstate and the rule's series labels). */
export const ALERTS_METRIC = 'ALERTS';

const tag = (expr: string, kind: AnnotationSeries) =>
  `label_replace(${expr}, "${DIAGNOSIS_SIGNAL_LABEL}", "${kind}", "", "")`;

/** The range query for the chosen kinds (an empty or missing list means all three). */
export function annotationRangeQuery(
  m: ResolvedMapping,
  assets: string[] | undefined,
  kinds: readonly AnnotationKind[]
): string {
  const A = m.assetLabel;
  const match = labelMatcher(A, assets);
  const sel = (metric: string) => selector(metric, [match]);
  const parts: string[] = [];
  if (kinds.includes('failedRuns')) {
    parts.push(tag(`sum by (${A}) (${sel(m.metrics.failuresTotal)})`, 'failures'));
  }
  if (kinds.includes('slaBreaches')) {
    parts.push(tag(`max by (${A}) (${sel(m.metrics.lastUpdateTimestamp)})`, 'lastUpdate'));
  }
  if (kinds.includes('alerts')) {
    // Only alerts that name an asset: an alert without the label is not about one.
    parts.push(tag(selector(ALERTS_METRIC, [match || `${A}!=""`]), 'alert'));
  }
  return parts.join(' or ');
}

/** At most this many steps per series: a 1 h range at the 15 s scrape interval, 7 d at 20 min. */
export const ANNOTATION_MAX_POINTS = 500;

/** Step in seconds of the annotations range query: the range over ANNOTATION_MAX_POINTS, never below the scrape interval. */
export function annotationStep(rangeSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(1, Math.round(scrapeIntervalSeconds), Math.ceil(rangeSeconds / ANNOTATION_MAX_POINTS));
}
