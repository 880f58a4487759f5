import { memo, useMemo } from 'react';
import { BarGaugeDisplayMode, Column, InteractiveTable } from '@grafana/ui';
import { CheckResult } from '../../views/overviewStatus';
import { AssetLink } from '../common/AssetLink';
import { thresholds } from '../../views/displayValue';
import { GaugeBar } from '../common/GaugeBar';

type Cell = { row: { original: CheckResult } };

/** Latest result of every data quality check as a pass-rate gauge, worst first. */
export const QualityChecksTable = memo(function QualityChecksTable({
  checks,
  minPassRate,
  pageSize = 10,
  showAsset = true,
}: {
  checks: CheckResult[];
  minPassRate: number;
  pageSize?: number;
  showAsset?: boolean;
}) {
  const columns = useMemo<Array<Column<CheckResult>>>(() => {
    const cols: Array<Column<CheckResult>> = [];
    if (showAsset) {
      cols.push({
        id: 'asset',
        header: 'Asset',
        sortType: 'string',
        cell: ({ row }: Cell) => <AssetLink asset={row.original.asset} />,
      });
    }
    cols.push(
      { id: 'check', header: 'Check', sortType: 'string' },
      {
        id: 'passRate',
        header: 'Pass rate',
        sortType: 'number',
        // Gauge and value ("100.00%") fit in 160 px; wider would push the table into a sideways scroll.
        minWidth: 160,
        cell: ({ row }: Cell) => (
          <GaugeBar
            title={`${row.original.check} pass rate`}
            value={row.original.passRate}
            unit="percent"
            decimals={2}
            min={0}
            max={100}
            height={22}
            showTitle={false}
            mode={BarGaugeDisplayMode.Basic}
            thresholds={thresholds('red', [minPassRate, 'green'])}
          />
        ),
      }
    );
    return cols;
  }, [minPassRate, showAsset]);
  return (
    <InteractiveTable
      columns={columns}
      data={checks}
      getRowId={(c: CheckResult) => `${c.asset}\u0000${c.check}`}
      pageSize={pageSize}
    />
  );
});
