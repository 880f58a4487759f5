import { AnnotationEvent, DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';
import { AssetAnnotation } from '../model';
import { AppUrls, assetPageLink, LinkTargets } from './dataLinks';
import { ANNOTATION_FIELDS as F } from './frameFields';
import { FrameSpec, readFrame, writeFrame } from './frameKit';

/** Annotation colour by severity (Grafana's named colours, resolved by the theme). */
export const ANNOTATION_COLORS: Record<AssetAnnotation['severity'], string> = { critical: 'red', warning: 'orange' };

/**
 * The `annotations` frame, declared once: one row per event, with the fields Grafana's annotation
 * processing maps by name (time, timeEnd, title, text, tags as a list, color) plus the asset (linked
 * to its page), kind, severity and whether the event was still open at the end of the range.
 */
export const ANNOTATIONS_FRAME: FrameSpec<AssetAnnotation, LinkTargets> = {
  kind: 'annotations',
  emptyRow: () => ({
    time: 0,
    ongoing: false,
    asset: '',
    kind: 'failedRuns',
    severity: 'warning',
    title: '',
    text: '',
    tags: [],
  }),
  fields: [
    { name: F.time, key: 'time', type: FieldType.time, config: { displayNameFromDS: 'Time' } },
    { name: F.timeEnd, key: 'timeEnd', type: FieldType.time, config: { displayNameFromDS: 'End' } },
    { name: F.title, key: 'title', type: FieldType.string, config: { displayNameFromDS: 'Title' } },
    { name: F.text, key: 'text', type: FieldType.string, config: { displayNameFromDS: 'What happened' } },
    { name: F.tags, key: 'tags', type: FieldType.other, config: { displayNameFromDS: 'Tags' } },
    {
      name: F.color,
      type: FieldType.string,
      write: (r) => ANNOTATION_COLORS[r.severity],
      config: { custom: { hidden: true } },
    },
    {
      name: F.asset,
      key: 'asset',
      type: FieldType.string,
      config: (t) => ({ displayNameFromDS: 'Asset', links: [assetPageLink(t.app)] }),
    },
    { name: F.kind, key: 'kind', type: FieldType.string, config: { displayNameFromDS: 'Kind' } },
    { name: F.severity, key: 'severity', type: FieldType.string, config: { displayNameFromDS: 'Severity' } },
    { name: F.ongoing, key: 'ongoing', type: FieldType.boolean, config: { displayNameFromDS: 'Still open' } },
  ],
};

/** The `annotations` frame (notices: events left out past the limit). */
export function annotationsToFrame(
  rows: readonly AssetAnnotation[],
  refId: string | undefined,
  links: LinkTargets,
  notices: QueryResultMetaNotice[] = []
): DataFrame {
  return writeFrame(ANNOTATIONS_FRAME, rows, links, refId, { preferredVisualisationType: 'table', notices });
}

/** Reads an `annotations` frame back into events. */
export function annotationsFromFrame(frame: DataFrame): AssetAnnotation[] {
  return readFrame(ANNOTATIONS_FRAME, frame);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * One event as Grafana's AnnotationEvent: a region when it has an end, coloured by severity, its
 * text (HTML in Grafana's tooltip, so escaped) followed by a link to the asset's page in Cascade.
 */
export function toAnnotationEvent(row: AssetAnnotation, app: AppUrls): AnnotationEvent {
  const href = `${app.assetPage}/${encodeURIComponent(row.asset)}`;
  const isRegion = row.timeEnd !== undefined && row.timeEnd > row.time;
  return {
    time: row.time,
    timeEnd: isRegion ? row.timeEnd : undefined,
    isRegion,
    title: row.title,
    text: `${escapeHtml(row.text)}<br /><a href="${escapeHtml(href)}">Open ${escapeHtml(row.asset)} in Cascade</a>`,
    tags: [...row.tags],
    color: ANNOTATION_COLORS[row.severity],
  };
}
