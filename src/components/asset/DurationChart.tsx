import { memo, useMemo } from 'react';
import { css } from '@emotion/css';
import {
  applyFieldOverrides,
  DataFrame,
  dateTimeFormat,
  FieldColorModeId,
  FieldConfig,
  FieldType,
  formattedValueToString,
  getFieldDisplayName,
  GrafanaTheme2,
  TimeRange,
  TimeZone,
} from '@grafana/data';
import { LegendDisplayMode, TimeSeries, TooltipPlugin2, useStyles2, useTheme2 } from '@grafana/ui';
import { useElementWidth } from '../../hooks/useElementWidth';
import { ChartTooltip, ChartTooltipItem } from './ChartTooltip';

// `TooltipHoverMode` is a const enum in @grafana/ui's types; its runtime value for "all series at x" is 1.
type HoverMode = Parameters<typeof TooltipPlugin2>[0]['hoverMode'];
const HOVER_ALL_SERIES = 1 as HoverMode;

/** How every series is drawn: the classic palette, a 2 px line with a light fill, points when sparse. */
const SERIES_CONFIG: FieldConfig = {
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: { lineWidth: 2, fillOpacity: 10, showPoints: 'auto', pointSize: 5, spanNulls: false },
};

interface Props {
  /** one `metrics` frame per statistic, already named (avg, p95, p99) */
  frames: DataFrame[];
  range: TimeRange;
  timeZone: TimeZone;
  height?: number;
}

interface SeriesChartProps extends Props {
  /** Unit of every value field (a field's own unit wins). */
  unit: string;
  /** The figure's accessible name. */
  label: string;
  /** Said instead of the chart when no field has a finite value. */
  emptyText: string;
}

/** Tooltip rows for the hovered x: the time, then every series' formatted value. */
function tooltipItems(
  frame: DataFrame,
  dataIdxs: Array<number | null>,
  timeZone: TimeZone
): { header: ChartTooltipItem; items: ChartTooltipItem[] } {
  const idx = dataIdxs[0] ?? 0;
  const time = frame.fields[0]?.values[idx];
  const items: ChartTooltipItem[] = [];
  frame.fields.slice(1).forEach((field, i) => {
    const di = dataIdxs[i + 1];
    if (di === null || di === undefined || !field.display) {
      return;
    }
    const dv = field.display(field.values[di]);
    items.push({
      label: getFieldDisplayName(field, frame),
      value: formattedValueToString(dv),
      color: dv.color,
    });
  });
  return { header: { label: 'Time', value: dateTimeFormat(time, { timeZone }) }, items };
}

/** Execution time series (avg, p95, p99) drawn by Grafana's own time series renderer, with legend and tooltip. */
export const DurationChart = memo(function DurationChart(props: Props) {
  return (
    <SeriesChart
      {...props}
      unit="s"
      label="Execution time (avg, p95, p99)"
      emptyText="No run finished inside a rate window in this range, so there is no execution time to chart."
    />
  );
});

/** Time series drawn by Grafana's own renderer, with legend and tooltip; a field's own config (unit, custom) wins. */
export const SeriesChart = memo(function SeriesChart({
  frames,
  range,
  timeZone,
  height = 240,
  unit,
  label,
  emptyText,
}: SeriesChartProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { ref, width } = useElementWidth(600);
  // rate() over a window with no finished run is NaN: such a range has frames but nothing to draw.
  const hasSamples = useMemo(
    () =>
      frames.some((f) =>
        f.fields.some((field) => field.type === FieldType.number && field.values.some((v) => Number.isFinite(v)))
      ),
    [frames]
  );
  // Panels get display processors and colours from field overrides; outside a panel we apply them here.
  // `fieldConfig.defaults` only reach fields through a registry of known options (the panel plugin's
  // for `custom`), so the series style is set on the value fields themselves.
  const prepared = useMemo(
    () =>
      applyFieldOverrides({
        data: frames.map((frame) => ({
          ...frame,
          fields: frame.fields.map((field) =>
            field.type === FieldType.number
              ? {
                  ...field,
                  config: {
                    ...SERIES_CONFIG,
                    unit,
                    ...field.config,
                    custom: { ...SERIES_CONFIG.custom, ...field.config.custom },
                  },
                }
              : field
          ),
        })),
        fieldConfig: { defaults: {}, overrides: [] },
        replaceVariables: (v) => v,
        theme,
        timeZone,
      }),
    [frames, theme, timeZone, unit]
  );
  if (!hasSamples) {
    return <p className={styles.muted}>{emptyText}</p>;
  }
  return (
    <div ref={ref} role="figure" aria-label={label}>
      <TimeSeries
        frames={prepared}
        width={width}
        height={height}
        timeRange={range}
        timeZone={timeZone}
        legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
      >
        {(builder, alignedFrame) => (
          <TooltipPlugin2
            config={builder}
            hoverMode={HOVER_ALL_SERIES}
            render={(_u, dataIdxs) => {
              const { header, items } = tooltipItems(alignedFrame, dataIdxs, timeZone);
              return <ChartTooltip header={header} items={items} />;
            }}
          />
        )}
      </TimeSeries>
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ margin: theme.spacing(1, 0, 0), color: theme.colors.text.secondary }),
});
