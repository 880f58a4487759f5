import { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, Column, InteractiveTable, useStyles2 } from '@grafana/ui';
import { ExecutionRow } from '../../views/overviewExecution';
import { AssetLink } from '../common/AssetLink';
import { formatValue } from '../../views/format';
import { StatusBadge } from '../common/StatusBadge';

type Cell = { row: { original: ExecutionRow } };

/** A runtime over the range with the asset's own baseline under it. */
function VsBaseline({ value, baseline }: { value?: number; baseline?: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.cell}>
      <span>{formatValue(value, 's')}</span>
      <span className={styles.baseline}>baseline {formatValue(baseline, 's')}</span>
    </div>
  );
}

/** Asset execution times over the range against each asset's own baseline; slow ones flagged first. */
export function ExecutionTimesTable({
  rows,
  factor,
  pageSize = 10,
}: {
  rows: ExecutionRow[];
  factor: number;
  pageSize?: number;
}) {
  const columns = useMemo<Array<Column<ExecutionRow>>>(
    () => [
      {
        id: 'asset',
        header: 'Asset',
        sortType: 'string',
        cell: ({ row }: Cell) => <AssetLink asset={row.original.asset} />,
      },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row }: Cell) => <StatusBadge status={row.original.status} severity={row.original.severity} />,
        disableGrow: true,
      },
      {
        id: 'avg',
        header: 'Avg',
        sortType: 'number',
        cell: ({ row }: Cell) => <VsBaseline value={row.original.avg} baseline={row.original.baselineAvg} />,
      },
      {
        id: 'p95',
        header: 'p95',
        sortType: 'number',
        cell: ({ row }: Cell) => <VsBaseline value={row.original.p95} baseline={row.original.baselineP95} />,
      },
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
          return r.slow ? (
            <Badge
              color="orange"
              icon="clock-nine"
              text={`slow ${text}`}
              tooltip={`More than ${factor}× its baseline`}
            />
          ) : (
            text
          );
        },
      },
    ],
    [factor]
  );
  // pageSize stays constant: InteractiveTable cannot switch pagination on and off between renders.
  return <InteractiveTable columns={columns} data={rows} getRowId={(r: ExecutionRow) => r.asset} pageSize={pageSize} />;
}

const getStyles = (theme: GrafanaTheme2) => ({
  cell: css({ display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' }),
  baseline: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
