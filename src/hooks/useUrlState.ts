import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { locationService } from '@grafana/runtime';

/**
 * One page filter kept in the URL query (`?status=failing`), so deep links reproduce the view.
 * Setting the default (or '') removes the parameter; updates replace the history entry, as typing
 * in a filter should not fill the back button.
 */
export function useUrlState(key: string, defaultValue = ''): [string, (value: string) => void] {
  const { search } = useLocation();
  const value = useMemo(() => new URLSearchParams(search).get(key) ?? defaultValue, [search, key, defaultValue]);
  const setValue = useCallback(
    (next: string) => locationService.partial({ [key]: next === defaultValue || next === '' ? null : next }, true),
    [key, defaultValue]
  );
  return [value, setValue];
}

/** A multi-value filter kept in the URL as a comma-separated list (`?status=failing,critical`). */
export function useUrlList(key: string): [string[], (values: string[]) => void] {
  const [raw, setRaw] = useUrlState(key);
  const values = useMemo(() => (raw ? raw.split(',').filter(Boolean) : []), [raw]);
  const setValues = useCallback((next: string[]) => setRaw(next.join(',')), [setRaw]);
  return [values, setValues];
}
