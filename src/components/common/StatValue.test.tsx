import { render, screen } from '@testing-library/react';
import { createTheme } from '@grafana/data';
import { displayValue, fieldConfig, thresholds } from '../../views/displayValue';
import { GaugeBar } from './GaugeBar';
import { StatValue } from './StatValue';
import '../../testing/testUtils';

describe('displayValue', () => {
  const theme = createTheme();
  it('formats and colours with Grafana field config', () => {
    const { value } = displayValue(
      theme,
      fieldConfig({ unit: 'percent', decimals: 1, thresholds: thresholds('red', [95, 'green']) }),
      99.5,
      'Pass'
    );
    expect(value.text).toBe('99.5');
    expect(value.suffix).toBe('%');
    expect(value.color).toBe(theme.visualization.getColorByName('green'));
    expect(displayValue(theme, fieldConfig({ thresholds: thresholds('red', [95, 'green']) }), 90).value.color).toBe(
      theme.visualization.getColorByName('red')
    );
  });
  it('says No data for missing values and can replace the text', () => {
    expect(displayValue(theme, fieldConfig({}), undefined).value.text).toBe('No data');
    expect(displayValue(theme, fieldConfig({ color: 'green' }), 1, 'Status', 'HEALTHY').value).toMatchObject({
      text: 'HEALTHY',
      suffix: undefined,
    });
  });
});

describe('StatValue / GaugeBar', () => {
  it('render Grafana visualizations with accessible values', () => {
    render(
      <>
        <StatValue title="Lake size" value={280e9} unit="decbytes" decimals={1} />
        <StatValue title="Rows" />
        <GaugeBar title="Disk" value={45} unit="percent" min={0} max={100} />
      </>
    );
    expect(screen.getByRole('group', { name: 'Lake size: 280.0 GB' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Rows: No data' })).toBeInTheDocument();
    const disk = screen.getByRole('meter', { name: 'Disk' });
    expect(disk).toHaveAttribute('aria-valuenow', '45');
    expect(disk).toHaveAttribute('aria-valuetext', '45%');
  });
});
