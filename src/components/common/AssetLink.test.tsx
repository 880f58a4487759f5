import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { locationService } from '@grafana/runtime';
import { AssetLink, AssetLinks, TraceLink } from './AssetLink';
import { withTimeParams } from '../../views/links';
import { StatusBadge } from './StatusBadge';
import { renderInApp } from '../../testing/testUtils';

describe('withTimeParams', () => {
  it('carries the time parameters only', () => {
    expect(withTimeParams('/a/x/assets/a', '?from=now-1h&to=now&q=abc&refresh=1m')).toBe(
      '/a/x/assets/a?from=now-1h&to=now&refresh=1m'
    );
    expect(withTimeParams('/a/x/assets/a?from=1', '?from=2&timezone=utc')).toBe('/a/x/assets/a?from=1&timezone=utc');
    expect(withTimeParams('/a/x/assets/a', '')).toBe('/a/x/assets/a');
  });
});

describe('AssetLink / TraceLink', () => {
  it('link to the asset page and the trace drill-down keeping the range, and navigate in-app', async () => {
    renderInApp(
      <>
        <AssetLink asset="fct x/y" />
        <TraceLink traceId="abc" />
        <AssetLinks assets={['a', 'b']} />
        <AssetLinks assets={[]} />
      </>,
      { url: '/a/cascade-pipeline-app/overview?from=now-24h&to=now' }
    );
    expect(screen.getByRole('link', { name: 'fct x/y' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/assets/fct%20x%2Fy?from=now-24h&to=now'
    );
    expect(screen.getByRole('link', { name: 'Open trace abc' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/traces/abc?from=now-24h&to=now'
    );
    expect(screen.getByText('none')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'b' }));
    expect(locationService.getLocation().pathname).toBe('/a/cascade-pipeline-app/assets/b');
    expect(locationService.getLocation().search).toBe('?from=now-24h&to=now');
  });
});

describe('StatusBadge', () => {
  it('shows the status and carries the reasons in its accessible name', () => {
    renderInApp(<StatusBadge status="stale" reasons={['not updated for 3h (SLA 2h)']} />);
    expect(screen.getByText('STALE')).toBeInTheDocument();
    expect(screen.getByLabelText('Status stale, warning: not updated for 3h (SLA 2h)')).toBeInTheDocument();
  });
});
