import React, { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testIds } from '../../testIds';
import { emptyBackends, makeDataSource, promVector } from '../../testing/fakes';
import { installJsdomShims } from '../../testing/jsdomShims';
import { CascadeQuery } from '../types';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

beforeAll(installJsdomShims);

jest.setTimeout(30000);

// The data source runs for real over a stand-in backendSrv (Grafana's does not exist outside Grafana);
// the query starts as Grafana's annotation editor starts it: the support's default query.
function setup() {
  const { ds, requests } = makeDataSource(
    (req) =>
      req.params?.query?.startsWith('group by (asset_name)')
        ? { body: promVector([[{ asset_name: 'fct_glucose' }, 1]]) }
        : emptyBackends(req),
    { vars: { asset: ['a', 'b'] } }
  );
  const onChange = jest.fn();
  function Harness() {
    const [query, setQuery] = useState<CascadeQuery>({
      refId: 'Anno',
      ...ds.annotations!.getDefaultQuery!(),
    } as CascadeQuery);
    return (
      <AnnotationQueryEditor
        datasource={ds}
        query={query}
        onRunQuery={jest.fn()}
        onChange={(q) => {
          onChange(q);
          setQuery(q);
        }}
      />
    );
  }
  render(<Harness />);
  return { onChange, requests };
}

test('picks assets (names or $asset) and the kinds of events; all kinds start ticked', async () => {
  const { onChange, requests } = setup();
  expect(screen.getByTestId(testIds.datasource.annotationEditor)).toBeInTheDocument();
  // A checkbox's name is its label followed by its description.
  const kind = (label: string) => screen.getByRole('checkbox', { name: new RegExp(`^${label}`) });
  for (const k of ['Failed runs', 'SLA breaches', 'Alert state changes']) {
    expect(kind(k)).toBeChecked();
  }
  await userEvent.click(kind('SLA breaches'));
  expect(onChange).toHaveBeenLastCalledWith(
    expect.objectContaining({ queryType: 'annotations', annotationKinds: ['failedRuns', 'alerts'] })
  );
  expect(kind('SLA breaches')).not.toBeChecked();

  await waitFor(() => expect(requests.some((r) => r.params?.query?.startsWith('group by (asset_name)'))).toBe(true));
  await userEvent.click(screen.getByRole('combobox', { name: 'Assets' }));
  await userEvent.click(await screen.findByRole('option', { name: /\$asset/ }));
  expect(onChange).toHaveBeenLastCalledWith(
    expect.objectContaining({ assets: ['$asset'], annotationKinds: ['failedRuns', 'alerts'] })
  );
});
