import { css } from '@emotion/css';
import { ThresholdsConfig } from '@grafana/data';
import { BigValue, BigValueColorMode, BigValueGraphMode, BigValueTextMode, useStyles2, useTheme2 } from '@grafana/ui';
import { useElementWidth } from '../../hooks/useElementWidth';
import { displayValue, fieldConfig } from '../../views/displayValue';
import { STAT_LABEL_HEIGHT, StatLabel } from './StatLabel';

interface Props {
  title: string;
  value?: number;
  unit?: string;
  decimals?: number;
  thresholds?: ThresholdsConfig;
  /** fixed colour (theme name) instead of thresholds */
  color?: string;
  /** replaces the formatted value (e.g. "HEALTHY") */
  text?: string;
  height?: number;
  colorMode?: BigValueColorMode;
}

/** One big number, formatted and coloured by Grafana's field config (the Stat panel's renderer). */
export function StatValue({
  title,
  value,
  unit,
  decimals,
  thresholds,
  color,
  text,
  height = 96,
  colorMode = BigValueColorMode.Value,
}: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { ref, width } = useElementWidth(240);
  // The title is drawn by StatLabel (one size on every page), not by BigValue.
  const { value: dv } = displayValue(theme, fieldConfig({ unit, decimals, thresholds, color }), value, undefined, text);
  return (
    <div ref={ref} className={styles.measure} role="group" aria-label={`${title}: ${dv.text}${dv.suffix ?? ''}`}>
      <StatLabel>{title}</StatLabel>
      <BigValue
        theme={theme}
        width={width}
        height={Math.max(24, height - STAT_LABEL_HEIGHT)}
        value={dv}
        colorMode={colorMode}
        graphMode={BigValueGraphMode.None}
        textMode={BigValueTextMode.Value}
      />
    </div>
  );
}

// Sized by its container, never by the visualization drawn at the measured width (no resize loop).
const getStyles = () => ({
  measure: css({ width: '100%', minWidth: 0, contain: 'inline-size' }),
});
