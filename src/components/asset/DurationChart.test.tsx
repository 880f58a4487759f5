import { render, screen } from '@testing-library/react';
import { dateTime } from '@grafana/data';
import '../../testing/testUtils';
import { metricsToFrames } from '../../frames/signalFrames';
import { DurationChart } from './DurationChart';

// uPlot draws on a canvas, which jsdom lacks (testUtils stubs text measurement only): this checks the
// frames reach Grafana's renderer (legend entries); the drawing itself is checked in Chromium.
describe('DurationChart', () => {
  it('renders one legend entry per statistic', () => {
    const series = (name: string, values: number[]) => {
      const [frame] = metricsToFrames(
        [{ labels: { asset_name: 'a' }, timestamps: [1000, 2000, 3000], values }],
        'asset_name',
        'check_name',
        'duration',
        name
      );
      frame.fields[1].config.displayNameFromDS = name;
      return frame;
    };
    render(
      <DurationChart
        frames={[series('avg', [1, 2, 1]), series('p95', [2, 3, 2]), series('p99', [3, 4, 3])]}
        range={{ from: dateTime(0), to: dateTime(4000), raw: { from: 'now-1h', to: 'now' } }}
        timeZone="utc"
      />
    );
    expect(screen.getByRole('figure', { name: 'Execution time (avg, p95, p99)' })).toBeInTheDocument();
    expect(screen.getByText('avg')).toBeInTheDocument();
    expect(screen.getByText('p95')).toBeInTheDocument();
    expect(screen.getByText('p99')).toBeInTheDocument();
    // The series style reaches the fields (fieldConfig defaults would need a panel's option registry):
    // one palette colour per statistic, not the grey of an unstyled series.
    const colours = screen.getAllByTestId('series-icon').map((icon) => icon.style.background);
    expect(colours).toHaveLength(3);
    expect(new Set(colours).size).toBe(3);
  });

  it('says there is nothing to chart when every sample is NaN (no run finished in any rate window)', () => {
    const [frame] = metricsToFrames(
      [{ labels: { asset_name: 'a' }, timestamps: [1000, 2000], values: [NaN, NaN] }],
      'asset_name',
      'check_name',
      'duration',
      'avg'
    );
    render(
      <DurationChart
        frames={[frame]}
        range={{ from: dateTime(0), to: dateTime(4000), raw: { from: 'now-1h', to: 'now' } }}
        timeZone="utc"
      />
    );
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(screen.getByText(/no execution time to chart/)).toBeInTheDocument();
  });
});
