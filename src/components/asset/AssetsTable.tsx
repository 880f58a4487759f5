import { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Column, InteractiveTable, useStyles2 } from '@grafana/ui';
import { AssetHealth } from '../../model';
import { urgency } from '../../rules/healthRules';
import { testIds } from '../../testIds';
import { AssetLink } from '../common/AssetLink';
import { formatAgo, formatValue } from '../../views/format';
import { compareVolume, volumeCell } from '../../views/volume';
import { useElementWidth } from '../../hooks/useElementWidth';
import { StatusBadge } from '../common/StatusBadge';

type Cell = { row: { original: AssetHealth } };

/** Below this table width (a 1024 px screen) layer and owner go under the name and failures next to runs. */
export const COMPACT_TABLE_WIDTH = 1150;
const FOLDED_WHEN_COMPACT = ['layer', 'owner', 'failures'];

// Sort by how bad, then by kind, rather than alphabetically.
const bySeverity = (a: { original: AssetHealth }, b: { original: AssetHealth }) =>
  urgency(a.original) - urgency(b.original);

/** Every asset with its status, why, ownership and key numbers; rows are already most urgent first. */
export function AssetsTable({ rows, pageSize = 50 }: { rows: AssetHealth[]; pageSize?: number }) {
  const styles = useStyles2(getStyles);
  const { ref, width } = useElementWidth(COMPACT_TABLE_WIDTH);
  const compact = width < COMPACT_TABLE_WIDTH;
  const columns = useMemo<Array<Column<AssetHealth>>>(() => {
    const all: Array<Column<AssetHealth>> = [
      {
        id: 'asset',
        header: 'Asset',
        sortType: 'string',
        cell: ({ row }: Cell) =>
          compact ? (
            <div>
              <AssetLink asset={row.original.asset} />
              <div className={styles.secondary}>
                {[row.original.layer, row.original.owner].filter(Boolean).join(' · ') || '–'}
              </div>
            </div>
          ) : (
            <AssetLink asset={row.original.asset} />
          ),
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
        header: compact ? () => <>Runs (failed)</> : 'Runs',
        sortType: 'number',
        cell: ({ row }: Cell) =>
          compact ? (
            <span className={styles.nowrap}>
              {formatValue(row.original.runs, 'none', 0)} ({formatValue(row.original.failures, 'none', 0)})
            </span>
          ) : (
            formatValue(row.original.runs, 'none', 0)
          ),
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
        header: compact
          ? () => (
              <>
                p95
                <br />
                runtime
              </>
            )
          : 'p95 runtime',
        sortType: 'number',
        cell: ({ row }: Cell) => formatValue(row.original.p95Duration, 's'),
      },
    ];
    return compact ? all.filter((c) => !FOLDED_WHEN_COMPACT.includes(c.id)) : all;
  }, [styles, compact]);
  return (
    <div ref={ref} data-testid={testIds.assets.table} className={styles.table}>
      <InteractiveTable columns={columns} data={rows} getRowId={(r: AssetHealth) => r.asset} pageSize={pageSize} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({ th: { verticalAlign: 'bottom' } }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  why: css({ overflowWrap: 'anywhere' }),
  nowrap: css({ whiteSpace: 'nowrap' }),
});
