import {
  DisplayProcessor,
  DisplayValue,
  FieldColorModeId,
  FieldConfig,
  FieldType,
  getDisplayProcessor,
  GrafanaTheme2,
  ThresholdsConfig,
  ThresholdsMode,
} from '@grafana/data';

/** Absolute thresholds from a base colour and [value, colour] steps (theme colour names, e.g. 'orange'). */
export function thresholds(base: string, ...steps: Array<[number, string]>): ThresholdsConfig {
  return {
    mode: ThresholdsMode.Absolute,
    steps: [{ value: -Infinity, color: base }, ...steps.map(([value, color]) => ({ value, color }))],
  };
}

/** Field config coloured by thresholds, or by one fixed colour. */
export function fieldConfig(opts: {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: ThresholdsConfig;
  color?: string;
}): FieldConfig {
  return {
    unit: opts.unit,
    decimals: opts.decimals,
    min: opts.min,
    max: opts.max,
    thresholds: opts.thresholds ?? thresholds(opts.color ?? 'text'),
    color: opts.color
      ? { mode: FieldColorModeId.Fixed, fixedColor: opts.color }
      : { mode: FieldColorModeId.Thresholds },
  };
}

/** Grafana's own formatting and colouring of one value (what a Stat or Bar gauge panel shows). */
export function displayValue(
  theme: GrafanaTheme2,
  config: FieldConfig,
  value: number | undefined,
  title?: string,
  text?: string
): { display: DisplayProcessor; value: DisplayValue } {
  const display = getDisplayProcessor({ field: { type: FieldType.number, config }, theme });
  if (value === undefined || !Number.isFinite(value)) {
    return {
      display,
      value: { numeric: Number.NaN, text: text ?? 'No data', color: theme.colors.text.disabled, title },
    };
  }
  const v = display(value);
  return {
    display,
    value: { ...v, title, ...(text !== undefined ? { text, suffix: undefined, prefix: undefined } : {}) },
  };
}
