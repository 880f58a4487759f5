import { Button, Checkbox, FilterInput, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { SpanFilter } from '../../trace/traceTreeRows';
import { testIds } from '../../testIds';
import { TraceView } from './useTraceView';

const STATUS_OPTIONS: Array<{ value: SpanFilter['status']; label: string }> = [
  { value: 'all', label: 'All spans' },
  { value: 'error', label: 'Errors' },
  { value: 'ok', label: 'OK' },
];

/** Filter spans by name, minimum duration and status; show/hide logs; collapse or expand all. */
export function TraceFilters({ view, logCount }: { view: TraceView; logCount: number }) {
  return (
    <div data-testid={testIds.trace.filter}>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <FilterInput
          aria-label="Filter spans by name"
          placeholder="Filter spans by operation or service"
          value={view.filter.query}
          onChange={view.setQuery}
          width={36}
        />
        <Input
          aria-label="Minimum span duration in ms"
          type="number"
          min={0}
          placeholder="Min duration"
          suffix="ms"
          width={18}
          value={view.filter.minDuration || ''}
          onChange={(e) => view.setMinDuration(Number(e.currentTarget.value))}
        />
        <RadioButtonGroup
          aria-label="Span status"
          options={STATUS_OPTIONS}
          value={view.filter.status}
          onChange={view.setStatus}
          size="sm"
        />
        <Checkbox
          label={`Logs under spans (${logCount})`}
          value={view.showLogs}
          onChange={(e) => view.setShowLogs(e.currentTarget.checked)}
        />
        <Button size="sm" variant="secondary" icon="angle-right" onClick={view.collapseAll}>
          Collapse all
        </Button>
        <Button size="sm" variant="secondary" icon="angle-down" onClick={view.expandAll}>
          Expand all
        </Button>
      </Stack>
    </div>
  );
}
