import React, { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataSourceInstanceSettings, DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourceSrv, setDataSourceSrv } from '@grafana/runtime';
import { testIds } from '../../testIds';
import { CascadeDataSourceOptions } from '../types';
import { installJsdomShims } from '../../testing/jsdomShims';
import { ConfigEditor } from './ConfigEditor';

// The DataSourceSrv exists only inside Grafana (DataSourcePicker lists installed data sources from it);
// this stand-in is registered through runtime's own setter.
const installed = [
  { uid: 'prom-1', name: 'Prometheus', type: 'prometheus' },
  { uid: 'loki-1', name: 'Loki', type: 'loki' },
  { uid: 'jaeger-1', name: 'Jaeger', type: 'jaeger' },
  { uid: 'tempo-1', name: 'Tempo', type: 'tempo' },
  { uid: 'other', name: 'TestData', type: 'testdata' },
].map(
  (d) =>
    ({
      ...d,
      id: 1,
      access: 'proxy',
      jsonData: {},
      readOnly: false,
      meta: { id: d.type, name: d.name, info: { logos: { small: '' } }, metrics: true },
    }) as unknown as DataSourceInstanceSettings
);

const dataSourceSrv = {
  getList: (filters: { type?: string | string[]; filter?: (ds: DataSourceInstanceSettings) => boolean } = {}) =>
    installed.filter(
      (d) => (!filters.type || [filters.type].flat().includes(d.type)) && (!filters.filter || filters.filter(d))
    ),
  getInstanceSettings: (ref: string | { uid?: string } | null | undefined) =>
    installed.find((d) => d.uid === (typeof ref === 'string' ? ref : ref?.uid)),
  get: jest.fn(),
  reload: jest.fn(),
};

beforeAll(() => {
  installJsdomShims();
  setDataSourceSrv(dataSourceSrv as unknown as DataSourceSrv);
});

jest.setTimeout(30000);

type Options = DataSourcePluginOptionsEditorProps<CascadeDataSourceOptions>['options'];

function setup(jsonData: CascadeDataSourceOptions = {}) {
  const changes: CascadeDataSourceOptions[] = [];
  function Harness() {
    const [options, setOptions] = useState({
      jsonData,
      uid: 'cascade',
      name: 'Cascade',
      type: 'cascade-pipeline-datasource',
    } as unknown as Options);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(o) => {
          changes.push(o.jsonData);
          setOptions(o);
        }}
      />
    );
  }
  render(<Harness />);
  return { last: () => changes[changes.length - 1] };
}

describe('ConfigEditor', () => {
  it('picks each backend by type and stores its uid', async () => {
    const user = userEvent.setup();
    const { last } = setup({ jaegerUid: 'jaeger-1' });
    expect(screen.getByTestId(testIds.datasource.configEditor)).toBeInTheDocument();
    await user.click(screen.getByLabelText('Prometheus'));
    // Filtered by type: only the Prometheus data source is offered.
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Prometheus']);
    await user.click(options[0]);
    await waitFor(() => expect(last()).toEqual({ prometheusUid: 'prom-1', jaegerUid: 'jaeger-1' }));
    await user.click(screen.getByLabelText('Loki'));
    const loki = await screen.findAllByRole('option');
    expect(loki.map((o) => o.textContent)).toEqual(['Loki']);
    await user.click(loki[0]);
    await waitFor(() => expect(last()).toEqual({ prometheusUid: 'prom-1', lokiUid: 'loki-1', jaegerUid: 'jaeger-1' }));
  });

  it('offers Jaeger and Tempo data sources as the trace backend and stores the pick with its type', async () => {
    const user = userEvent.setup();
    const { last } = setup({ jaegerUid: 'jaeger-1', tracesUid: 'jaeger-1' });
    await user.click(screen.getByLabelText('Traces'));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Jaeger', 'Tempo']);
    await user.click(options[1]);
    await waitFor(() => expect(last()).toEqual({ jaegerUid: 'tempo-1', tracesType: 'tempo' }));
    expect(last().tracesUid).toBeUndefined();
  });

  it('shows an older stored fraction in percent (provisioned maxErrorRate: 0.1 reads 10)', () => {
    setup({ rules: { maxErrorRate: 0.1 } });
    expect(screen.getByLabelText('Max error rate (%)')).toHaveValue(10);
  });

  it('stores rules (hours → seconds, error rate in % as shown), limits and timeout; blank means default', async () => {
    const user = userEvent.setup();
    const { last } = setup({ rules: { minPassRate: 90 } });
    await user.type(screen.getByLabelText('Freshness SLA warning (h)'), '1.5');
    await user.tab();
    expect(last().rules).toEqual({ minPassRate: 90, freshness: { warningSeconds: 5400 } });
    await user.type(screen.getByLabelText('Max error rate (%)'), '25');
    await user.tab();
    expect(last().rules?.maxErrorRatePercent).toBe(25);
    expect(last().rules).not.toHaveProperty('maxErrorRate', expect.anything());
    await user.clear(screen.getByLabelText('Min validation pass rate (%)'));
    await user.tab();
    expect(last().rules?.minPassRate).toBeUndefined();
    await user.type(screen.getByLabelText('Max log lines per query'), '200');
    await user.tab();
    expect(last().limits).toEqual({ maxLogLines: 200 });
    await user.type(screen.getByLabelText('Request timeout (s)'), '10');
    await user.tab();
    expect(last().timeoutMs).toBe(10000);
  });

  it('rejects out-of-range numbers without saving them', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    await user.type(screen.getByLabelText('Min validation pass rate (%)'), '150');
    await user.tab();
    expect(screen.getByText('Enter a number between 0 and 100')).toBeInTheDocument();
    expect(last()).toBeUndefined();
  });

  it('mapping is collapsed by default, shows seed defaults and flags invalid names', async () => {
    const user = userEvent.setup();
    const { last } = setup();
    expect(screen.queryByLabelText('Asset label (Prometheus)')).not.toBeInTheDocument();
    await user.click(screen.getByText('Signal mapping'));
    const assetLabel = screen.getByLabelText('Asset label (Prometheus)');
    expect(assetLabel).toHaveAttribute('placeholder', 'asset_name');
    expect(screen.getByLabelText('Loki stream selector')).toHaveAttribute('placeholder', '{job="dagster"}');
    await user.type(assetLabel, 'bad-label');
    expect(last().mapping?.assetLabel).toBe('bad-label');
    expect(screen.getByText(/asset label "bad-label" is not a valid label name/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Executions counter'), 'runs_total');
    expect(last().mapping?.metrics).toEqual({ executionsTotal: 'runs_total' });
  });
});
