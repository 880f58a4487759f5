import { Combobox, RadioButtonGroup, Stack } from '@grafana/ui';
import { TraceStatusFilter } from '../../views/traceList';
import { testIds } from '../../testIds';

const STATUS_OPTIONS: Array<{ value: TraceStatusFilter; label: string }> = [
  { value: 'all', label: 'All traces' },
  { value: 'error', label: 'Failed' },
  { value: 'ok', label: 'OK' },
];

interface Props {
  assets: string[];
  asset: string;
  onAsset: (asset: string) => void;
  status: TraceStatusFilter;
  onStatus: (status: TraceStatusFilter) => void;
}

/** The Traces list's filters: one asset (or all) and the trace status; both live in the URL. */
export function TraceListFilters({ assets, asset, onAsset, status, onStatus }: Props) {
  const options = [{ label: 'All assets', value: '' }, ...assets.map((a) => ({ label: a, value: a }))];
  return (
    <Stack gap={1} alignItems="center" wrap="wrap" data-testid={testIds.trace.listFilter}>
      <Combobox aria-label="Asset" options={options} value={asset} onChange={(o) => onAsset(o.value)} width={32} />
      <RadioButtonGroup aria-label="Trace status" options={STATUS_OPTIONS} value={status} onChange={onStatus} />
    </Stack>
  );
}
