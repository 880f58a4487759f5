import { useEffect, useState } from 'react';
import { DataSourceApi, usePluginContext } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { DATASOURCE_TYPE } from '../constants';
import { CascadeDataSourceOptions, CascadeQuery } from '../datasource/types';
import { AppSettings } from '../types';

export type CascadeDataSource = DataSourceApi<CascadeQuery, CascadeDataSourceOptions>;

interface State {
  ds?: CascadeDataSource;
  error?: string;
  loading: boolean;
}

/** The app's settings (jsonData) from the plugin context Grafana renders app pages in. */
export function useAppSettings(): AppSettings {
  const context = usePluginContext();
  return (context?.meta?.jsonData ?? {}) as AppSettings;
}

/**
 * The Cascade data source instance the pages query: the one chosen in the app config, else the
 * first of its type. Pages go through it so they issue the same queries a dashboard panel would.
 */
export function useCascadeDatasource(): State {
  const { datasourceUid } = useAppSettings();
  const uid = datasourceUid || getDataSourceSrv().getList({ type: DATASOURCE_TYPE })[0]?.uid;
  const [state, setState] = useState<State & { uid?: string }>({ loading: true });
  useEffect(() => {
    if (!uid) {
      return;
    }
    let cancelled = false;
    getDataSourceSrv()
      .get(uid)
      .then(
        (ds) => !cancelled && setState({ uid, ds: ds as CascadeDataSource, loading: false }),
        (e) =>
          !cancelled &&
          setState({
            uid,
            loading: false,
            error: `Cascade data source "${uid}" could not be loaded: ${e?.message ?? e}`,
          })
      );
    return () => {
      cancelled = true;
    };
  }, [uid]);
  if (!uid) {
    return { loading: false, error: 'No Cascade data source is configured. Add one under Connections → Data sources.' };
  }
  return state.uid === uid ? { ds: state.ds, error: state.error, loading: state.loading } : { loading: true };
}
