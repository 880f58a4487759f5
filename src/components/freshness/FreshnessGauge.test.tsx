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

  it('says an asset whose every run failed has had no success, not "within SLA 100%"', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    renderInApp(
      <FreshnessGauge
        row={{
          ...row,
          asset: 'fct',
          status: 'failing',
          severity: 'critical',
          level: 'ok',
          freshness: 3600,
          lastUpdate: now - 3600_000,
          runs: 12,
          failures: 12,
          urgency: 0.25,
        }}
        compliance={{ withinWarning: 1, withinCritical: 1, coveredMs: 3600_000, totalMs: 3600_000, samples: 60 }}
        expression='time() - asset_last_update_timestamp{asset_name="fct"}'
        exploreHref="/explore?schemaVersion=1"
        evaluatedAt={now}
        timeZone="utc"
      />
    );
    const card = screen.getByTestId(testIds.freshness.gauge('fct'));
    expect(card).toHaveTextContent('no successful run in the range (all 12 failed): last success 1h ago');
    expect(card).not.toHaveTextContent('within SLA');
    // The raw query is behind the Explore link (its tooltip), not printed on the card.
    expect(card).not.toHaveTextContent('asset_last_update_timestamp');
    const link = screen.getByRole('link', { name: 'now − last update' });
    expect(link).toHaveAttribute('href', '/explore?schemaVersion=1');
    expect(link).toHaveAttribute('title', 'Open in Explore: time() - asset_last_update_timestamp{asset_name="fct"}');
  });
});
