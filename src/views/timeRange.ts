import { dateTime, TimeRange } from '@grafana/data';

const absolute = (from: number, to: number): TimeRange => {
  const f = dateTime(from);
  const t = dateTime(to);
  return { from: f, to: t, raw: { from: f, to: t } };
};

/** The range moved back (-1) or forward (+1) by half its span, as Grafana's time picker arrows do. */
export function shiftRange(range: TimeRange, direction: -1 | 1): TimeRange {
  const half = (range.to.valueOf() - range.from.valueOf()) / 2;
  return absolute(range.from.valueOf() + direction * half, range.to.valueOf() + direction * half);
}

/** The range zoomed out around its centre (twice as long by default), as the picker's zoom-out does. */
export function zoomOutRange(range: TimeRange, factor = 2): TimeRange {
  const span = range.to.valueOf() - range.from.valueOf();
  const center = range.from.valueOf() + span / 2;
  return absolute(center - (span * factor) / 2, center + (span * factor) / 2);
}
