import { css } from '@emotion/css';
import { ThresholdsConfig, VizOrientation } from '@grafana/data';
// Types only: @grafana/schema is not one of Grafana's shared modules, so no runtime import from it.
import type { BarGaugeNamePlacement, BarGaugeValueMode } from '@grafana/schema';
import { BarGauge, BarGaugeDisplayMode, useStyles2, useTheme2 } from '@grafana/ui';
import { useElementWidth } from '../../hooks/useElementWidth';
import { displayValue, fieldConfig } from '../../views/displayValue';
import { StatLabel } from './StatLabel';

interface Props {
  /** shown left of the bar; also the accessible name */
  title?: string;
  value?: number;
  unit?: string;
  decimals?: number;
  min: number;
  max: number;
  thresholds?: ThresholdsConfig;
  /** replaces the formatted value */
  text?: string;
  height?: number;
  mode?: BarGaugeDisplayMode;
  /** draw the title next to the bar (it stays the accessible name either way) */
  showTitle?: boolean;
}

/** A horizontal bar gauge coloured by thresholds (Grafana's Bar gauge renderer). */
export function GaugeBar({
  title,
  value,
  unit,
  decimals,
  min,
  max,
  thresholds,
  text,
  height = 28,
  mode = BarGaugeDisplayMode.Gradient,
  showTitle = true,
}: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { ref, width } = useElementWidth(320);
  const config = fieldConfig({ unit, decimals, min, max, thresholds });
  const { display, value: dv } = displayValue(theme, config, value, undefined, text);
  return (
    <div
      ref={ref}
      className={styles.measure}
      role="meter"
      aria-label={title}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={Number.isFinite(dv.numeric) ? dv.numeric : undefined}
      aria-valuetext={`${dv.prefix ?? ''}${dv.text}${dv.suffix ?? ''}`}
    >
      {/* The same label as StatValue's, above the bar, instead of BarGauge's self-sized name. */}
      {showTitle && title && <StatLabel>{title}</StatLabel>}
      <BarGauge
        theme={theme}
        width={width}
        height={height}
        field={config}
        display={display}
        value={dv}
        orientation={VizOrientation.Horizontal}
        displayMode={mode}
        valueDisplayMode={'color' as BarGaugeValueMode}
        namePlacement={'hidden' as BarGaugeNamePlacement}
        showUnfilled
      />
    </div>
  );
}

// Sized by its container, never by the bar drawn at the measured width (no resize loop).
const getStyles = () => ({
  measure: css({ width: '100%', minWidth: 0, contain: 'inline-size' }),
});
