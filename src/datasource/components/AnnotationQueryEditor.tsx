import React from 'react';
import { AnnotationQuery, GrafanaTheme2, QueryEditorProps } from '@grafana/data';
import { Checkbox, InlineField, InlineFieldRow, InlineLabel, MultiCombobox, Stack, useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import { testIds } from '../../testIds';
import type { CascadeDataSourceBase } from '../base';
import { annotationKindsOf } from '../handlers/annotations';
import { ANNOTATION_KINDS, AnnotationKind } from '../../model';
import { CascadeDataSourceOptions, CascadeQuery } from '../types';
import { useAssetOptions } from './QueryEditor';

type Props = QueryEditorProps<CascadeDataSourceBase, CascadeQuery, CascadeDataSourceOptions> & {
  annotation?: AnnotationQuery<CascadeQuery>;
  onAnnotationChange?: (annotation: AnnotationQuery<CascadeQuery>) => void;
};

/** What each kind overlays, in the editor's words. */
export const KIND_LABELS: Record<AnnotationKind, { label: string; description: string }> = {
  failedRuns: { label: 'Failed runs', description: 'When the asset’s runs failed (the failures counter rose)' },
  slaBreaches: {
    label: 'SLA breaches',
    description: 'From when the asset passed its freshness SLA until its next update',
  },
  alerts: { label: 'Alert state changes', description: 'Prometheus alerts on the asset, pending and firing' },
};

/** The annotation editor: which assets (names or dashboard variables) and which kinds of events. */
export function AnnotationQueryEditor({ query, onChange, datasource }: Props) {
  const styles = useStyles2(getStyles);
  const assets = useAssetOptions(datasource);
  const kinds = annotationKindsOf(query);
  const update = (patch: Partial<CascadeQuery>) =>
    onChange({ ...query, queryType: 'annotations', refId: query.refId || 'Anno', ...patch });
  const toggle = (kind: AnnotationKind, on: boolean) =>
    update({ annotationKinds: ANNOTATION_KINDS.filter((k) => (k === kind ? on : kinds.includes(k))) });

  return (
    <div className={styles.editor} data-testid={testIds.datasource.annotationEditor}>
      <InlineFieldRow>
        <InlineField
          label="Assets"
          labelWidth={14}
          htmlFor="cascade-annotation-assets"
          tooltip="Empty = all assets. Pick names or dashboard variables ($asset); multi-value and All expand."
          error={assets.error}
          invalid={!!assets.error}
        >
          <MultiCombobox<string>
            id="cascade-annotation-assets"
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
      <InlineFieldRow>
        {/* A plain label: InlineField would hand its one id to every checkbox. */}
        <InlineLabel width={14} tooltip="None ticked shows all three">
          Show
        </InlineLabel>
        <Stack direction="row" gap={2} alignItems="center">
          {ANNOTATION_KINDS.map((k) => (
            <Checkbox
              key={k}
              id={`cascade-annotation-kind-${k}`}
              label={KIND_LABELS[k].label}
              description={KIND_LABELS[k].description}
              value={kinds.includes(k)}
              onChange={(e) => toggle(k, e.currentTarget.checked)}
            />
          ))}
        </Stack>
      </InlineFieldRow>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
});
