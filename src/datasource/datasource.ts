import { DataSourceInstanceSettings } from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { FetchLike } from '../backends/client';
import { CascadeDataSourceBase, TemplateSrvLike } from './base';
import { CascadeDataSourceOptions } from './types';
import { CascadeVariableSupport } from './variables';

/**
 * The Cascade data source as Grafana instantiates it: Grafana's backendSrv and templateSrv by
 * default (tests inject stand-ins), plus dashboard variable support. All query logic is in
 * CascadeDataSourceBase (base.ts).
 */
export class CascadeDataSource extends CascadeDataSourceBase {
  constructor(
    instanceSettings: DataSourceInstanceSettings<CascadeDataSourceOptions>,
    backendSrv: FetchLike = getBackendSrv(),
    templateSrv: TemplateSrvLike = getTemplateSrv()
  ) {
    super(instanceSettings, backendSrv, templateSrv);
    this.variables = new CascadeVariableSupport(this);
  }
}
