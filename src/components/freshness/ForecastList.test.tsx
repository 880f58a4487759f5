import { screen, within } from '@testing-library/react';
import { FreshnessForecast } from '../../model';
import { renderInApp } from '../../testing/testUtils';
import { ForecastList } from './ForecastList';

const f = (asset: string, over: Partial<FreshnessForecast>): FreshnessForecast => ({
  asset,
  state: 'on-time',
  blockedBy: [],
  summary: '',
  ...over,
});

it('lists each asset with its state and sentence, in the given order', () => {
  renderInApp(
    <ForecastList
      forecasts={[
        f('mrt', { state: 'blocked', summary: 'blocked by fct_glucose_readings', blockedBy: ['fct_glucose_readings'] }),
        f('pub', { state: 'breach-predicted', summary: 'breaches its SLA in 35 min' }),
        f('stg', { state: 'late', summary: 'late by 12 min' }),
      ]}
    />
  );
  const items = within(screen.getByRole('list', { name: 'Freshness forecast' })).getAllByRole('listitem');
  expect(items.map((i) => i.textContent)).toEqual([
    expect.stringContaining('Blocked'),
    expect.stringContaining('breaches its SLA in 35 min'),
    expect.stringContaining('late by 12 min'),
  ]);
  expect(within(items[0]).getByRole('link', { name: 'mrt' })).toBeInTheDocument();
  expect(items[0]).toHaveTextContent('blocked by fct_glucose_readings');
});
