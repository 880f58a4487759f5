import { render, screen, within } from '@testing-library/react';
import { ChartTooltip } from './ChartTooltip';

describe('ChartTooltip', () => {
  it('shows the time, then each series with its colour and value', () => {
    render(
      <ChartTooltip
        header={{ label: 'Time', value: '2026-12-05 03:00:00' }}
        items={[
          { label: 'avg', value: '4.20 s', color: 'rgb(115, 191, 105)' },
          { label: 'p95', value: '9.10 s', color: 'rgb(242, 204, 12)' },
        ]}
      />
    );
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip).toHaveTextContent('Time2026-12-05 03:00:00');
    const rows = within(tooltip).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual(['avg4.20 s', 'p959.10 s']);
    expect(rows[1].querySelector('span')).toHaveStyle({ background: 'rgb(242, 204, 12)' });
  });
});
