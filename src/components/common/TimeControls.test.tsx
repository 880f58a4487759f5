import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dateTime, TimeRange } from '@grafana/data';
import { currentSearch, renderInApp } from '../../testing/testUtils';
import { shiftRange, zoomOutRange } from '../../views/timeRange';
import { TimeControls } from './TimeControls';

const range = (from: number, to: number): TimeRange => ({
  from: dateTime(from),
  to: dateTime(to),
  raw: { from: dateTime(from), to: dateTime(to) },
});

describe('timeRange helpers', () => {
  it('shifts by half the span and zooms out around the centre', () => {
    const r = range(1000, 3000);
    expect([shiftRange(r, -1).from.valueOf(), shiftRange(r, -1).to.valueOf()]).toEqual([0, 2000]);
    expect([shiftRange(r, 1).from.valueOf(), shiftRange(r, 1).to.valueOf()]).toEqual([2000, 4000]);
    expect([zoomOutRange(r).from.valueOf(), zoomOutRange(r).to.valueOf()]).toEqual([0, 4000]);
  });
});

describe('TimeControls', () => {
  afterEach(() => jest.useRealTimers());

  it('moves the range with the picker arrows and refreshes on click', async () => {
    const onChange = jest.fn();
    const onRefresh = jest.fn();
    renderInApp(<TimeControls range={range(1000, 3000)} onChange={onChange} onRefresh={onRefresh} />);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: /move time range backwards/i }));
    expect(onChange.mock.calls[0][0].from.valueOf()).toBe(0);
    await user.click(screen.getByRole('button', { name: /zoom out/i }));
    expect(onChange.mock.calls[1][0].to.valueOf()).toBe(4000);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it('keeps the auto-refresh interval in the URL and refreshes on it', async () => {
    jest.useFakeTimers();
    const onRefresh = jest.fn();
    renderInApp(<TimeControls range={range(1000, 3000)} onChange={() => {}} onRefresh={onRefresh} />, {
      url: '/a/cascade-pipeline-app/overview?refresh=10s',
    });
    expect(onRefresh).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(10_000));
    expect(onRefresh).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(20_000));
    expect(onRefresh).toHaveBeenCalledTimes(3);
    expect(currentSearch().get('refresh')).toBe('10s');
  });

  it('chooses an interval from the refresh picker', async () => {
    renderInApp(<TimeControls range={range(1000, 3000)} onChange={() => {}} onRefresh={() => {}} />);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: /auto refresh/i }));
    await user.click(await screen.findByRole('menuitemradio', { name: /30 seconds/i }));
    await waitFor(() => expect(currentSearch().get('refresh')).toBe('30s'));
  });
});
