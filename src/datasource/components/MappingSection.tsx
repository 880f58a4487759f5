import React, { useState } from 'react';
import { Alert, CollapsableSection, InlineField, Input, Stack } from '@grafana/ui';
import { resolveMapping, DEFAULT_MAPPING, SignalMapping } from '../../model';
import { validateMapping } from '../settings';

type Metrics = SignalMapping['metrics'];

interface Props {
  mapping: Partial<SignalMapping> | undefined;
  onChange: (mapping: Partial<SignalMapping>) => void;
}

const TOP: Array<{ key: Exclude<keyof SignalMapping, 'metrics' | 'system'>; label: string; fallback: string }> = [
  { key: 'assetLabel', label: 'Asset label (Prometheus)', fallback: DEFAULT_MAPPING.assetLabel },
  { key: 'layerLabel', label: 'Layer label (asset_info)', fallback: 'layer' },
  { key: 'ownerLabel', label: 'Owner label (asset_info)', fallback: 'owner' },
  { key: 'upstreamLabel', label: 'Upstream label (asset_dependency)', fallback: 'upstream' },
  { key: 'checkLabel', label: 'Check label (pass rate)', fallback: 'check_name' },
  { key: 'lokiSelector', label: 'Loki stream selector', fallback: DEFAULT_MAPPING.lokiSelector },
  { key: 'lokiAssetField', label: 'Loki asset field', fallback: DEFAULT_MAPPING.lokiAssetField },
  { key: 'lokiLevelField', label: 'Loki level field', fallback: DEFAULT_MAPPING.lokiLevelField },
  { key: 'lokiTraceIdField', label: 'Loki trace id field', fallback: DEFAULT_MAPPING.lokiTraceIdField },
  { key: 'lokiSpanIdField', label: 'Loki span id field', fallback: 'span_id' },
  { key: 'jaegerService', label: 'Jaeger service', fallback: DEFAULT_MAPPING.jaegerService },
  { key: 'jaegerAssetTag', label: 'Jaeger asset tag', fallback: DEFAULT_MAPPING.jaegerAssetTag },
];

const METRIC_LABELS: Record<keyof Metrics, string> = {
  executionSeconds: 'Execution time histogram',
  executionsTotal: 'Executions counter',
  failuresTotal: 'Failures counter',
  rowsProcessedTotal: 'Rows processed counter',
  rowCount: 'Row count gauge',
  lastUpdateTimestamp: 'Last update timestamp',
  freshnessSeconds: 'Freshness gauge',
  passRate: 'Validation pass rate',
  assetInfo: 'Asset info (layer, owner)',
  assetDependency: 'Asset dependency',
};

/** Signal names, collapsed by default: blank fields use the seed's names (shown as placeholders). */
export function MappingSection({ mapping, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const m = mapping ?? {};
  const problems = validateMapping(resolveMapping(m));
  const setTop = (key: (typeof TOP)[number]['key'], value: string) => onChange({ ...m, [key]: value || undefined });
  const setMetric = (key: keyof Metrics, value: string) =>
    onChange({ ...m, metrics: { ...(m.metrics ?? {}), [key]: value || undefined } as Metrics });
  return (
    <CollapsableSection label="Signal mapping" isOpen={open} onToggle={setOpen}>
      <Stack direction="column" gap={0.5}>
        {problems.length > 0 && (
          <Alert severity="error" title="Invalid mapping">
            {problems.join('; ')}
          </Alert>
        )}
        {TOP.map(({ key, label, fallback }) => (
          <InlineField key={key} label={label} labelWidth={34} htmlFor={`cascade-map-${key}`}>
            <Input
              id={`cascade-map-${key}`}
              width={40}
              value={(m[key] as string | undefined) ?? ''}
              placeholder={fallback}
              onChange={(e) => setTop(key, e.currentTarget.value)}
            />
          </InlineField>
        ))}
        {(Object.keys(METRIC_LABELS) as Array<keyof Metrics>).map((key) => (
          <InlineField key={key} label={METRIC_LABELS[key]} labelWidth={34} htmlFor={`cascade-map-metric-${key}`}>
            <Input
              id={`cascade-map-metric-${key}`}
              width={40}
              value={m.metrics?.[key] ?? ''}
              placeholder={DEFAULT_MAPPING.metrics[key]}
              onChange={(e) => setMetric(key, e.currentTarget.value)}
            />
          </InlineField>
        ))}
      </Stack>
    </CollapsableSection>
  );
}
