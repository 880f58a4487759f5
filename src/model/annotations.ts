import type { AssetSeverity } from './asset';

/** What an annotation marks: failed runs, an SLA breach, or an alert's pending or firing spell. */
export type AnnotationKind = 'failedRuns' | 'slaBreaches' | 'alerts';

/** Every annotation kind, in the order the editor lists them. */
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['failedRuns', 'slaBreaches', 'alerts'];

/** The kind as its tag reads on a dashboard (tags are what authors filter annotations by). */
export const ANNOTATION_KIND_TAG: Record<AnnotationKind, string> = {
  failedRuns: 'failed run',
  slaBreaches: 'SLA breach',
  alerts: 'alert',
};

/**
 * One event on an asset, overlaid on dashboards as a Grafana annotation: a point, or a region when
 * `timeEnd` is set (failures over several steps, a breach until the next update, an alert spell).
 */
export interface AssetAnnotation {
  /** ms epoch */
  time: number;
  /** ms epoch; undefined = a point. A region still open at the end of the range ends there, `ongoing`. */
  timeEnd?: number;
  ongoing: boolean;
  asset: string;
  kind: AnnotationKind;
  severity: Exclude<AssetSeverity, 'none'>;
  title: string;
  /** Words for the engineer on call. */
  text: string;
  /** asset, kind tag, severity (and the alert name for alerts). */
  tags: string[];
}
