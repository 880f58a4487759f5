import { FormEvent, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Badge, Button, Column, Field, InteractiveTable, Input, Stack } from '@grafana/ui';
import { locationService } from '@grafana/runtime';
import { TraceSummary as TraceRow } from '../../model';
import { sortTraces } from '../../views/assetPage';
import { isValidTraceId } from '../../backends/jaeger/jaegerQuery';
import { formatMs } from '../../trace/traceTreeRows';
import { testIds } from '../../testIds';
import { traceUrl } from '../../utils/routing';
import { AssetLink, TraceLink } from '../common/AssetLink';
import { formatTime } from '../../views/format';
import { withTimeParams } from '../../views/links';

type Cell = { row: { original: TraceRow } };

/** The trace id box: opens `traces/<id>` (keeping the time range) once the id is valid. */
export function TraceIdSearch() {
  const { search } = useLocation();
  const [id, setId] = useState('');
  const [touched, setTouched] = useState(false);
  const trimmed = id.trim();
  const invalid = touched && trimmed !== '' && !isValidTraceId(trimmed);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (isValidTraceId(trimmed)) {
      locationService.push(withTimeParams(traceUrl(trimmed.toLowerCase()), search));
    }
  };
  return (
    <form onSubmit={submit} role="search" aria-label="Open a trace by id">
      <Stack gap={1} alignItems="flex-start">
        <Field invalid={invalid} error={invalid ? 'A trace id is 1 to 32 hexadecimal digits' : undefined} noMargin>
          <Input
            aria-label="Trace id"
            placeholder="Trace id, e.g. 5b8efff798038103d269b633813fc60c"
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            width={48}
            data-testid={testIds.trace.search}
          />
        </Field>
        <Button type="submit" icon="search" disabled={trimmed === ''}>
          Open trace
        </Button>
      </Stack>
    </form>
  );
}

/** Recent traces of every asset, failed first, then newest. */
export function RecentTraces({ traces }: { traces: TraceRow[] }) {
  const rows = useMemo(() => sortTraces(traces), [traces]);
  const columns = useMemo<Array<Column<TraceRow>>>(
    () => [
      {
        id: 'traceID',
        header: 'Trace',
        cell: ({ row }: Cell) => <TraceLink traceId={row.original.traceID} />,
      },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row }: Cell) =>
          row.original.status === 'error' ? (
            <Badge
              color="red"
              icon="exclamation-circle"
              text={`${row.original.errors} error${row.original.errors === 1 ? '' : 's'}`}
            />
          ) : (
            <Badge color="green" text="ok" />
          ),
      },
      {
        id: 'asset',
        header: 'Asset',
        cell: ({ row }: Cell) => (row.original.asset ? <AssetLink asset={row.original.asset} /> : '–'),
      },
      { id: 'operation', header: 'Root operation', cell: ({ row }: Cell) => row.original.operation ?? '–' },
      { id: 'start', header: 'Started', cell: ({ row }: Cell) => formatTime(row.original.start) },
      { id: 'duration', header: 'Duration', cell: ({ row }: Cell) => formatMs(row.original.duration) },
      {
        id: 'spans',
        header: 'Spans',
        cell: ({ row }: Cell) => (row.original.spans === undefined ? '–' : String(row.original.spans)),
      },
    ],
    []
  );
  return (
    <div data-testid={testIds.trace.recent}>
      <InteractiveTable columns={columns} data={rows} getRowId={(r: TraceRow) => r.traceID} pageSize={20} />
    </div>
  );
}
