import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, LoadingState } from '@grafana/data';
import { map, Observable } from 'rxjs';
import type { CascadeDataSourceBase } from './base';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import { listValues } from './handlers/variableValues';
import { CascadeVariableQuery } from './types';

/** Dashboard variables listing assets (optionally of one layer), layers or owners. */
export class CascadeVariableSupport extends CustomVariableSupport<CascadeDataSourceBase, CascadeVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly ds: CascadeDataSourceBase) {
    super();
  }

  query(request: DataQueryRequest<CascadeVariableQuery>): Observable<DataQueryResponse> {
    const q = request.targets[0] ?? { refId: 'A', kind: 'assets' };
    const layer = q.layer ? this.ds.interpolateText(q.layer, request.scopedVars) : undefined;
    return listValues(this.ds.handlerContext, q.kind ?? 'assets', layer).pipe(
      map((values) => ({ data: values.map((text) => ({ text, value: text })), state: LoadingState.Done }))
    );
  }
}
