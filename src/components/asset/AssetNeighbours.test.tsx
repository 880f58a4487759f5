import { screen } from '@testing-library/react';
import { AssetHealth } from '../../model';
import { renderInApp } from '../../testing/testUtils';
import { AssetNeighbours } from './AssetNeighbours';
import { AssetSummary } from './AssetSummary';

const row = (a: Partial<AssetHealth>): AssetHealth => ({
  asset: 'x',
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  ...a,
});

describe('AssetNeighbours', () => {
  it('shows statuses of known neighbours and what a broken asset holds up', () => {
    const neighbours = new Map([
      ['down1', row({ asset: 'down1', status: 'stale', severity: 'critical', reasons: ['not updated for 5h'] })],
    ]);
    renderInApp(
      <AssetNeighbours row={row({ status: 'stale', downstream: ['down1', 'down2'] })} neighbours={neighbours} />
    );
    expect(screen.getByText('x is stale: 2 downstream assets depend on it.')).toBeInTheDocument();
    expect(screen.getByLabelText('Status stale, critical: not updated for 5h')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'down2' })).toBeInTheDocument();
    expect(screen.getByText('none')).toBeInTheDocument();
  });
  it('says nothing about impact for a healthy asset', () => {
    renderInApp(<AssetNeighbours row={row({ downstream: ['d'] })} neighbours={new Map()} />);
    expect(screen.queryByText(/depend/)).not.toBeInTheDocument();
  });
});

describe('AssetSummary', () => {
  it('shows status, reasons and facts, with placeholders for what is unknown', () => {
    renderInApp(
      <AssetSummary
        row={row({ status: 'quality', reasons: ['validation pass rate 90% < 95%'], owner: 'team', rowCount: 487239 })}
        timeZone="utc"
      />
    );
    expect(screen.getByRole('group', { name: 'Status: QUALITY' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Why' })).toHaveTextContent('validation pass rate 90% < 95%');
    expect(screen.getByText('Last update').nextSibling).toHaveTextContent('never reported');
    expect(screen.getByText('Owner').nextSibling).toHaveTextContent('team');
    expect(screen.getByText('Row count').nextSibling).toHaveTextContent('487,239');
    expect(screen.getByText('Layer').nextSibling).toHaveTextContent('–');
  });
});
