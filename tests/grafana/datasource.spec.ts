import { expect, test } from '@grafana/plugin-e2e';

import { DATASOURCE_TYPE } from '../../src/constants';
import type { CascadeDataSourceOptions } from '../../src/datasource/types';
import { testIds } from '../../src/testIds';
import { screenshot } from './helpers';

// "Save & test" runs in the browser (the data source has no backend): it checks each configured
// backend through Grafana's data source proxy and reports them in one alert.

test.describe('Cascade data source in Grafana', () => {
  test('the provisioned data source passes its test against Prometheus, Loki and Jaeger', async ({
    readProvisionedDataSource,
    gotoDataSourceConfigPage,
    selectors,
    page,
  }) => {
    const provisioned = await readProvisionedDataSource<CascadeDataSourceOptions>({
      fileName: 'cascade.yaml',
      name: 'Cascade',
    });
    const configPage = await gotoDataSourceConfigPage(provisioned.uid);
    await expect(page.getByTestId(testIds.datasource.configEditor)).toBeVisible();
    // The demo needs a scrape or two, and a first log push and trace export, before all three pass.
    await expect(async () => {
      await configPage.getByGrafanaSelector(selectors.pages.DataSource.saveAndTest).click();
      await expect(configPage).toHaveAlert('success', {
        hasText: 'All 3 configured backends are working',
        timeout: 10_000,
      });
    }).toPass({ timeout: 90_000, intervals: [5_000] });
    await screenshot(page, 'datasource-config');
  });

  test('a new data source without backends fails its test and says why', async ({
    createDataSourceConfigPage,
    selectors,
  }) => {
    const configPage = await createDataSourceConfigPage({ type: DATASOURCE_TYPE });
    const save = configPage.saveAndTest({ path: selectors.apis.DataSource.datasourceByUID(configPage.datasource.uid) });
    await expect(save).toBeOK();
    await expect(configPage).toHaveAlert('error', { hasText: 'No backend configured' });
  });

  test('a new data source pointed at the stack tests its backends through the Grafana proxy', async ({
    createDataSourceConfigPage,
    readProvisionedDataSource,
    request,
  }) => {
    const provisioned = await readProvisionedDataSource<CascadeDataSourceOptions>({
      fileName: 'cascade.yaml',
      name: 'Cascade',
    });
    const configPage = await createDataSourceConfigPage({ type: DATASOURCE_TYPE });
    const ds = configPage.datasource;
    const jsonData = {
      prometheusUid: provisioned.jsonData.prometheusUid,
      lokiUid: provisioned.jsonData.lokiUid,
      jaegerUid: provisioned.jsonData.jaegerUid,
    };
    const put = await request.put(`/api/datasources/uid/${ds.uid}`, { data: { ...ds, jsonData } });
    expect(put.ok()).toBe(true);
    await configPage.goto();
    // The test's first proxied call must reach Prometheus through Grafana and succeed.
    await expect(configPage.saveAndTest({ path: `/api/datasources/proxy/uid/${jsonData.prometheusUid}/` })).toBeOK();
    await expect(configPage).toHaveAlert('success', { hasText: 'All 3 configured backends are working' });
  });
});
