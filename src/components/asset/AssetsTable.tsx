import { useMemo } from 'react';
import { css } from '@emotion/css';
import { Column, InteractiveTable, useStyles2 } from '@grafana/ui';
import { AssetHealth } from '../../model';
import { urgency } from '../../rules/healthRules';
import { testIds } from '../../testIds';
import { AssetLink } from '../common/AssetLink';
import { formatAgo, formatValue } from '../../views/format';
import { compareVolume, volumeCell } from '../../views/volume';
import { StatusBadge } from '../common/StatusBadge';

type Cell = { row: { original: AssetHealth } };

// Sort by how bad, then by kind, rather than alphabetically.
const bySeverity = (a: { original: AssetHealth }, b: { original: AssetHealth }) =>
  urgency(a.original) - urgency(b.original);

/** Every asset with its status, why, ownership and key numbers; rows are already most urgent first. */
export function AssetsTable({ rows, pageSize = 50 }: { rows: AssetHealth[]; pageSize?: number }) {
  const styles = useStyles2(getStyles);
  const columns = useMemo<Array<Column<AssetHealth>>>(
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
        sortType: bySeverity,
        cell: ({ row }: Cell) => (
          <StatusBadge status={row.original.status} severity={row.original.severity} reasons={row.original.reasons} />
        ),
      },
      {
        id: 'reasons',
        header: 'Why',
        minWidth: 180,
        // A reason may carry a 32-character trace id: let it break rather than widen the table.
        cell: ({ row }: Cell) => <span className={styles.why}>{row.original.reasons.join('; ') || '–'}</span>,
      },
      { id: 'layer', header: 'Layer', sortType: 'string', cell: ({ row }: Cell) => row.original.layer ?? '–' },
      { id: 'owner', header: 'Owner', sortType: 'string', cell: ({ row }: Cell) => row.original.owner ?? '–' },
      {
        id: 'lastUpdate',
        header: 'Last update',
        sortType: 'number',
        cell: ({ row }: Cell) => formatAgo(row.original.lastUpdate) || '–',
      },
      {
        id: 'passRate',
        header: 'Pass rate',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.passRate, 'percent', 2),
      },
      {
        id: 'runs',
        header: 'Runs',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.runs, 'none', 0),
      },
      {
        id: 'failures',
        header: 'Failures',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.failures, 'none', 0),
      },
      {
        id: 'rowsPerRun',
        // Two lines, so the column is as wide as its numbers ("1,020 (−90%)").
        header: () => (
          <>
            Rows per run
            <br />
            (vs usual)
          </>
        ),
        sortType: (a: { original: AssetHealth }, b: { original: AssetHealth }) => compareVolume(a.original, b.original),
        cell: ({ row }: Cell) => <span className={styles.nowrap}>{volumeCell(row.original)}</span>,
      },
      {
        id: 'p95Duration',
        header: 'p95 runtime',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.p95Duration, 's'),
      },
    ],
    [styles]
  );
  return (
    <div data-testid={testIds.assets.table} className={styles.table}>
      <InteractiveTable columns={columns} data={rows} getRowId={(r: AssetHealth) => r.asset} pageSize={pageSize} />
    </div>
  );
}

const getStyles = () => ({
  table: css({ th: { verticalAlign: 'bottom' } }),
  why: css({ overflowWrap: 'anywhere' }),
  nowrap: css({ whiteSpace: 'nowrap' }),
});
