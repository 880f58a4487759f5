import { useCallback } from 'react';
import { TimeRange, TimeZone } from '@grafana/data';
import { RefreshPicker, Stack, TimeRangePicker } from '@grafana/ui';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useUrlState } from '../../hooks/useUrlState';
import { shiftRange, zoomOutRange } from '../../views/timeRange';

const INTERVALS = ['10s', '30s', '1m', '5m', '15m', '30m', '1h'];

interface Props {
  range: TimeRange;
  onChange: (range: TimeRange) => void;
  onRefresh: () => void;
  loading?: boolean;
}

/** Time range picker and refresh picker; the auto-refresh interval and time zone live in the URL like a dashboard's. */
export function TimeControls({ range, onChange, onRefresh, loading }: Props) {
  const [interval, setInterval] = useUrlState('refresh');
  const [timeZone, setTimeZone] = useUrlState('timezone', 'browser');
  useAutoRefresh(interval, onRefresh);
  const back = useCallback(() => onChange(shiftRange(range, -1)), [onChange, range]);
  const forward = useCallback(() => onChange(shiftRange(range, 1)), [onChange, range]);
  const zoom = useCallback(() => onChange(zoomOutRange(range)), [onChange, range]);
  return (
    <Stack gap={1} alignItems="center">
      <TimeRangePicker
        value={range}
        timeZone={timeZone as TimeZone}
        onChange={onChange}
        onChangeTimeZone={(tz) => setTimeZone(tz)}
        onMoveBackward={back}
        onMoveForward={forward}
        onZoom={zoom}
      />
      <RefreshPicker
        value={interval}
        intervals={INTERVALS}
        onIntervalChanged={setInterval}
        onRefresh={onRefresh}
        isLoading={loading}
        tooltip="Refresh"
      />
    </Stack>
  );
}
