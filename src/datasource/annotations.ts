import { AnnotationEvent, AnnotationQuery, AnnotationSupport, DataFrame } from '@grafana/data';
import { Observable, of } from 'rxjs';
import { AppUrls } from '../frames/dataLinks';
import { findFrames } from '../frames/frameKit';
import { annotationsFromFrame, toAnnotationEvent } from '../frames/annotationsFrame';
import { ANNOTATION_KINDS } from '../model';
import { CascadeQuery } from './types';

/** The query a new Cascade annotation starts with: every asset, every kind. */
export const DEFAULT_ANNOTATION_QUERY: Partial<CascadeQuery> = {
  queryType: 'annotations',
  assets: [],
  annotationKinds: [...ANNOTATION_KINDS],
};

/** The stored annotation's query, whatever shape it was saved in (a missing target = all assets, all kinds). */
export function annotationTarget(anno: AnnotationQuery<CascadeQuery>): CascadeQuery {
  const target: Partial<CascadeQuery> = anno.target ?? {};
  return { ...DEFAULT_ANNOTATION_QUERY, ...target, refId: target.refId || 'Anno', queryType: 'annotations' };
}

/**
 * Grafana's annotation support for the Cascade data source: the annotation's query runs through the
 * normal query() router as the `annotations` query type; its frame becomes events (regions when they
 * have an end, red or orange by severity, a link to the asset's page in the tooltip).
 */
export function cascadeAnnotationSupport(app: AppUrls): AnnotationSupport<CascadeQuery> {
  return {
    getDefaultQuery: () => ({ ...DEFAULT_ANNOTATION_QUERY }),
    prepareAnnotation: (json: AnnotationQuery<CascadeQuery>) => ({ ...json, target: annotationTarget(json) }),
    prepareQuery: (anno: AnnotationQuery<CascadeQuery>) => annotationTarget(anno),
    processEvents: (_anno: AnnotationQuery<CascadeQuery>, data: DataFrame[]): Observable<AnnotationEvent[]> =>
      of(
        findFrames(data, 'annotations')
          .flatMap(annotationsFromFrame)
          .map((row) => toAnnotationEvent(row, app))
      ),
  };
}
