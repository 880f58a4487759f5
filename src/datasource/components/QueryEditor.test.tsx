import React, { useState } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testIds } from '../../testIds';
import { emptyBackends, makeDataSource, promVector } from '../../testing/fakes';
import { CascadeQuery } from '../types';
import { installJsdomShims } from '../../testing/jsdomShims';
import { QueryEditor } from './QueryEditor';

beforeAll(installJsdomShims);

jest.setTimeout(30000);

// The data source runs for real over a stand-in backendSrv (Grafana's does not exist outside Grafana):
// the asset list comes from its metricFindQuery → one Prometheus query.
function setup(initial: Partial<CascadeQuery>) {
  const { ds, requests } = makeDataSource(
    (req) =>
      req.params?.query?.startsWith('group by (asset_name)')
        ? {
            body: promVector([
              [{ asset_name: 'stg_glucose' }, 1],
              [{ asset_name: 'fct_glucose' }, 1],
            ]),
          }
        : emptyBackends(req),
    { vars: { asset: ['a', 'b'] } }
  );
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  function Harness() {
    const [query, setQuery] = useState<CascadeQuery>({ refId: 'A', queryType: 'health', ...initial } as CascadeQuery);
    return (
      <QueryEditor
        datasource={ds}
        query={query}
        onRunQuery={onRunQuery}
        onChange={(q) => {
          onChange(q);
          setQuery(q);
        }}
      />
    );
  }
  render(<Harness />);
  return { onChange, onRunQuery, requests };
}

describe('QueryEditor', () => {
  it('switches the query type and shows that type’s fields', async () => {
    const { onChange, onRunQuery } = setup({});
    const group = screen.getByTestId(testIds.datasource.queryType);
    expect(screen.queryByLabelText('Search')).not.toBeInTheDocument();
    await userEvent.click(within(group).getByRole('radio', { name: 'Logs' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'logs' }));
    expect(onRunQuery).toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('Search'), 'timeout');
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'logs', search: 'timeout' }));
    expect(screen.getByLabelText('Trace ID')).toBeInTheDocument();
    expect(screen.getByLabelText('Limit')).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('radio', { name: 'Trace' }));
    expect(screen.queryByTestId(testIds.datasource.assets)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Trace ID'), 'abc123');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'trace', traceId: 'abc123' }));
  });

  it('offers assets from the data source and dashboard variables, and stores the picks', async () => {
    const { onChange, requests } = setup({});
    await waitFor(() => expect(requests.some((r) => r.params?.query?.startsWith('group by (asset_name)'))).toBe(true));
    const input = screen.getByTestId(testIds.datasource.assets);
    expect(input).toHaveAttribute('role', 'combobox');
    await userEvent.click(input);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('$asset'), 'stg_glucose', 'fct_glucose'])
    );
    await userEvent.click(screen.getByRole('option', { name: 'fct_glucose' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ assets: ['fct_glucose'] }));
    await userEvent.click(screen.getByRole('option', { name: /\$asset/ }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ assets: ['fct_glucose', '$asset'] }));
  });

  it('metrics: metric and statistic', async () => {
    const { onChange } = setup({ queryType: 'metrics' });
    await userEvent.click(screen.getByRole('radio', { name: 'p95' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ stat: 'p95' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Metric' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Validation pass rate' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ metric: 'passRate' }));
    expect(screen.queryByRole('radio', { name: 'p95' })).not.toBeInTheDocument();
  });
});
