import { useEffect, useState } from 'react';
import type { PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';

export interface PluginSettingsState<T extends PluginMeta = PluginMeta> {
  meta?: T;
  error?: string;
  loading: boolean;
}

interface Fetched<T> {
  id: string;
  meta?: T;
  error?: string;
}

/** GET /api/plugins/<id>/settings on mount, as Grafana's app and plugin pages do. */
export function usePluginSettings<T extends PluginMeta = PluginMeta>(
  pluginId: string | undefined
): PluginSettingsState<T> {
  const [fetched, setFetched] = useState<Fetched<T>>();
  useEffect(() => {
    if (!pluginId) {
      return;
    }
    let cancelled = false;
    getBackendSrv()
      .get<T>(`/api/plugins/${encodeURIComponent(pluginId)}/settings`, undefined, undefined, { showErrorAlert: false })
      .then(
        (meta) => !cancelled && setFetched({ id: pluginId, meta }),
        (e) => !cancelled && setFetched({ id: pluginId, error: e?.data?.message ?? e?.message ?? String(e) })
      );
    return () => {
      cancelled = true;
    };
  }, [pluginId]);
  // Results for another id are stale: loading until this id's answer arrives.
  if (!fetched || fetched.id !== pluginId) {
    return { loading: true };
  }
  return { meta: fetched.meta, error: fetched.error, loading: false };
}
