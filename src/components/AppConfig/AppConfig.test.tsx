import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppPlugin } from '@grafana/data';
import { BackendSrv, setBackendSrv } from '@grafana/runtime';
import { appMeta, FakeCascadeDataSource, installDataSources } from '../../testing/testUtils';
import { testIds } from '../../testIds';
import { AppSettings } from '../../types';
import AppConfig from './AppConfig';

// Grafana's backend service and data source registry only exist inside Grafana: both are replaced
// through Grafana's own setters (setBackendSrv, setDataSourceSrv in installDataSources).

function setup(settings: AppSettings = {}, post: jest.Mock = jest.fn().mockResolvedValue({})) {
  setBackendSrv({ post } as unknown as BackendSrv);
  installDataSources(
    new FakeCascadeDataSource({}, undefined, 'cascade', 'Cascade'),
    new FakeCascadeDataSource({}, undefined, 'cascade-prod', 'Cascade prod')
  );
  const plugin = new AppPlugin<AppSettings>();
  plugin.meta = appMeta(settings);
  const onSaved = jest.fn();
  render(<AppConfig plugin={plugin} query={{}} onSaved={onSaved} />);
  return { post, onSaved };
}

// Typing re-renders the whole form per keystroke, which is slow on a shared CI core.
jest.setTimeout(30000);

describe('AppConfig', () => {
  it('shows the saved settings, defaults for anything unset', () => {
    setup({
      dagsterUrl: 'http://dagster:3000',
      rules: {
        minPassRate: 99,
        freshnessOverrides: { daily_load: { warningSeconds: 86400, criticalSeconds: 129600 } },
      },
    });
    expect(screen.getByTestId(testIds.appConfig.slaWarning)).toHaveValue('2h');
    expect(screen.getByTestId(testIds.appConfig.slaCritical)).toHaveValue('4h');
    expect(screen.getByTestId(testIds.appConfig.passRate)).toHaveValue(99);
    expect(screen.getByTestId(testIds.appConfig.errorRate)).toHaveValue(10);
    expect(screen.getByTestId(testIds.appConfig.dagsterUrl)).toHaveValue('http://dagster:3000');
    expect(screen.getByLabelText('Override 1 asset')).toHaveValue('daily_load');
    expect(screen.getByLabelText('Override 1 warning after')).toHaveValue('1d');
    expect(screen.getByLabelText('Override 1 critical after')).toHaveValue('36h');
    cleanup();
    // Older settings stored a fraction: provisioned `maxErrorRate: 0.25` still shows 25 %.
    setup({ rules: { maxErrorRate: 0.25 } });
    expect(screen.getByTestId(testIds.appConfig.errorRate)).toHaveValue(25);
    cleanup();
    setup({ rules: { maxErrorRatePercent: 7.5 } });
    expect(screen.getByTestId(testIds.appConfig.errorRate)).toHaveValue(7.5);
  });

  it('saves the edited settings into jsonData through the plugin settings API, keeping enabled and pinned', async () => {
    const { post, onSaved } = setup({ datasourceUid: 'cascade', someOtherKey: 1 } as AppSettings);
    const user = userEvent.setup({ delay: null });
    const paste = async (el: HTMLElement, text: string) => {
      await user.clear(el);
      await user.click(el);
      await user.paste(text);
    };
    await paste(screen.getByTestId(testIds.appConfig.slaWarning), '90m');
    await paste(screen.getByTestId(testIds.appConfig.errorRate), '5');
    await user.click(screen.getByRole('button', { name: 'Add override' }));
    await paste(screen.getByLabelText('Override 1 asset'), 'publish_to_postgres');
    await user.type(screen.getByLabelText('Override 1 warning after'), '1h');
    await user.type(screen.getByLabelText('Override 1 critical after'), '3h');
    await paste(screen.getByTestId(testIds.appConfig.dagsterUrl), 'http://dagster:3000/');
    await user.click(screen.getByTestId(testIds.appConfig.submit));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith('/api/plugins/cascade-pipeline-app/settings', {
      enabled: true,
      pinned: true,
      jsonData: {
        someOtherKey: 1,
        datasourceUid: 'cascade',
        dagsterUrl: 'http://dagster:3000/',
        rules: {
          freshness: { warningSeconds: 5400, criticalSeconds: 14400 },
          freshnessOverrides: { publish_to_postgres: { warningSeconds: 3600, criticalSeconds: 10800 } },
          minPassRate: 95,
          // Stored in the unit the form shows.
          maxErrorRatePercent: 5,
        },
      },
    });
  });

  it('picks the Cascade data source from the ones of its type', async () => {
    const { post } = setup();
    const user = userEvent.setup({ delay: null });
    await user.click(within(screen.getByTestId(testIds.appConfig.datasource)).getByRole('combobox'));
    await user.click(await screen.findByText('Cascade prod'));
    await user.click(screen.getByTestId(testIds.appConfig.submit));
    await waitFor(() => expect(post).toHaveBeenCalled());
    expect(post.mock.calls[0][1].jsonData.datasourceUid).toBe('cascade-prod');
  });

  it('refuses to save invalid values and says why', async () => {
    const { post } = setup();
    const user = userEvent.setup({ delay: null });
    await user.clear(screen.getByTestId(testIds.appConfig.slaCritical));
    await user.type(screen.getByTestId(testIds.appConfig.slaCritical), '1h');
    await user.click(screen.getByRole('button', { name: 'Add override' }));
    await user.click(screen.getByTestId(testIds.appConfig.dagsterUrl));
    await user.paste('dagster:3000');
    await user.click(screen.getByTestId(testIds.appConfig.submit));
    expect(await screen.findByText('Critical must be longer than warning.')).toBeInTheDocument();
    expect(screen.getByText('Enter the asset name.')).toBeInTheDocument();
    expect(screen.getByText('Use an http:// or https:// URL.')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('removes an override', async () => {
    setup({
      rules: {
        freshnessOverrides: {
          a: { warningSeconds: 60, criticalSeconds: 120 },
          b: { warningSeconds: 60, criticalSeconds: 120 },
        },
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Remove override 1' }));
    expect(screen.getByLabelText('Override 1 asset')).toHaveValue('b');
    expect(screen.queryByLabelText('Override 2 asset')).not.toBeInTheDocument();
  });

  it('shows the API error when saving fails', async () => {
    const { onSaved } = setup({}, jest.fn().mockRejectedValue({ data: { message: 'Permission denied' } }));
    await userEvent.click(screen.getByTestId(testIds.appConfig.submit));
    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
