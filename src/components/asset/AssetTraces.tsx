import { memo, useMemo } from 'react';
import { TimeZone } from '@grafana/data';
import { Badge, Column, InteractiveTable } from '@grafana/ui';
import { TraceSummary } from '../../model';
import { TraceLink } from '../common/AssetLink';
import { formatTime, formatValue } from '../../views/format';

type Cell = { row: { original: TraceSummary } };

/** Recent runs' traces (already failed first), each opening the trace drill-down. */
export const AssetTraces = memo(function AssetTraces({
  traces,
  timeZone,
  pageSize = 10,
}: {
  traces: TraceSummary[];
  timeZone: TimeZone;
  pageSize?: number;
}) {
  const columns = useMemo<Array<Column<TraceSummary>>>(
    () => [
      { id: 'traceID', header: 'Trace', cell: ({ row }: Cell) => <TraceLink traceId={row.original.traceID} /> },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row }: Cell) =>
          row.original.status === 'error' || row.original.errors > 0 ? (
            <Badge color="red" icon="exclamation-circle" text="Failed" />
          ) : (
            <Badge color="green" icon="check" text="OK" />
          ),
      },
      { id: 'operation', header: 'Root operation', cell: ({ row }: Cell) => row.original.operation ?? '–' },
      {
        id: 'start',
        header: 'Start',
        sortType: 'number',
        cell: ({ row }: Cell) => formatTime(row.original.start, timeZone),
      },
      {
        id: 'duration',
        header: 'Duration',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.duration, 'ms', 1),
      },
      { id: 'spans', header: 'Spans', sortType: 'number' },
      { id: 'errors', header: 'Error spans', sortType: 'number' },
    ],
    [timeZone]
  );
  return (
    <InteractiveTable columns={columns} data={traces} getRowId={(t: TraceSummary) => t.traceID} pageSize={pageSize} />
  );
});
