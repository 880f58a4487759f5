import { dateTimeFormat, dateTimeFormatTimeAgo, formattedValueToString, getValueFormat, TimeZone } from '@grafana/data';

/** A value in one of Grafana's units ('s', 'ms', 'percent', 'bytes', 'short'…); '–' when missing. */
export function formatValue(value: number | undefined | null, unit: string, decimals?: number): string {
  if (value === undefined || value === null || !Number.isFinite(value)) {
    return '–';
  }
  return formattedValueToString(getValueFormat(unit)(value, decimals));
}

/** An epoch-ms time in the page's time zone, '–' when missing. */
export function formatTime(ms: number | undefined, timeZone?: TimeZone): string {
  return ms === undefined || !Number.isFinite(ms) ? '–' : dateTimeFormat(ms, { timeZone });
}

/** "2 hours ago" style age of an epoch-ms time. */
export function formatAgo(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '' : dateTimeFormatTimeAgo(ms);
}

/** Characters of a trace id shown in lists and titles: enough to tell traces apart at a glance. */
export const SHORT_TRACE_ID_LENGTH = 12;

/**
 * The one way Cascade shortens a trace id on screen (lists, links, page titles). The full id stays
 * in the link's URL, label and tooltip.
 */
export function shortTraceId(traceId: string): string {
  return traceId.length > SHORT_TRACE_ID_LENGTH ? `${traceId.slice(0, SHORT_TRACE_ID_LENGTH)}…` : traceId;
}

/**
 * The one way Cascade prints a percentage (pass rates, error rates, shares): two decimals, like the
 * pass-rate gauges ("99.96%"), and never rounded up to "100.00%" or down to "0.00%" when it is not
 * exactly that: a check that failed one row in 10,000 must not read as perfect.
 */
export function formatPercent(percent: number | undefined | null, decimals = 2): string {
  if (percent === undefined || percent === null || !Number.isFinite(percent)) {
    return '–';
  }
  const step = 10 ** -decimals;
  let shown = Math.round(percent / step) * step;
  if (percent < 100 && shown >= 100) {
    shown = 100 - step;
  } else if (percent > 0 && shown <= 0) {
    shown = step;
  }
  return `${shown.toFixed(decimals)}%`;
}
