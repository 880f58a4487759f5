import { map, Observable, throwError } from 'rxjs';
import { parseErrorToQueryError } from '../../backends/client';
import { parsePromVector } from '../../backends/prometheus/parsePrometheus';
import { variableQuery } from '../../backends/prometheus/promql';
import { CascadeVariableQuery } from '../types';
import { backendUid, HandlerContext } from './context';

/** Distinct values (sorted) of assets, layers or owners: one Prometheus instant query. Errors name the backend. */
export function listValues(
  ctx: HandlerContext,
  kind: CascadeVariableQuery['kind'],
  layer?: string
): Observable<string[]> {
  const { uid, error } = backendUid(ctx, 'prometheus');
  if (!uid) {
    return throwError(() => new Error(error!.message));
  }
  const m = ctx.settings.mapping;
  const label = kind === 'layers' ? m.layerLabel : kind === 'owners' ? m.ownerLabel : m.assetLabel;
  return ctx.client
    .get({ backend: 'prometheus', uid, path: '/api/v1/query', params: { query: variableQuery(m, kind, layer) } })
    .pipe(
      map((res) => {
        if (!res.ok) {
          throw new Error(res.error.message);
        }
        const parsed = parsePromVector(res.body);
        if (!parsed.ok) {
          throw new Error(parseErrorToQueryError('prometheus', parsed.error).message);
        }
        const values = new Set<string>();
        for (const s of parsed.value) {
          const v = s.labels[label];
          if (v) {
            values.add(v);
          }
        }
        return Array.from(values).sort((a, b) => a.localeCompare(b));
      })
    );
}
