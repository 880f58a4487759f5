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
      nowMs={Date.now()}
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

it('says a breach time already past is past, never as if it were coming', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  renderInApp(
    <ForecastList
      forecasts={[
        f('mrt', { state: 'blocked', summary: 'blocked by stg', blockedBy: ['stg'], slaBreachAt: now - 25 * 60_000 }),
        f('pub', { state: 'on-time', summary: 'next update in 5 min', slaBreachAt: now + 35 * 60_000 }),
      ]}
      nowMs={now}
    />
  );
  const [mrt, pub] = within(screen.getByRole('list', { name: 'Freshness forecast' })).getAllByRole('listitem');
  expect(mrt).toHaveTextContent('blocked by stg');
  expect(mrt).toHaveTextContent('past its SLA: breached 25 min ago');
  expect(mrt).not.toHaveTextContent(/SLA breach \d/);
  expect(pub).toHaveTextContent(/SLA breach 2026-01-01 \d\d:35:00 \(in 35 min\)/);
});
