import { DataSourceInstanceSettings } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { FetchLike } from '../backends/client';
import { CascadeDataSourceBase, TemplateSrvLike } from './base';
import { DatasourceTypeLookup } from './handlers/context';
import { CascadeDataSourceOptions } from './types';
import { CascadeVariableSupport } from './variables';
import { AnnotationQueryEditor } from './components/AnnotationQueryEditor';

/**
 * The Cascade data source as Grafana instantiates it: Grafana's backendSrv and templateSrv by
 * default (tests inject stand-ins), plus dashboard variable support. All query logic is in
 * CascadeDataSourceBase (base.ts). The trace backend's type (Jaeger or Tempo) is read from
 * Grafana's data source settings.
 */
export class CascadeDataSource extends CascadeDataSourceBase {
  constructor(
    instanceSettings: DataSourceInstanceSettings<CascadeDataSourceOptions>,
    backendSrv: FetchLike = getBackendSrv(),
    templateSrv: TemplateSrvLike = getTemplateSrv(),
    datasourceType: DatasourceTypeLookup = (uid) => getDataSourceSrv().getInstanceSettings(uid)?.type
  ) {
    super(instanceSettings, backendSrv, templateSrv, datasourceType);
    this.variables = new CascadeVariableSupport(this);
    // The pure parts are set in the base (they run in Node too); the editor is React.
    this.annotations = { ...this.annotations, QueryEditor: AnnotationQueryEditor };
  }
}
