import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExecutionRow } from '../../views/overviewExecution';
import { renderInApp } from '../../testing/testUtils';
import { ExecutionTimesTable } from './ExecutionTimesTable';
import { ResourceUtilization } from './ResourceUtilization';

const rows: ExecutionRow[] = [
  { asset: 'slow_one', status: 'ok', avg: 1.24, p95: 1.5, baselineAvg: 0.5, baselineP95: 0.9, ratio: 2.48, slow: true },
  { asset: 'steady', status: 'ok', avg: 0.3, p95: 2, baselineAvg: 0.3, baselineP95: 2, ratio: 1, slow: false },
  { asset: 'new_asset', status: 'unknown', avg: 0.1, p95: 0.2, slow: false },
];

describe('ExecutionTimesTable', () => {
  it('shows each runtime against its baseline and flags slow assets', () => {
    renderInApp(<ExecutionTimesTable rows={rows} factor={1.5} />);
    const [, first, second, third] = screen.getAllByRole('row');
    expect(within(first).getByRole('link', { name: 'slow_one' })).toBeInTheDocument();
    expect(first).toHaveTextContent('1.24 s');
    expect(first).toHaveTextContent('baseline 500 ms');
    expect(within(first).getByText('slow 2.48×')).toBeInTheDocument();
    expect(second).toHaveTextContent('1.00×');
    expect(third).toHaveTextContent('no baseline');
  });

  it('sorts by a column from its header', async () => {
    renderInApp(<ExecutionTimesTable rows={rows} factor={1.5} />);
    await userEvent.click(screen.getByRole('button', { name: /p95/ }));
    const order = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getByRole('link').textContent);
    const first = order();
    await userEvent.click(screen.getByRole('button', { name: /p95/ }));
    expect(order()).toEqual([...first].reverse());
  });
});

describe('ResourceUtilization', () => {
  it('shows gauges and says No data for unknown container health', () => {
    renderInApp(<ResourceUtilization system={{ diskUsagePercent: 91, memoryUsagePercent: 50 }} />);
    expect(screen.getByRole('meter', { name: 'Disk' })).toHaveAttribute('aria-valuetext', '91.0%');
    expect(screen.getByRole('group', { name: 'Healthy containers: No data' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Lake size: No data' })).toBeInTheDocument();
  });
});
