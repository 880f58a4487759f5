import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { CascadeDataSource } from './datasource';
import { CascadeDataSourceOptions, CascadeQuery } from './types';

export const plugin = new DataSourcePlugin<CascadeDataSource, CascadeQuery, CascadeDataSourceOptions>(CascadeDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
