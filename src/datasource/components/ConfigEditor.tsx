import React from 'react';
import { DataSourcePluginOptionsEditorProps, DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { InlineField, Stack, Text, useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { DEFAULT_SCRAPE_INTERVAL_S, DEFAULT_TIMEOUT_MS } from '../settings';
import { testIds } from '../../testIds';
import { CascadeDataSourceOptions } from '../types';
import {
  DEFAULT_HEALTH_RULES,
  DEFAULT_LIMITS,
  HealthRules,
  QueryLimits,
  StoredHealthRules,
  storedErrorRatePercent,
} from '../../model';
import { MappingSection } from './MappingSection';
import { NumberField } from './NumberField';

type Props = DataSourcePluginOptionsEditorProps<CascadeDataSourceOptions>;

const BACKENDS = [
  {
    key: 'prometheusUid',
    id: 'prometheus',
    type: 'prometheus',
    label: 'Prometheus',
    help: 'Metrics: runs, durations, freshness, quality, lineage, alerts',
  },
  {
    key: 'lokiUid',
    id: 'loki',
    type: 'loki',
    label: 'Loki',
    help: 'Logs: error counts, last error, the asset and trace log views',
  },
  {
    key: 'jaegerUid',
    id: 'traces',
    type: ['jaeger', 'tempo'],
    label: 'Traces',
    help: 'Jaeger or Tempo: recent runs per asset and the trace drill-down',
  },
] as const;

/** The picked trace backend: its uid, and its type for when Grafana's data source settings are not at hand. */
const tracesPatch = (ds?: DataSourceInstanceSettings): Partial<CascadeDataSourceOptions> => ({
  jaegerUid: ds?.uid,
  tracesUid: undefined,
  tracesType: ds?.type === 'tempo' || ds?.type === 'jaeger' ? ds.type : undefined,
});

const LIMITS: Array<{ key: keyof QueryLimits; label: string }> = [
  { key: 'maxSeries', label: 'Max series per query' },
  { key: 'maxLogLines', label: 'Max log lines per query' },
  { key: 'maxSpans', label: 'Max spans per trace' },
  { key: 'maxTraces', label: 'Max traces per search' },
];

const hours = (s: number | undefined) => (s === undefined ? undefined : Number((s / 3600).toFixed(3)));

/**
 * Config editor: the three backends (by uid, through Grafana's proxy; no credentials here; the trace backend is a Jaeger or a Tempo data source), status
 * rules, limits, timeout and the signal mapping. Any backend may be left empty.
 */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const styles = useStyles2(getStyles);
  const json = options.jsonData ?? {};
  const set = (patch: Partial<CascadeDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...json, ...patch } });
  const rules = json.rules ?? {};
  const setRules = (patch: StoredHealthRules) => set({ rules: { ...rules, ...patch } });
  const setSla = (key: 'warningSeconds' | 'criticalSeconds', h: number | undefined) => {
    const freshness = { ...(rules.freshness ?? {}) } as Partial<HealthRules['freshness']>;
    if (h === undefined) {
      delete freshness[key];
    } else {
      freshness[key] = Math.round(h * 3600);
    }
    setRules({ freshness: freshness as HealthRules['freshness'] });
  };

  return (
    <div className={styles.root} data-testid={testIds.datasource.configEditor}>
      <Stack direction="column" gap={2}>
        <section aria-label="Backends">
          <Text element="h3">Backends</Text>
          <Text color="secondary">
            Cascade reads these data sources through Grafana&apos;s proxy. Leave one empty to run without it.
          </Text>
          {BACKENDS.map((b) => (
            <InlineField key={b.key} label={b.label} labelWidth={16} tooltip={b.help} htmlFor={`cascade-ds-${b.id}`}>
              <DataSourcePicker
                inputId={`cascade-ds-${b.id}`}
                type={typeof b.type === 'string' ? b.type : [...b.type]}
                current={(b.id === 'traces' ? json.tracesUid || json.jaegerUid : json[b.key]) ?? null}
                noDefault
                width={40}
                placeholder={
                  b.id === 'traces' ? 'Select a Jaeger or Tempo data source' : `Select a ${b.label} data source`
                }
                onChange={(ds: DataSourceInstanceSettings) =>
                  set(b.id === 'traces' ? tracesPatch(ds) : { [b.key]: ds.uid })
                }
                onClear={() => set(b.id === 'traces' ? tracesPatch() : { [b.key]: undefined })}
              />
            </InlineField>
          ))}
        </section>

        <section aria-label="Health rules">
          <Text element="h3">Health rules</Text>
          <NumberField
            label="Freshness SLA warning (h)"
            id="cascade-sla-warning"
            value={hours(rules.freshness?.warningSeconds)}
            placeholder={hours(DEFAULT_HEALTH_RULES.freshness.warningSeconds)!}
            step={0.5}
            tooltip="Older than this → stale"
            onChange={(h) => setSla('warningSeconds', h)}
          />
          <NumberField
            label="Freshness SLA critical (h)"
            id="cascade-sla-critical"
            value={hours(rules.freshness?.criticalSeconds)}
            placeholder={hours(DEFAULT_HEALTH_RULES.freshness.criticalSeconds)!}
            step={0.5}
            tooltip="Older than this → critical"
            onChange={(h) => setSla('criticalSeconds', h)}
          />
          <NumberField
            label="Min validation pass rate (%)"
            id="cascade-min-pass-rate"
            value={rules.minPassRate}
            placeholder={DEFAULT_HEALTH_RULES.minPassRate}
            max={100}
            tooltip="Below this → warning"
            onChange={(v) => setRules({ minPassRate: v })}
          />
          <NumberField
            label="Max error rate (%)"
            id="cascade-max-error-rate"
            value={storedErrorRatePercent(rules)}
            placeholder={DEFAULT_HEALTH_RULES.maxErrorRate * 100}
            max={100}
            tooltip="Failed runs / runs over the range above this → critical"
            // Stored in percent, as shown; the older fraction key is dropped once edited.
            onChange={(v) => setRules({ maxErrorRatePercent: v, maxErrorRate: undefined })}
          />
        </section>

        <section aria-label="Limits">
          <Text element="h3">Limits and timeout</Text>
          {LIMITS.map((l) => (
            <NumberField
              key={l.key}
              label={l.label}
              id={`cascade-limit-${l.key}`}
              value={json.limits?.[l.key]}
              placeholder={DEFAULT_LIMITS[l.key]}
              min={1}
              step={1}
              onChange={(v) => set({ limits: { ...(json.limits ?? {}), [l.key]: v } })}
            />
          ))}
          <NumberField
            label="Request timeout (s)"
            id="cascade-timeout"
            value={json.timeoutMs === undefined ? undefined : json.timeoutMs / 1000}
            placeholder={DEFAULT_TIMEOUT_MS / 1000}
            min={1}
            onChange={(v) => set({ timeoutMs: v === undefined ? undefined : Math.round(v * 1000) })}
          />
          <NumberField
            label="Prometheus scrape interval (s)"
            id="cascade-scrape-interval"
            value={json.scrapeIntervalSeconds}
            placeholder={DEFAULT_SCRAPE_INTERVAL_S}
            min={1}
            tooltip="Sizes rate windows of metrics queries, like $__rate_interval"
            onChange={(v) => set({ scrapeIntervalSeconds: v })}
          />
        </section>

        <MappingSection mapping={json.mapping} onChange={(mapping) => set({ mapping })} />
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ maxWidth: theme.breakpoints.values.md, display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
});
