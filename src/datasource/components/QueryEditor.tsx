import React, { useEffect, useMemo, useState } from 'react';
import { GrafanaTheme2, QueryEditorProps, SelectableValue } from '@grafana/data';
import {
  Combobox,
  ComboboxOption,
  InlineField,
  InlineFieldRow,
  Input,
  MultiCombobox,
  RadioButtonGroup,
  useStyles2,
} from '@grafana/ui';
import { css } from '@emotion/css';
import { testIds } from '../../testIds';
import type { CascadeDataSourceBase } from '../base';
import { CascadeDataSourceOptions, CascadeQuery, CascadeQueryType } from '../types';
import { CascadeMetric, DurationStat } from '../../model';

type Props = QueryEditorProps<CascadeDataSourceBase, CascadeQuery, CascadeDataSourceOptions>;

export const QUERY_TYPES: Array<SelectableValue<CascadeQueryType>> = [
  {
    label: 'Health',
    value: 'health',
    description: 'One row per asset: status, freshness, runs, quality, logs, traces',
  },
  { label: 'Metrics', value: 'metrics', description: 'One time series per asset' },
  { label: 'Logs', value: 'logs', description: 'Pipeline logs from Loki' },
  { label: 'Traces', value: 'traces', description: 'Recent traces per asset from Jaeger' },
  { label: 'Trace', value: 'trace', description: 'One trace by id' },
  { label: 'Lineage', value: 'lineage', description: 'Asset graph for the Node Graph panel' },
  { label: 'Alerts', value: 'alerts', description: 'Firing and pending Prometheus alerts' },
  { label: 'System', value: 'system', description: 'Disk, memory, lake size, containers' },
];

export const METRICS: Array<ComboboxOption<CascadeMetric>> = [
  { label: 'Execution time', value: 'duration' },
  { label: 'Runs', value: 'runs' },
  { label: 'Failures', value: 'failures' },
  { label: 'Rows processed', value: 'rows' },
  { label: 'Row count', value: 'rowCount' },
  { label: 'Freshness', value: 'freshness' },
  { label: 'Validation pass rate', value: 'passRate' },
];

const STATS: Array<SelectableValue<DurationStat>> = ['avg', 'p50', 'p95', 'p99'].map((s) => ({
  label: s,
  value: s as DurationStat,
}));

const LEVELS: Array<ComboboxOption<string>> = ['error', 'warning', 'info', 'debug'].map((l) => ({
  label: l,
  value: l,
}));

const USES_ASSETS: CascadeQueryType[] = ['health', 'metrics', 'logs', 'traces', 'lineage', 'alerts'];

/** Asset names from the data source (one Prometheus query) plus the dashboard's variables. */
export function useAssetOptions(ds: CascadeDataSourceBase): {
  options: Array<ComboboxOption<string>>;
  error?: string;
  loading: boolean;
} {
  const [state, setState] = useState<{ assets: string[]; error?: string; loading: boolean }>({
    assets: [],
    loading: true,
  });
  useEffect(() => {
    let live = true;
    ds.metricFindQuery({ refId: 'assets', kind: 'assets' }).then(
      (values) => live && setState({ assets: values.map((v) => String(v.text)), loading: false }),
      (e) => live && setState({ assets: [], loading: false, error: e instanceof Error ? e.message : String(e) })
    );
    return () => {
      live = false;
    };
  }, [ds]);
  const options = useMemo(() => {
    const vars = ds.variableNames().map((v) => ({ label: v, value: v, description: 'Dashboard variable' }));
    return [...vars, ...state.assets.map((a) => ({ label: a, value: a }))];
  }, [ds, state.assets]);
  return { options, error: state.error, loading: state.loading };
}

/** Query editor: query type, assets (names or variables) and the fields of the chosen type. */
export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const styles = useStyles2(getStyles);
  const assets = useAssetOptions(datasource);
  const type = query.queryType ?? 'health';
  const update = (patch: Partial<CascadeQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: 'search' | 'traceId', value: string) => update({ [key]: value || undefined }, false);

  return (
    <div className={styles.editor} data-testid={testIds.datasource.queryEditor}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14}>
          <RadioButtonGroup
            aria-label="Query type"
            data-testid={testIds.datasource.queryType}
            options={QUERY_TYPES}
            value={type}
            onChange={(v) => update({ queryType: v })}
          />
        </InlineField>
      </InlineFieldRow>
      {USES_ASSETS.includes(type) && (
        <InlineFieldRow>
          <InlineField
            label="Assets"
            labelWidth={14}
            htmlFor="cascade-assets"
            tooltip="Empty = all assets. Pick names or dashboard variables ($asset); multi-value and All expand."
            error={assets.error}
            invalid={!!assets.error}
          >
            <MultiCombobox<string>
              id="cascade-assets"
              data-testid={testIds.datasource.assets}
              aria-label="Assets"
              placeholder={assets.loading ? 'Loading assets…' : 'All assets'}
              options={assets.options}
              value={query.assets ?? []}
              createCustomValue
              width={60}
              onChange={(items) => update({ assets: items.map((i) => String(i.value)) })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {type === 'metrics' && (
        <InlineFieldRow>
          <InlineField label="Metric" labelWidth={14} htmlFor="cascade-metric">
            <Combobox<CascadeMetric>
              id="cascade-metric"
              aria-label="Metric"
              options={METRICS}
              value={query.metric ?? 'duration'}
              width={30}
              onChange={(o) => update({ metric: o.value })}
            />
          </InlineField>
          {(query.metric ?? 'duration') === 'duration' && (
            <InlineField label="Statistic">
              <RadioButtonGroup
                aria-label="Statistic"
                options={STATS}
                value={query.stat ?? 'avg'}
                onChange={(v) => update({ stat: v })}
              />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
      {type === 'logs' && (
        <InlineFieldRow>
          <InlineField label="Level" labelWidth={14} htmlFor="cascade-level">
            <Combobox<string>
              id="cascade-level"
              aria-label="Level"
              options={LEVELS}
              value={query.level ?? null}
              isClearable
              createCustomValue
              placeholder="Any level"
              width={20}
              onChange={(o) => update({ level: o?.value || undefined })}
            />
          </InlineField>
          <InlineField label="Search" htmlFor="cascade-search" tooltip="Case-sensitive text the line must contain">
            <Input
              id="cascade-search"
              width={30}
              value={query.search ?? ''}
              onChange={(e) => text('search', e.currentTarget.value)}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {(type === 'logs' || type === 'trace') && (
        <InlineFieldRow>
          <InlineField
            label="Trace ID"
            labelWidth={14}
            htmlFor="cascade-trace-id"
            invalid={type === 'trace' && !query.traceId}
          >
            <Input
              id="cascade-trace-id"
              width={40}
              placeholder={type === 'trace' ? 'Required: up to 32 hex digits' : 'Only lines of this trace'}
              value={query.traceId ?? ''}
              onChange={(e) => text('traceId', e.currentTarget.value.trim())}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {(type === 'logs' || type === 'traces') && (
        <InlineFieldRow>
          <InlineField
            label="Limit"
            labelWidth={14}
            htmlFor="cascade-limit"
            tooltip="Capped by the data source's limits"
          >
            <Input
              id="cascade-limit"
              type="number"
              min={1}
              width={12}
              value={query.limit ?? ''}
              onChange={(e) => {
                const n = parseInt(e.currentTarget.value, 10);
                update({ limit: Number.isFinite(n) && n > 0 ? n : undefined }, false);
              }}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
});
