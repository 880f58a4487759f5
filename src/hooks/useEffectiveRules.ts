import { useMemo } from 'react';
import { getDataSourceSrv } from '@grafana/runtime';
import { CascadeDataSourceOptions } from '../datasource/types';
import { HealthRules, resolveRules } from '../model';
import { useAppSettings } from './useCascadeDatasource';

/**
 * The Cascade data source's jsonData (backend uids, mapping) and the health rules the data source
 * applies to the app's queries: its defaults, then its own settings, then the app's `rules`.
 */
export function useEffectiveRules(dsUid: string | undefined): { json?: CascadeDataSourceOptions; rules: HealthRules } {
  const { rules: appRules } = useAppSettings();
  return useMemo(() => {
    const json = dsUid
      ? (getDataSourceSrv().getInstanceSettings(dsUid)?.jsonData as CascadeDataSourceOptions | undefined)
      : undefined;
    return { json, rules: resolveRules(json?.rules, appRules) };
  }, [dsUid, appRules]);
}
