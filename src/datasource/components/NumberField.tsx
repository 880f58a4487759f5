import React, { useState } from 'react';
import { InlineField, Input } from '@grafana/ui';

interface Props {
  label: string;
  id: string;
  /** Stored value; undefined = use the default (shown as placeholder). */
  value: number | undefined;
  placeholder: number;
  onChange: (value: number | undefined) => void;
  tooltip?: string;
  min?: number;
  max?: number;
  step?: number;
  labelWidth?: number;
}

/** A number setting: blank means "default", out-of-range input is flagged and not saved. */
export function NumberField({
  label,
  id,
  value,
  placeholder,
  onChange,
  tooltip,
  min = 0,
  max,
  step,
  labelWidth = 26,
}: Props) {
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  const [synced, setSynced] = useState(value);
  // A new value from outside (e.g. provisioning reload) replaces what is typed: React's "adjust state while rendering".
  if (synced !== value) {
    setSynced(value);
    setText(shown);
  }
  const n = text.trim() === '' ? undefined : Number(text);
  const invalid = n !== undefined && (!Number.isFinite(n) || n < min || (max !== undefined && n > max));
  return (
    <InlineField
      label={label}
      labelWidth={labelWidth}
      htmlFor={id}
      tooltip={tooltip}
      invalid={invalid}
      error={invalid ? `Enter a number${max !== undefined ? ` between ${min} and ${max}` : ` ≥ ${min}`}` : undefined}
    >
      <Input
        id={id}
        type="number"
        width={16}
        min={min}
        max={max}
        step={step}
        value={text}
        placeholder={String(placeholder)}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={() => !invalid && n !== value && onChange(n)}
      />
    </InlineField>
  );
}
