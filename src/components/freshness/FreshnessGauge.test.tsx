import { screen } from '@testing-library/react';
import { testIds } from '../../testIds';
import { FreshnessRow } from '../../views/freshness';
import { renderInApp } from '../../testing/testUtils';
import { FreshnessGauge } from './FreshnessGauge';

const row: FreshnessRow = {
  asset: 'never_ran',
  status: 'unknown',
  sla: { warningSeconds: 7200, criticalSeconds: 14400, source: 'default' },
  level: 'unknown',
  urgency: Number.NaN,
};

describe('FreshnessGauge', () => {
  it('explains an asset that never reported and has no samples', () => {
    renderInApp(
      <FreshnessGauge
        row={row}
        expression='time() - asset_last_update_timestamp{asset_name="never_ran"}'
        evaluatedAt={0}
        timeZone="utc"
      />
    );
    const card = screen.getByTestId(testIds.freshness.gauge('never_ran'));
    expect(screen.getByRole('meter', { name: 'Age of never_ran' })).toHaveAttribute('aria-valuetext', 'No data');
    expect(card).toHaveTextContent('never reported');
    expect(card).toHaveTextContent('no freshness samples in the range');
    expect(card).toHaveTextContent('warning after 2h, critical after 4h (default)');
  });
});
