import React, { useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { CascadeDataSourceBase } from '../base';
import { CascadeDataSourceOptions, CascadeQuery, CascadeVariableQuery } from '../types';

type Props = QueryEditorProps<CascadeDataSourceBase, CascadeQuery, CascadeDataSourceOptions, CascadeVariableQuery>;

const KINDS: Array<SelectableValue<CascadeVariableQuery['kind']>> = [
  { label: 'Assets', value: 'assets' },
  { label: 'Layers', value: 'layers' },
  { label: 'Owners', value: 'owners' },
];

/** Editor of a dashboard variable: what to list, and for assets an optional layer (variables allowed). */
export function VariableQueryEditor({ query, onChange }: Props) {
  const kind = query?.kind ?? 'assets';
  const [layer, setLayer] = useState(query?.layer ?? '');
  const commit = (patch: Partial<CascadeVariableQuery>) =>
    onChange({ refId: query?.refId ?? 'A', kind, layer: layer || undefined, ...patch });
  return (
    <InlineFieldRow>
      <InlineField label="List" labelWidth={10}>
        <RadioButtonGroup aria-label="List" options={KINDS} value={kind} onChange={(v) => commit({ kind: v })} />
      </InlineField>
      {kind === 'assets' && (
        <InlineField
          label="Layer"
          htmlFor="cascade-variable-layer"
          tooltip="Only assets of this layer, e.g. gold or $layer"
        >
          <Input
            id="cascade-variable-layer"
            width={20}
            value={layer}
            placeholder="any"
            onChange={(e) => setLayer(e.currentTarget.value)}
            onBlur={() => commit({ layer: layer || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
