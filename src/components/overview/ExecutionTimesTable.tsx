import { useMemo } from 'react';
import { Badge, Column, InteractiveTable } from '@grafana/ui';
import { ExecutionRow } from '../../services/overviewExecution';
import { AssetLink } from '../common/AssetLink';
import { formatValue } from '../common/format';
import { StatusBadge } from '../common/StatusBadge';

type Cell = { row: { original: ExecutionRow } };

/** Asset execution times over the range against each asset's own baseline; slow ones flagged first. */
export function ExecutionTimesTable({ rows, factor, pageSize = 10 }: { rows: ExecutionRow[]; factor: number; pageSize?: number }) {
  const columns = useMemo<Array<Column<ExecutionRow>>>(
    () => [
      { id: 'asset', header: 'Asset', sortType: 'string', cell: ({ row }: Cell) => <AssetLink asset={row.original.asset} /> },
      { id: 'status', header: 'Status', cell: ({ row }: Cell) => <StatusBadge status={row.original.status} />, disableGrow: true },
      { id: 'avg', header: 'Avg', sortType: 'number', cell: ({ row }: Cell) => formatValue(row.original.avg, 's') },
      { id: 'p95', header: 'p95', sortType: 'number', cell: ({ row }: Cell) => formatValue(row.original.p95, 's') },
      { id: 'baselineAvg', header: 'Baseline avg', cell: ({ row }: Cell) => formatValue(row.original.baselineAvg, 's') },
      { id: 'baselineP95', header: 'Baseline p95', cell: ({ row }: Cell) => formatValue(row.original.baselineP95, 's') },
      {
        id: 'ratio',
        header: 'vs baseline',
        sortType: 'number',
        cell: ({ row }: Cell) => {
          const r = row.original;
          if (r.ratio === undefined) {
            return 'no baseline';
          }
          const text = `${r.ratio.toFixed(2)}×`;
          return r.slow ? <Badge color="orange" icon="clock-nine" text={`slow ${text}`} tooltip={`More than ${factor}× its baseline`} /> : text;
        },
      },
    ],
    [factor]
  );
  // pageSize stays constant: InteractiveTable cannot switch pagination on and off between renders.
  return <InteractiveTable columns={columns} data={rows} getRowId={(r: ExecutionRow) => r.asset} pageSize={pageSize} />;
}
