import { TimeZone } from '@grafana/data';
import { useUrlState } from './useUrlState';

/** The time zone chosen in the page's time picker (URL `timezone`, default the browser's). */
export function useTimeZone(): TimeZone {
  return useUrlState('timezone', 'browser')[0];
}
