import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CascadeLogLine } from '../../model';
import { renderInApp } from '../../testing/testUtils';
import { AssetLogs, LogFilters } from './AssetLogs';

const line = (id: string, body: string, extra: Partial<CascadeLogLine> = {}): CascadeLogLine => ({
  id,
  body,
  timestamp: Date.UTC(2024, 9, 15, 10, 35, 42),
  tsNs: '0',
  severity: 'info',
  labels: { job: 'dagster' },
  ...extra,
});

describe('AssetLogs', () => {
  it('summarises JSON lines, links trace ids and shows the full line and labels on expand', async () => {
    const body = JSON.stringify({ event: 'merge_complete', asset_name: 'a', inserts: 487, updates: 2 });
    renderInApp(
      <AssetLogs
        lines={[line('1', body, { traceId: 'abcdef0123456789', spanId: 's1', severity: 'ERROR' }), line('2', 'plain')]}
        timeZone="utc"
      />
    );
    const [, first] = screen.getAllByRole('row');
    expect(first).toHaveTextContent('2024-10-15 10:35:42');
    expect(first).toHaveTextContent('ERROR');
    expect(first).toHaveTextContent('merge_complete inserts=487 updates=2');
    expect(within(first).getByRole('link', { name: 'Open trace abcdef0123456789' })).toHaveTextContent('abcdef012345');
    await userEvent.click(within(first).getByRole('button', { name: /expand/i }));
    expect(screen.getByText(/"inserts": 487/)).toBeInTheDocument();
    expect(screen.getByText('span_id').nextSibling).toHaveTextContent('s1');
    expect(screen.getByText('job').nextSibling).toHaveTextContent('dagster');
  });
});

describe('LogFilters', () => {
  afterEach(() => jest.useRealTimers());

  it('changes the level at once and the search once typing pauses', async () => {
    jest.useFakeTimers();
    const onLevel = jest.fn();
    const onSearch = jest.fn();
    renderInApp(<LogFilters level="" onLevel={onLevel} search="" onSearch={onSearch} />);
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(screen.getByRole('radio', { name: 'Warning' }));
    expect(onLevel).toHaveBeenCalledWith('warning');
    await user.type(screen.getByRole('textbox', { name: 'Search log lines' }), 'timeout');
    expect(onSearch).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(500));
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenCalledWith('timeout');
  });
});
