/**
 * `/connections/datasources/edit/<uid>`: the data source's ConfigEditor from its own bundle, with
 * Grafana's "Save & test" (PUT the settings, reload the instance, call `testDatasource()`).
 * Provisioned data sources are read-only unless `editable: true`, as in Grafana: only "Test".
 */
import React, { useEffect, useState } from 'react';
import { DataSourcePlugin, DataSourcePluginMeta, DataSourceSettings } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, Stack } from '@grafana/ui';
import { useParams } from 'react-router-dom';
import type { SandboxDataSourceSrv } from '../dataSourceSrv';
import { useHost } from '../hostContext';
import { importDataSourcePlugin } from '../pluginImporter';
import { hostTestIds } from '../testIds';
import { AccessDenied, LoadError, Loading } from './Notices';
import { PageFrame } from './PageFrame';

interface TestResult {
  status: string;
  message: string;
  details?: { message?: string; verboseMessage?: string } | unknown;
}

export function DataSourceEditPage() {
  const { uid = '' } = useParams();
  const { role } = useHost();
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [plugin, setPlugin] = useState<DataSourcePlugin<any, any, any, any>>();
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<TestResult>();
  const [testing, setTesting] = useState(false);
  const instance = getDataSourceSrv().getInstanceSettings(uid);

  useEffect(() => {
    if (role !== 'Admin' || !instance) {
      return;
    }
    let cancelled = false;
    getBackendSrv()
      .get<DataSourceSettings>(`/api/datasources/uid/${encodeURIComponent(uid)}`)
      .then(
        (s) => !cancelled && setSettings(s),
        (e) => !cancelled && setError(e?.data?.message ?? String(e))
      );
    const meta = instance.meta as DataSourcePluginMeta;
    if (meta.module && !meta.module.startsWith('core:')) {
      importDataSourcePlugin(meta).then(
        (p) => !cancelled && setPlugin(p),
        (e: Error) => !cancelled && setError(e.message)
      );
    }
    return () => {
      cancelled = true;
    };
  }, [uid, role, instance]);

  if (role !== 'Admin') {
    return <AccessDenied what="Editing data sources" role={role} />;
  }
  if (!instance) {
    return <LoadError pluginId={uid} error={`No data source with uid "${uid}" is provisioned.`} />;
  }
  if (!(instance.meta as DataSourcePluginMeta).module) {
    return (
      <LoadError
        pluginId={instance.type}
        error={`Data source plugin "${instance.type}" is not installed (no plugin.json under dist/)`}
      />
    );
  }
  if (error) {
    return <LoadError pluginId={instance.type} error={error} />;
  }
  const core = (instance.meta as DataSourcePluginMeta).module.startsWith('core:');
  if (!settings || (!core && !plugin)) {
    return <Loading text={`Loading ${instance.name}…`} />;
  }
  const ConfigEditor = plugin?.components.ConfigEditor;

  const saveAndTest = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      const srv = getDataSourceSrv() as SandboxDataSourceSrv;
      if (!settings.readOnly) {
        const saved = await getBackendSrv().put<{ datasource: any }>(
          `/api/datasources/uid/${encodeURIComponent(uid)}`,
          settings
        );
        srv.update({ ...instance, ...saved.datasource, meta: instance.meta, url: instance.url });
      }
      await srv.reload();
      const ds = await srv.get(uid);
      const res = (await ds.testDatasource()) as TestResult;
      setResult(res);
    } catch (e: any) {
      setResult({ status: 'error', message: e?.data?.message ?? e?.message ?? String(e) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <PageFrame pageNav={{ text: instance.name, subTitle: `Type: ${instance.meta.name}` }}>
      <Stack direction="column" gap={2}>
        {settings.readOnly && (
          <Alert severity="info" title="Provisioned data source">
            This data source was added by config and cannot be modified using the UI. Edit the provisioning file
            instead.
          </Alert>
        )}
        {core ? (
          <Alert severity="info" title="Grafana core data source">
            {instance.name} proxies to {settings.url || '(no URL)'}. Its editor is part of Grafana, not of this sandbox.
          </Alert>
        ) : (
          ConfigEditor && <ConfigEditor options={settings} onOptionsChange={setSettings} />
        )}
        {result && (
          <div data-testid={hostTestIds.dsTestResult} data-status={result.status}>
            <Alert
              severity={result.status === 'success' ? 'success' : result.status === 'warning' ? 'warning' : 'error'}
              title={result.message}
            >
              {typeof (result.details as { message?: string })?.message === 'string'
                ? (result.details as { message: string }).message
                : null}
            </Alert>
          </div>
        )}
        {!core && (
          <Stack>
            <Button onClick={saveAndTest} disabled={testing} data-testid={hostTestIds.dsTestButton}>
              {settings.readOnly ? 'Test' : 'Save & test'}
            </Button>
          </Stack>
        )}
      </Stack>
    </PageFrame>
  );
}
